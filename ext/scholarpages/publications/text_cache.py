"""Text worked out from text, kept between builds: decoded LaTeX, highlighted BibTeX.

Both take milliseconds a string, and an edited .bib changes few of its strings. A cache maps
each source string to its result. It is read from beside the doctrees when first used, and
written back when the build added to it, holding only the strings this build used. A
version (the libraries and settings that shape the results) discards it whole when it
changes.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx


class TextCache:
    def __init__(self, name: str) -> None:
        self._name = name
        self._path: Path | None = None
        self._version: tuple[str, ...] = ()
        self._results: dict[str, str] | None = None
        self._used: set[str] = set()
        self._grew = False

    def start(self, app: Sphinx, version: tuple[str, ...]) -> None:
        self._path = Path(app.doctreedir) / "scholarpages" / f"{self._name}.pickle"
        self._version = version
        self._results, self._used, self._grew = None, set(), False

    def _load(self) -> dict[str, str]:
        if self._path is None:
            return {}
        try:
            with self._path.open("rb") as stream:
                version, stored = pickle.load(stream)  # noqa: S301 - our own cache file
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return {}
        return stored if version == self._version and isinstance(stored, dict) else {}

    def get(self, text: str, compute: Callable[[], str]) -> str:
        if self._results is None:
            self._results = self._load()
        self._used.add(text)
        result = self._results.get(text)
        if result is None:
            result = self._results[text] = compute()
            self._grew = True
        return result

    def save(self) -> None:
        if not self._grew or self._results is None or self._path is None:
            return
        kept = {text: result for text, result in self._results.items() if text in self._used}
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with self._path.open("wb") as stream:
            pickle.dump((self._version, kept), stream, pickle.HIGHEST_PROTOCOL)
