"""Old URLs of a paper: a ``redirect_from`` field in its entry, as on a page's front matter.

An academicpages site served each paper at ``/publication/<name>``; keeping that URL in the
entry makes it redirect to the paper's page here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..frontmatter.routes import Claim
from .loader import database_of
from .render import paper_pagename


def paper_claims(app: Sphinx, env: BuildEnvironment) -> Iterator[Claim]:
    database = database_of(app.srcdir)
    for publication in database.publications:
        for url in re.split(r"[\s,]+", publication.get("redirect_from")):
            if url:
                location = f"{database.path}:{publication.line}"
                yield Claim(paper_pagename(publication.key), "redirect_from", url, location)
