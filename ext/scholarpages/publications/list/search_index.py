"""The entries of a list cut into pages (list_pages), for its search box to search them all.

One JSON file per list, fetched by the box's script when the box is first used, never when
a page loads: the pages a reader looks at stay light. It holds the list's pages (addresses
relative to the file, and labels) and each entry as the HTML its document's page shows, with
the number of the page that shows it. The script reads the words an entry is found by from
that HTML, as it does from the entries of the page itself.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.writers.html5 import HTML5Translator

from ...frontmatter.site_files import register_site_output
from ..output_stamp import write_if_changed
from ..render import publication_entry
from .entry_rows import entries_of, written_entries


def _entries(page: nodes.Element) -> list[publication_entry]:
    found: list[publication_entry] = []
    for node in page.findall(lambda node: isinstance(node, publication_entry | written_entries)):
        if isinstance(node, written_entries):
            found.extend(entries_of(node))
        elif isinstance(node, publication_entry) and not isinstance(node.parent, written_entries):
            found.append(node)
    return found


def _relative(uri: str, folder: str) -> str:
    """``uri`` from ``folder``, a folder's address still ending in "/"."""
    address = posixpath.relpath(uri or ".", folder)
    return address + "/" if uri.endswith("/") or not uri else address


def write_search_index(
    app: Sphinx,
    builder: StandaloneHTMLBuilder,
    translator: HTML5Translator,
    *,
    index_file: str,
    shown: Sequence[nodes.Element],
    pages: list[tuple[str, str]],
) -> None:
    """Write the list's entries, page by page, to ``index_file`` (a path in the site)."""
    folder = posixpath.dirname(index_file) or "."
    entries: list[tuple[int, str]] = []
    for number, page in enumerate(shown):
        for entry in _entries(page):
            translator.body = []
            entry.walkabout(translator)
            entries.append((number, "".join(translator.body)))
    content = {
        "pages": [
            {"url": _relative(builder.get_target_uri(name), folder), "label": label}
            for name, label in pages
        ],
        "entries": entries,
    }
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    write_if_changed(Path(app.outdir, index_file), text)
    register_site_output(app, index_file)
