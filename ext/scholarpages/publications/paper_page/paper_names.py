"""Where each entry's page is, for every part of the build that links to it or writes it.

The names are settled once per build, when every page has been read (``env-updated``):
they must avoid what the site puts under ``publications/`` itself (its pages, folders
served as they are, redirect stubs claimed by pages and entries), and that is known only
then. They are kept in the publications domain, for the pages written in this build (in
``-j`` workers too) and to tell the next build which pages link to an entry whose page
moved. The anchors of entries in lists are set while reading, from the keys alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ...frontmatter.metadata import FrontMatter
from ...frontmatter.urls import UnsafeURLError, site_path
from ..database import Database
from ..domain import publications_domain
from ..loader import database_of
from ..render import PAPER_PAGES
from .page_names import INDEX, Naming, assign_page_names, fold, readable_name

logger = logging.getLogger(__name__)

_FOLDER = f"{PAPER_PAGES}/"


def _first_name(output_path: str) -> str | None:
    """The name right under publications/ that an output path takes, if it is there."""
    if not output_path.startswith(_FOLDER):
        return None
    return output_path.removeprefix(_FOLDER).split("/")[0] or None


def _claimed_files(app: Sphinx, env: BuildEnvironment) -> Iterator[tuple[str, str, str | None]]:
    """(output file, what claims it, the entry claiming it) of each redirect stub claimed."""
    for docname in sorted(env.found_docs):
        front_matter = FrontMatter.from_metadata(env.metadata.get(docname, {}))
        urls = [*([front_matter.permalink] if front_matter.permalink else [])]
        for url in [*urls, *front_matter.redirect_from]:
            try:
                yield site_path(url).file, f"a URL claimed by {env.doc2path(docname)}", None
            except UnsafeURLError:
                continue
    database = database_of(app)
    for key, line, url in database.old_urls:
        try:
            file = site_path(url).file
        except UnsafeURLError:
            continue
        yield file, f"a URL claimed by entry {key!r} ({database.location(line)})", key


def _reserve(reserved: dict[str, str], name: str, why: str) -> None:
    reserved.setdefault(name, why)
    # publications/x.bib is the download of the page x; with the html builder,
    # publications/x.html is the page x itself.
    for ending in (".bib", ".html", ".htm"):
        if name.lower().endswith(ending) and len(name) > len(ending):
            reserved.setdefault(name[: -len(ending)], why)


def _reserve_list_pages(reserved: dict[str, str], env: BuildEnvironment) -> None:
    """The pages long lists go on over (list.list_pages), and the files of their entries."""
    for docname, pages in sorted(publications_domain(env).list_pages.items()):
        for pagename in pages:
            name = _first_name(pagename)
            if name is not None:
                _reserve(reserved, name, f"a page of the list in {env.doc2path(docname)}")


def reserved_names(app: Sphinx, env: BuildEnvironment) -> dict[str, str]:
    """Names under publications/ that the site uses for something else -> what uses them."""
    reserved = {INDEX: "the folder's index page (with dirhtml, the publications list)"}
    for docname in sorted(env.found_docs):
        name = _first_name(docname)
        if name is not None:
            _reserve(reserved, name, f"the page {env.doc2path(docname)}")
    _reserve_list_pages(reserved, env)
    # Folders copied as they are: what they hold under publications/ keeps its name.
    static = [str(folder).strip("/") for folder in app.config.scholarpages_static_dirs]
    copied = [Path(app.confdir, extra, PAPER_PAGES) for extra in app.config.html_extra_path]
    if PAPER_PAGES in static:
        copied.append(Path(app.srcdir, PAPER_PAGES))
    for served in copied:
        if served.is_dir():
            for path in sorted(served.iterdir()):
                _reserve(reserved, path.name, f"{path}, copied into the site")
    for folder in static:
        name = _first_name(folder + "/")
        if name is not None:
            reserved.setdefault(name, f"the folder {folder} of scholarpages_static_dirs")
    for file, claimant, key in _claimed_files(app, env):
        name = _first_name(file)
        if name is None or (key is not None and fold(name) == fold(readable_name(key))):
            continue  # an entry's old URL that is its own page's address
        _reserve(reserved, name, claimant)
    return reserved


def _warn(database: Database, line: int, message: str) -> None:
    logger.warning(
        message,
        location=database.location(line),
        type="scholarpages",
        subtype="bib.page_name",
    )


def _report(database: Database, naming: Naming, reserved: dict[str, str]) -> None:
    """Warn about every entry whose page is not at the name its key reads as."""
    if not naming.displaced and not naming.shortened:
        return  # the entries are not even read
    by_key = database.by_key()
    names = naming.names
    folded_reserved = {fold(name): why for name, why in reserved.items()}
    for key in naming.shortened:
        _warn(
            database,
            by_key[key].line,
            f"entry key {key[:40]!r}... is {len(key.encode())} bytes long, too long for a "
            f"file name; its page is {PAPER_PAGES}/{names[key]}",
        )
    for displaced in naming.displaced:
        line = by_key[displaced.key].line
        page = f"{PAPER_PAGES}/{names[displaced.key]}"
        wanted = f"{PAPER_PAGES}/{displaced.wanted}"
        if displaced.holder is not None:
            holder = by_key[displaced.holder]
            same_case = names[displaced.holder] == displaced.wanted
            reason = (
                f"{wanted} is the page of entry {displaced.holder!r} "
                f"({database.location(holder.line)})"
                + ("" if same_case else ", and page names ignore case")
            )
        elif displaced.wanted:
            reason = f"{wanted} is {folded_reserved.get(fold(displaced.wanted), 'reserved')}"
        else:
            reason = "its key has no letter or digit to name a page with"
        _warn(database, line, f"entry {displaced.key!r}: {reason}; its page is {page}")


def name_paper_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Settle the page names of this build; warn where they are not what the keys read as.

    If an entry's page moved since the last build, every page is written again: any of
    them may link to it.
    """
    database = database_of(app)
    reserved = reserved_names(app, env)
    domain = publications_domain(env)
    # The entries' keys, in the file's order, without reading the entries.
    keys = list(database.entry_digests)
    inputs = hashlib.sha256(repr((keys, sorted(reserved.items()))).encode()).hexdigest()
    naming = domain.naming
    if naming is None or domain.naming_inputs != inputs:
        before = naming.names if naming is not None else {}
        naming = assign_page_names(keys, reserved)
        domain.naming, domain.naming_inputs = naming, inputs
        moved = any(before.get(key, name) != name for key, name in naming.names.items())
    else:
        moved = False
    _report(database, naming, reserved)
    return sorted(env.found_docs) if moved else []


