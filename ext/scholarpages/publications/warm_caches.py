"""Decoded LaTeX and highlighted BibTeX made before Sphinx starts its parallel workers.

With ``-j N`` the publications page is read and written in worker processes, and what they
decode or highlight is lost when they exit; the paper pages, made afterwards in the main
process, would do it all again. Done in the main process just before the workers start,
the work is done once and every worker inherits it.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from .bibtex_block import highlight_once
from .latex import latex_to_text
from .loader import database_of
from .names import parse_name

# The fields the list and the paper pages show, each decoded on its own.
_SHOWN_FIELDS = (
    "title",
    "abstract",
    "journal",
    "booktitle",
    "school",
    "institution",
    "publisher",
    "howpublished",
    "note",
    "award",
    "abbr",
    "page_text",
)


def _parallel(app: Sphinx) -> bool:
    return app.parallel > 1


def decode_before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not _parallel(app) or len(docnames) < 2:
        return
    for publication in database_of(app.srcdir).publications:
        for name in _SHOWN_FIELDS:
            if publication.get(name):
                latex_to_text(publication.get(name))
        for names in publication.persons.values():
            for written in names:
                parse_name(written)


def highlight_before_writing(app: Sphinx, builder: Builder) -> None:
    if not _parallel(app) or builder.format != "html":
        return
    for publication in database_of(app.srcdir).publications:
        highlight_once(builder, publication.bibtex)
