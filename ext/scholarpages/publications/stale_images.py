"""Images a page no longer shows leave the site, as they would be absent from a clean build.

Sphinx copies the images of the pages it writes into ``_images/`` and never removes one: an
entry's preview image stays there after the entry is removed from the database. The images
of the environment are recorded after each build; those gone since the last are removed.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ..confinement import is_safe_name
from ..sphinx_support import writes_site
from ..store import remove_output


def _record(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "scholarpages" / f"images-{app.builder.name}.json"


def remove_stale_images(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not writes_site(app):
        return
    current = sorted({name for _, name in app.env.images.values()})
    record = _record(app)
    try:
        previous = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = []
    if previous == current:
        return
    outdir = Path(app.outdir)
    folder = outdir / app.builder.imagedir
    if isinstance(previous, list):
        for name in set(previous) - set(current):
            if isinstance(name, str) and is_safe_name(name):
                remove_output(folder / name, outdir)
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(current), encoding="utf-8")
