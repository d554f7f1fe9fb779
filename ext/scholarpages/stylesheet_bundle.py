"""The package's stylesheets served as one file, ``scholarpages.css``.

Each stylesheet in the head is a request a browser waits for before it first paints a page;
on a phone's connection (six at a time to a host) the seventh and later ones cost another
round trip each. The site's theme, math and lists have a stylesheet each, kept apart in the
source with the code they style and joined, in the order they are added, into one file in the
build's own folder, which Sphinx copies into ``_static`` with the other static files.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .build_state import state_of
from .store import write_if_changed

BUNDLE = "scholarpages.css"


def add_stylesheet(app: Sphinx, path: Path) -> None:
    """Serve ``path`` as part of the bundle (in a builder-inited handler)."""
    if app.builder.format == "html":
        state_of(app).stylesheets.append(path)


def write_bundle(app: Sphinx) -> None:
    """Join the stylesheets added, and add the bundle to every page."""
    parts = state_of(app).stylesheets
    if not parts:
        return
    folder = Path(app.doctreedir) / "scholarpages" / "static"
    text = "\n".join(f"/* {part.name} */\n{part.read_text(encoding='utf-8')}" for part in parts)
    # An unchanged bundle keeps its date, as Sphinx's copy of it then does.
    write_if_changed(folder / BUNDLE, text)
    app.config.html_static_path.append(str(folder))
    app.add_css_file(BUNDLE)
