"""Small pieces every part of scholarpages uses with Sphinx."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder


def writes_site(app: Sphinx) -> bool:
    """Whether the build writes a site of pages (html, dirhtml), not one page or no HTML."""
    return isinstance(app.builder, StandaloneHTMLBuilder) and app.builder.name != "singlehtml"


def choice(values: tuple[str, ...]) -> Callable[[str], str]:
    """A directive option that takes one of ``values``."""

    def check(argument: str) -> str:
        return str(directives.choice(argument, values))

    return check


Visitors = tuple[Callable[..., Any], Callable[..., Any] | None]


def add_node(app: Sphinx, node: type[nodes.Element], html: Visitors, elsewhere: Visitors) -> None:
    """``node``, written by ``html`` in HTML and by ``elsewhere`` in the other formats
    Sphinx's own builders write: a node of ours needs a visitor in each."""
    app.add_node(node, html=html, latex=elsewhere, text=elsewhere, man=elsewhere, texinfo=elsewhere)