def names_digest(env: BuildEnvironment) -> str:
    """A digest that changes whenever an entry's page name may: "" before they are settled."""
    domain = publications_domain(env)
    return domain.naming_inputs if domain.naming is not None else ""


def paper_pagenames(env: BuildEnvironment, keys: Iterable[str]) -> dict[str, str]:
    """``paper_pagename`` of many keys at once: a rebuild asks it of every entry."""
    naming = publications_domain(env).naming
    settled = naming.names if naming is not None else {}
    return {
        key: f"{PAPER_PAGES}/{settled.get(key) or assign_page_names([key], {}).names[key]}"
        for key in keys
    }


def paper_pagename(env: BuildEnvironment, key: str) -> str:
    """The name of an entry's page as Sphinx names pages: ``publications/<name>``.

    Every build settles the names once all pages are read, before anything asks.
    """
    return paper_pagenames(env, [key])[key]


def list_anchors(database: Database) -> dict[str, list[str]]:
    """The ids of each entry in a list: its page name (settled among the keys alone).

    The id Sphinx made from the key before (``make_id``) is kept as a second id where it
    differs and no other entry has it, so links to ``#<that id>`` still lead to the entry.
    """
    keys = [publication.key for publication in database.publications]
    primary = assign_page_names(keys, {}).names
    used = set(primary.values())
    anchors: dict[str, list[str]] = {}
    for key in keys:
        ids = [primary[key]]
        earlier = nodes.make_id(key)
        if earlier and earlier not in used:
            ids.append(earlier)
            used.add(earlier)
        anchors[key] = ids
    return anchors
