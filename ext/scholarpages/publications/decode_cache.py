"""LaTeX decoding remembered between builds, keyed by the LaTeX source itself.

latexcodec takes milliseconds a string; with thousands of entries that is most of a build
after an edit. The decoded strings are kept beside the doctrees; a build decodes only the
strings it has not seen, and keeps only the strings it used.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from . import latex

_VERSION = 1


def _path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "scholarpages" / "latex.pickle"


def load_decoded(app: Sphinx, config: Config) -> None:
    latex.USED.clear()
    try:
        with _path(app).open("rb") as stream:
            version, decoded = pickle.load(stream)  # noqa: S301 - our own cache file
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return
    if version == _VERSION and isinstance(decoded, dict):
        latex.DECODED.update(decoded)


def save_decoded(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not latex.USED:
        return
    kept = {key: latex.DECODED[key] for key in latex.USED if key in latex.DECODED}
    path = _path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        pickle.dump((_VERSION, kept), stream, pickle.HIGHEST_PROTOCOL)
