"""Nodes for content shown on demand: HTML ``<details>``/``<summary>``, no script needed;
and text that only the site's search index reads."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..sphinx_support import add_node


class disclosure(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Content hidden until the reader opens it."""


class disclosure_summary(nodes.TextElement):  # noqa: N801
    """The always-visible label that opens a disclosure."""


class search_text(nodes.General, nodes.Element):  # noqa: N801
    """Text the site's search finds on the page, which the page does not show (a list
    entry's abstract, shown on demand from the paper's page)."""


def _skip(translator: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _visit_disclosure(translator: HTML5Translator, node: disclosure) -> None:
    if node.get("open"):
        translator.body.append(translator.starttag(node, "details", open="open"))
    else:
        translator.body.append(translator.starttag(node, "details"))


def _depart_disclosure(translator: HTML5Translator, node: disclosure) -> None:
    translator.body.append("</details>\n")


def _visit_summary(translator: HTML5Translator, node: disclosure_summary) -> None:
    translator.body.append(translator.starttag(node, "summary", suffix=""))


def _depart_summary(translator: HTML5Translator, node: disclosure_summary) -> None:
    translator.body.append("</summary>\n")


def _visit_plain(translator: object, node: nodes.Element) -> None:
    """Other formats show the content as it is."""


def add_nodes(app: Sphinx) -> None:
    plain = (_visit_plain, _visit_plain)
    for node, html in (
        (disclosure, (_visit_disclosure, _depart_disclosure)),
        (disclosure_summary, (_visit_summary, _depart_summary)),
    ):
        add_node(app, node, html, plain)
    skip = (_skip, None)
    add_node(app, search_text, skip, skip)
