"""The script that shows a list entry's abstract and BibTeX in place, on pages with lists.

Only pages with a publications list load it (a few kB, once; see scholarpages-reveal.js).
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx

from .domain import PublicationsDomain

SCRIPT = "scholarpages-reveal.js"


def add_reveal_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is None:
        return
    domain = cast(PublicationsDomain, app.env.get_domain("scholarpages"))
    if pagename in domain.lists:
        app.add_js_file(SCRIPT, loading_method="defer")
