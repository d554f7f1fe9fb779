"""Old URLs of a paper: a ``redirect_from`` field in its entry, as on a page's front matter.

An academicpages site served each paper at ``/publication/<name>``; keeping that URL in the
entry makes it redirect to the paper's page here. The files written for each paper (its
page, its BibTeX) are named too, so that no page or entry claims their URLs.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..confinement import MAX_NAME_BYTES, fits_file_system
from ..frontmatter.routes import Claim
from ..frontmatter.written_files import WrittenFile, page_file
from .loader import database_of
from .paper_names import paper_pagename

logger = logging.getLogger(__name__)


def paper_claims(app: Sphinx, env: BuildEnvironment) -> Iterator[Claim]:
    database = database_of(app.srcdir)
    for key, line, url in database.old_urls:
        if not fits_file_system(unquote(url)):
            logger.warning(
                f"redirect_from {url!r} refused: a part of it is longer than the "
                f"{MAX_NAME_BYTES} bytes a file name can have",
                location=f"{database.path}:{line}",
                type="scholarpages",
                subtype="unsafe_url",
            )
            continue
        yield Claim(paper_pagename(env, key), "redirect_from", url, f"{database.path}:{line}")


def paper_outputs(app: Sphinx, env: BuildEnvironment) -> Iterator[WrittenFile]:
    # The keys alone: a rebuild that changes nothing does not read the entries.
    for key in sorted(database_of(app.srcdir).entry_digests):
        pagename = paper_pagename(env, key)
        yield WrittenFile(page_file(app.builder, pagename), f"the page of {key}")
        # Beside the page, as paper_writing writes it.
        yield WrittenFile(f"{pagename}.bib", f"the BibTeX of {key}")
