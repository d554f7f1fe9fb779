"""Entries written from kept HTML, gathered out of the page's tree as it is written.

Once an entry is given the HTML it was last written as (see entry_html), nothing in the
page's tree needs its node any more: Sphinx's post-transforms, the translator, the search
index and the theme would only walk past it. At 5,000 entries, that walking was most of
the time a rebuild spent on the list after one entry was edited. So each row of such
entries, side by side in a list, becomes one ``written_entries`` node: the entries are
kept in its ``entries``, out of the tree, and written from there in their order; the tree
holds only their text, for the search index and the page description (see finish_entries).

An entry with other content (a preview image, which the builder copies as it finds it in
the tree, or nodes still to be written) stays in the tree as it is.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..render import publication_entry
from .search_box import ENTRY_END, start_inputs


class written_entries(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Entries of a list, side by side, each written from its kept HTML (``entries``)."""


def gather_written(document: nodes.document, is_written: type[nodes.Element]) -> None:
    """Put each row of entries that hold only their kept HTML (an ``is_written`` node) into
    one ``written_entries`` node, in their place."""
    parents = {id(entry.parent): entry.parent for entry in document.findall(publication_entry)}
    for parent in parents.values():
        if parent is not None:
            _gather_children(parent, is_written)


def _gather_children(parent: nodes.Element, is_written: type[nodes.Element]) -> None:
    children: list[nodes.Node] = []
    row: written_entries | None = None
    rows = 0
    for child in parent.children:
        if not _holds_only(child, is_written):
            row = None
            children.append(child)
            continue
        if row is None:
            row = written_entries(entries=[])
            children.append(row)
            rows += 1
        row["entries"].append(child)
        # Warnings and translators that look up from the entry still find the list.
        child.parent = row
    if not rows:
        return  # nothing changes
    parent.children = []
    parent.extend(children)


def _holds_only(node: nodes.Node, is_written: type[nodes.Element]) -> bool:
    return (
        isinstance(node, publication_entry)
        and len(node.children) == 1
        and isinstance(node.children[0], is_written)
    )


def entries_of(row: written_entries) -> list[publication_entry]:
    entries: list[publication_entry] = row["entries"]
    return entries


def _visit_written_entries(translator: HTML5Translator, node: written_entries) -> None:
    # Each entry as the translator writes it in the tree: the same HTML, byte for byte. Its
    # start tag as it was last written, if made of the same ids, classes and search words.
    body = translator.body
    for entry in entries_of(node):
        written = entry.children[0]
        kept = written.get("start") if isinstance(written, nodes.Element) else None
        if isinstance(written, nodes.Element) and kept and kept[0] == start_inputs(entry):
            body.append(kept[1] + written["html"] + ENTRY_END)
        else:
            entry.walkabout(translator)
    raise nodes.SkipNode


HTML_VISITORS = (_visit_written_entries, None)
