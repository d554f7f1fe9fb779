"""Find-as-you-type over a publications list: the box, and the words each entry is found by.

The box is written into the page with ``hidden``: without JavaScript a reader sees every
entry and no box that does nothing. With JavaScript on, its stylesheet shows it from the first
paint (``@media (scripting: enabled)``), so the list is laid out below it once and does not
move when its script (``static/scholarpages-search.js``) runs; in a browser that does not know
that media feature, the script shows it. The script reads each entry's shown text (title,
authors, venue, year, already decoded from LaTeX) from the page, and the words it does not
show (keywords, type) from one ``data-sp-terms`` attribute on the entry: the page carries
nothing twice.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ...sphinx_support import add_node
from ..database import Publication
from ..latex import latex_to_text
from ..render import publication_entry
from .reveal import LIST_PAGE_MARK
from .selection import type_group

# A list this long gets a box unless its directive says ``:search: no``; a shorter one (a
# handful of selected papers on the home page) is read at a glance and gets one only with
# ``:search: yes``.
SEARCH_FROM = 10
SEARCH_CHOICES = ("yes", "no")
TERMS = "search_terms"
SCRIPT = "scholarpages-search.js"  # its style: static/scholarpages-lists.css


class search_box(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """The search box of the list that follows it; ``ident`` is unique on its page."""


def wants_search(option: str | None, entries: int) -> bool:
    """Whether a list gets a box: as its ``:search:`` option says, else by its length."""
    if option is not None:
        return option == "yes"
    return entries >= SEARCH_FROM


def search_terms(publication: Publication) -> str:
    """The words an entry is found by that its text does not show: keywords and type."""
    group = type_group(publication)
    words = [
        latex_to_text(publication.get("keywords")),
        publication.entry_type,
        group if group not in {publication.entry_type, "other"} else "",
    ]
    return " ".join(word for word in words if word)


def count_text(shown: int, total: int) -> str:
    """ "12 of 5,000 publications"; the script writes the same words."""
    noun = "publication" if total == 1 else "publications"
    return f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}"


def _visit_search_box(translator: HTML5Translator, node: search_box) -> None:
    ident = node["ident"]
    total = int(node["total"])
    count = f"{ident}-count"
    # A list cut into pages is searched whole from the file of all its entries.
    index = f' data-sp-index="{translator.attval(node["index"])}"' if "index" in node else ""
    translator.body.append(
        # role="search" is left out: two lists on a page would make two landmarks alike.
        f'<div class="sp-search" hidden="hidden"{index}>\n'
        f'<label for="{ident}">Search publications</label>\n'
        f'<input type="search" id="{ident}" autocomplete="off" spellcheck="false" '
        f'aria-describedby="{count}">\n'
        f'<p class="sp-search-count" id="{count}" aria-live="polite">'
        f"{translator.encode(count_text(total, total))}</p>\n"
        "</div>\n"
    )
    raise nodes.SkipNode


def _skip(translator: Any, node: nodes.Element) -> None:
    """Other formats have no script: the list is shown whole."""
    raise nodes.SkipNode


def entry_start(translator: HTML5Translator, node: publication_entry) -> str:
    """The entry's start tag: the container it is, with its search words when its list has
    a box."""
    terms = {"data-sp-terms": node[TERMS]} if TERMS in node else {}
    return str(translator.starttag(node, "div", CLASS="docutils container", **terms))


def start_inputs(node: publication_entry) -> str:
    """What the entry's start tag is made of: equal inputs, equal tags."""
    return repr((node["ids"], node["classes"], node.get(TERMS)))


ENTRY_END = "</div>\n"


def _visit_entry(translator: HTML5Translator, node: publication_entry) -> None:
    translator.body.append(entry_start(translator, node))


def _depart_entry(translator: HTML5Translator, node: publication_entry) -> None:
    translator.body.append(ENTRY_END)


def _add_files(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The script, on the pages that have a box only. Its style is in the lists' stylesheet,
    which every page has: one file fewer for a list's page to wait for before it is shown."""
    further_page = context.get(LIST_PAGE_MARK) or {}
    if further_page.get("search") or (
        isinstance(doctree, nodes.document) and doctree.next_node(search_box) is not None
    ):
        app.add_js_file(SCRIPT, loading_method="defer")


def setup_search_box(app: Sphinx) -> None:
    skip = (_skip, None)
    add_node(app, search_box, (_visit_search_box, None), skip)
    app.add_node(publication_entry, html=(_visit_entry, _depart_entry))
    app.connect("html-page-context", _add_files)
