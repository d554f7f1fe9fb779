"""Old URLs of a paper: a ``redirect_from`` field in its entry, as on a page's front matter.

An academicpages site served each paper at ``/publication/<name>``; keeping that URL in the
entry makes it redirect to the paper's page here. The files written for each paper (its
page, its BibTeX) are named too, so that no page or entry claims their URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..frontmatter.routes import Claim
from ..frontmatter.written_files import WrittenFile, page_file
from .loader import database_of
from .paper_names import paper_pagename
from .render import PAPER_PAGES


def paper_claims(app: Sphinx, env: BuildEnvironment) -> Iterator[Claim]:
    database = database_of(app)
    # Each URL is checked with every other claim (routes, through site_path), a name too
    # long for a file system included.
    for key, line, url in database.old_urls:
        yield Claim(paper_pagename(env, key), "redirect_from", url, database.location(line))


def paper_outputs(app: Sphinx, env: BuildEnvironment) -> Iterator[WrittenFile]:
    # The keys alone: a rebuild that changes nothing does not read the entries.
    for key in sorted(database_of(app).entry_digests):
        pagename = paper_pagename(env, key)
        yield WrittenFile(page_file(app.builder, pagename), f"the page of {key}")
        # Beside the page, as paper_writing writes it.
        yield WrittenFile(f"{pagename}.bib", f"the BibTeX of {key}")


# Until page names kept the letters of every script, a run of anything but ASCII letters,
# digits and "._-" became "-": "müller2020" was at "m-ller2020" (ASCII keys keep their
# names). Such an entry's former address redirects to its page, where that address was the
# entry's alone and nothing else has it now.
_OLD_NAME_RUN = re.compile(r"[^A-Za-z0-9._-]+")


def _old_name(key: str) -> str:
    return _OLD_NAME_RUN.sub("-", key).strip("-.") or "entry"


def _former_name(key: str) -> str | None:
    """The name an entry's page had before, where it differs from the name it has now."""
    name = _old_name(key)
    return None if key.isascii() or name.lower().endswith((".bib", ".html", ".htm")) else name


def former_address_claims(app: Sphinx, env: BuildEnvironment) -> Iterator[Claim]:
    database = database_of(app)
    keys = sorted(database.entry_digests)
    # Compared as a case-insensitive file system compares names.
    taken = {name.casefold() for name in [*map(str, env.found_docs)]}
    taken |= {paper_pagename(env, key).casefold() for key in keys}
    holders: dict[str, list[str]] = {}
    for key in keys:
        holders.setdefault(f"{PAPER_PAGES}/{_old_name(key)}".casefold(), []).append(key)
    for key in keys:
        name = _former_name(key)
        if name is None:
            continue
        former = f"{PAPER_PAGES}/{name}"
        if former.casefold() in taken or len(holders.get(former.casefold(), [])) > 1:
            continue
        url = "/" + page_file(app.builder, former).removesuffix("index.html")
        yield Claim(paper_pagename(env, key), "redirect_from", url, database.path)
