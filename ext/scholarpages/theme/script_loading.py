"""Scripts nothing needs before the page is shown load with ``defer``.

Sphinx and sphinx-copybutton put their scripts in the head without it, so a browser stops
building the page until each has arrived: on a phone's connection that is a round trip
each, before the first paint (Lighthouse's "render-blocking resources"). These four only
set up once the document is read (search-term highlighting, the copy buttons), and run in
the same order when deferred. ``documentation_options.js`` stays as it is: the theme's inline
scripts read what it defines while the head is read.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ..upstream.sphinx_private import load_deferred

DEFERRED = frozenset(
    {
        "_static/doctools.js",
        "_static/sphinx_highlight.js",
        "_static/clipboard.min.js",
        "_static/copybutton.js",
    }
)


def defer_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        load_deferred(scripts, DEFERRED)
