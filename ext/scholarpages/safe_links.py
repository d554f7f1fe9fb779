"""No page links to a script: a last check of every link, whoever made it.

Our own lists and paper pages only ever link http(s) URLs and site paths, but other parts
of a page make links too: sphinxcontrib-bibtex's ``{bibliography}`` turns a cited entry's
``url = {javascript:...}`` or ``\\url{javascript:...}`` into a live link, and an imported
page may carry such a Markdown link. Once every transform has run, a link whose scheme can
run code or smuggle a document (``javascript:``, ``vbscript:``, ``data:``, ``file:``) is
replaced by its text, with a warning at its source.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from . import event_order as order

logger = logging.getLogger(__name__)

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})
# Browsers ignore these inside a scheme ("java\tscript:") and before it.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def is_unsafe_uri(uri: str) -> bool:
    match = _SCHEME.match(_IGNORED.sub("", uri).lower())
    return match is not None and match.group(1) in UNSAFE_SCHEMES


def unlink_unsafe_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for reference in list(doctree.findall(nodes.reference)):
        uri = str(reference.get("refuri", ""))
        if uri and is_unsafe_uri(uri):
            logger.warning(
                f"link to {uri[:80]!r} removed: a {uri.split(':', 1)[0].strip()}: link could "
                "run code in the reader's browser",
                location=reference if reference.source else docname,
                type="scholarpages",
                subtype="unsafe_link",
            )
            reference.replace_self(nodes.inline(reference.astext(), reference.astext()))


def setup_safe_links(app: Sphinx) -> None:
    # Last: after every extension's own handlers have made their links.
    app.connect(
        "doctree-resolved", unlink_unsafe_references, priority=order.UNLINK_UNSAFE_REFERENCES
    )
