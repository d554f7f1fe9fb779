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

from ...build_state import state_of
from ...frontmatter.routes import Claim
from ...frontmatter.written_files import page_file
from ..loader import database_of
from ..render import PAPER_PAGES
from .paper_names import names_digest, paper_pagename, paper_pagenames


def paper_claims(app: Sphinx, env: BuildEnvironment) -> Iterator[Claim]:
    database = database_of(app)
    # Each URL is checked with every other claim (routes, through site_path), a name too
    # long for a file system included.
    for key, line, url in database.old_urls:
        yield Claim(paper_pagename(env, key), "redirect_from", url, database.location(line))


def paper_outputs(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    """The files written for each paper: its page, and its BibTeX beside it."""
    names = names_digest(env)
    if not names:
        return _paper_files(app, env)
    # The same page names give the same files: a rebuild takes them from the store.
    layout = page_file(app.builder, f"{PAPER_PAGES}/name")
    key = (names, app.builder.name, layout)
    return state_of(app).store.memo("paper-outputs", key, lambda: _paper_files(app, env), keep=2)


def _paper_files(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    files: dict[str, str] = {}
    # The keys alone: a rebuild that changes nothing does not read the entries.
    pagenames = paper_pagenames(env, database_of(app).entry_digests)
    for key, pagename in sorted(pagenames.items()):
        files[page_file(app.builder, pagename)] = f"the page of {key}"
        files[f"{pagename}.bib"] = f"the BibTeX of {key}"  # as paper_writing writes it
    return files


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
    if all(key.isascii() for key in keys):
        return  # ASCII keys kept their names: no page has moved
    pagenames = paper_pagenames(env, keys)
    # Compared as a case-insensitive file system compares names.
    taken = {name.casefold() for name in [*map(str, env.found_docs), *pagenames.values()]}
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
        yield Claim(pagenames[key], "redirect_from", url, database.path)
