"""Images a page no longer shows leave the site, as they would be absent from a clean build.

Sphinx copies the images of the pages it writes into ``_images/`` and never removes one: an
entry's preview image stays there after the entry is removed from the database. Each build
marks the images of the environment as its outputs; the store removes, when the build ends,
those an earlier build marked and this one did not.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..build_state import state_of
from ..sphinx_support import writes_site


def mark_images(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not writes_site(app):
        return
    folder = Path(app.outdir) / app.builder.imagedir
    store = state_of(app).store
    for name in sorted({name for _, name in app.env.images.values()}):
        store.mark(folder / name, "image")
