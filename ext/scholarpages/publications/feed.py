"""An Atom feed of the publications, newest first, linked from the head of every page.

Dates come from the entries themselves (year and month), never from the clock, so two builds
of the same database write the same feed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build_state import state_of
from ..frontmatter.urls import encode_uri, href
from ..sphinx_support import writes_site
from .control_characters import without_control_characters
from .database import Publication
from .domain import publications_domain
from .latex import latex_to_text
from .list.selection import month_of, ordered, year_of
from .loader import database_of
from .names import parse_name
from .output_stamp import is_current, mark_current
from .paper_page.paper_names import paper_pagename
from .render import venue

FEED_FILE = "publications.atom"


def _date(publication: Publication) -> datetime:
    return datetime(year_of(publication) or 1970, month_of(publication) or 1, 1, tzinfo=UTC)


def _site_url(app: Sphinx, uri: str) -> str:
    base = (app.config.html_baseurl or "").rstrip("/")
    return f"{base}/{encode_uri(uri)}" if base else encode_uri(uri)


def build_feed(app: Sphinx, publications: list[Publication]) -> bytes:
    # Imported here: most builds leave the feed as it is, and feedgen is slow to import.
    from feedgen.feed import FeedGenerator  # noqa: PLC0415

    feed = FeedGenerator()
    title = f"Publications of {app.config.author}" if app.config.author else "Publications"
    feed.id(_site_url(app, FEED_FILE))
    feed.title(without_control_characters(title))
    feed.link(href=_site_url(app, FEED_FILE), rel="self")
    feed.link(href=_site_url(app, app.builder.get_target_uri(app.config.root_doc)), rel="alternate")
    store = state_of(app).store

    def text(latex: str) -> str:
        # The feed is made again whenever the database changes: decoding its titles and
        # abstracts again (a millisecond each) is most of that.
        return store.memo("latex", latex, lambda: latex_to_text(latex))

    newest = ordered(publications, "newest")
    feed.updated(_date(newest[0]) if newest else datetime(1970, 1, 1, tzinfo=UTC))
    # feedgen puts the entry added last first: add the oldest first.
    for publication in reversed(newest):
        item = feed.add_entry()
        url = _site_url(app, app.builder.get_target_uri(paper_pagename(app.env, publication.key)))
        item.id(url)
        item.link(href=url)
        # Entries lose their control characters as they are read; a key keeps them.
        item.title(without_control_characters(text(publication.get("title")) or publication.key))
        for name in publication.persons.get("author", ()):
            item.author({"name": parse_name(name).display})
        item.updated(_date(publication))
        item.published(_date(publication))
        summary = text(publication.get("abstract")) or venue(publication)
        if summary:
            item.summary(without_control_characters(summary))
    return bytes(feed.atom_str(pretty=True))


def write_feed(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not writes_site(app):
        return
    database = database_of(app)
    output = Path(app.outdir) / FEED_FILE
    if not database.has_entries:
        # As a clean build, which writes no feed: the store removes the one an earlier build
        # wrote; a file the build did not write stays.
        return
    size = max(0, int(app.config.scholarpages_feed_size))
    # Ordering thousands of entries to find the newest takes longer than a rebuild that
    # changes nothing should: their keys are kept for the database they were found in.
    newest: list[str] = state_of(app).store.memo(
        "feed",
        (database.digest, size),
        lambda: [p.key for p in ordered(database.publications, "newest")[: size or None]],
        keep=1,
    )
    # Written again only when what it shows changed: the entries shown (not an edit of an
    # older one), how many, or the site's address.
    config = app.config
    digests = database.entry_digests
    shown = tuple((key, digests.get(key)) for key in newest)
    names = publications_domain(app.env).naming_inputs
    inputs = (shown, config.html_baseurl, config.author, config.root_doc, names)
    if is_current(app, "feed", output, inputs):
        return
    by_key = database.by_key()
    output.write_bytes(build_feed(app, [by_key[key] for key in newest]))
    mark_current(app, "feed", output, inputs)


def relink_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, to be written again, when the feed appeared or went since the last build.

    Only the pages read again would otherwise gain or lose the link in their head.
    """
    if not writes_site(app):  # builders sharing the environment may write no site
        return []
    domain = publications_domain(env)
    linked = _links_feed(app)
    before, domain.feed_linked = domain.feed_linked, linked
    return sorted(env.found_docs) if before is not None and before != linked else []


def _links_feed(app: Sphinx) -> bool:
    return writes_site(app) and database_of(app).has_entries


def link_feed(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not _links_feed(app):
        return
    # The template's pathto, which the 404 page (served at any path) makes absolute.
    pathto = context.get("pathto")
    relative = pathto(FEED_FILE, 1) if callable(pathto) else None
    if not isinstance(relative, str):
        relative = href(app.builder.get_target_uri(pagename), FEED_FILE)
    target = escape(relative, quote=True)
    title = escape(f"Publications of {app.config.author}" if app.config.author else "Publications")
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<link rel="alternate" type="application/atom+xml" title="{title}" href="{target}">'
    )
