"""The entries of a list cut into pages (list_pages), for its search box to search them all.

One JSON file per list, fetched by the box's script when the box is first used, never when
a page loads: the pages a reader looks at stay light. It holds each of the list's pages: its
address (relative to the file), its label, and the HTML of its entries as the list's first
page shows them. The script finds the entries in that HTML and reads the words an entry is
found by from it, as it does from the entries of the page itself.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ...frontmatter.site_files import register_site_output
from ...store import write_if_changed


def _relative(uri: str, folder: str) -> str:
    """``uri`` from ``folder``, a folder's address still ending in "/"."""
    address = posixpath.relpath(uri or ".", folder)
    return address + "/" if uri.endswith("/") or not uri else address


def json_string(text: str) -> str:
    """``text`` as a JSON string, as the file holds it: a page kept as written (see
    unchanged_pages) keeps its entries so, and is not encoded again."""
    return json.dumps(text, ensure_ascii=False)


def write_search_index(
    app: Sphinx, builder: StandaloneHTMLBuilder, index_file: str, pages: list[tuple[str, str, str]]
) -> None:
    """Write each page's (pagename, label, entries' HTML as a ``json_string``) to
    ``index_file``, a path in the site."""
    folder = posixpath.dirname(index_file) or "."
    # Put together in one join: each page's HTML is copied once, not once more per step.
    parts = ['{"pages":[']
    for number, (name, label, html) in enumerate(pages):
        url = json_string(_relative(builder.get_target_uri(name), folder))
        parts += ["," if number else "", f'{{"url":{url},"label":{json_string(label)},"html":']
        parts += [html, "}"]
    parts.append("]}")
    text = "".join(parts)
    write_if_changed(Path(app.outdir, index_file), text)
    register_site_output(app, index_file)
