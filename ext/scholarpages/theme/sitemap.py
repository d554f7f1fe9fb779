"""``sitemap.xml`` (written by sphinx-sitemap) listing every page, and ``robots.txt`` naming it.

sphinx-sitemap lists the pages written by the current build, so after an incremental build
its sitemap would lack every page left untouched (jdillard/sphinx-sitemap#13). Just before it
writes the file, the list it collected is completed here: every document of the site, and
every generated page (a paper's page) an earlier build wrote that is still there. Pages that
only redirect (``redirect_to``) and redirect stubs are not listed: they are not content.

The file is written again only when what it lists, or how, has changed: with thousands of
papers, writing it is a noticeable part of a rebuild that changes nothing.
"""

from __future__ import annotations

import fnmatch
import json
import queue
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import sphinx_sitemap
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..frontmatter.metadata import FrontMatter
from ..frontmatter.site_files import generated_pages, register_site_output
from ..frontmatter.stubs import is_our_stub
from ..frontmatter.urls import encode_uri
from ..publications.output_stamp import is_current, mark_current
from ..sphinx_support import writes_site
from .config_values import set_default, user_set
from .site_url import site_url

logger = logging.getLogger(__name__)

_MANIFEST = "scholarpages-sitemap.json"
# Pages that are not content: Sphinx's search and index pages, and the 404 page.
EXCLUDES = ["search.html", "search/", "genindex.html", "genindex/", "404.html", "404/"]


def configure_sitemap(app: Sphinx, config: Config) -> None:
    # html_baseurl already ends with the language and version on Read the Docs.
    set_default(config, "sitemap_url_scheme", "{link}")
    config.sitemap_excludes = [*config.sitemap_excludes, *EXCLUDES]
    if site_url(config) or user_set(config, "site_url"):
        # Pages may link to them (academicpages has a page linking to /sitemap.xml).
        register_site_output(app, config.sitemap_filename)
        register_site_output(app, "robots.txt")
    else:
        # A sitemap needs absolute URLs; without the site's address there is none to write,
        # which is not a fault of a site previewed locally.
        config.suppress_warnings = [*config.suppress_warnings, "sitemap.configuration"]
        logger.info("no html_baseurl: sitemap.xml and robots.txt are not written")


def _record_builder_type(app: Sphinx) -> None:
    """sphinx-sitemap's builder-inited handler, with a plain queue.

    Its queue belongs to a multiprocessing manager, so that parallel writers share it:
    starting the manager's process takes tens of milliseconds of every build, a rebuild
    that changes nothing included, and each page it records is a round trip to that
    process (a second for 5,000 paper pages). write_sitemap lists every document and
    generated page itself, so what pages written in worker processes record is not needed;
    only the dates of ``sitemap_show_lastmod``, which they alone know, are.
    """
    if app.parallel > 1 and app.config.sitemap_show_lastmod:
        sphinx_sitemap.record_builder_type(app)
        return
    builder = getattr(app, "builder", None)
    if builder is None:
        return
    # What sphinx-sitemap's own handler records, on the same objects.
    builder.env.is_directory_builder = type(builder).__name__ == "DirectoryHTMLBuilder"
    setattr(app, "sitemap_links", queue.Queue())  # noqa: B010 - not declared by Sphinx


def take_over_sitemap_listeners(app: Sphinx) -> None:
    """Put _record_builder_type and write_sitemap in the place of sphinx-sitemap's handlers."""
    for listener in list(app.events.listeners.get("builder-inited", [])):
        if listener.handler is sphinx_sitemap.record_builder_type:
            app.disconnect(listener.id)
            app.connect("builder-inited", _record_builder_type, priority=listener.priority)
    for listener in list(app.events.listeners.get("build-finished", [])):
        if listener.handler is sphinx_sitemap.create_sitemap:
            app.disconnect(listener.id)
            app.connect("build-finished", write_sitemap, priority=listener.priority)


def _file_of(link: str) -> str:
    return f"{link}index.html" if link == "" or link.endswith("/") else link


def _drain(collected: Any) -> dict[str, Any]:
    links: dict[str, Any] = {}
    while True:
        try:
            link, last_updated = collected.get_nowait()
        except queue.Empty:
            return links
        links[link] = last_updated


def _manifest(app: Sphinx) -> dict[str, list[str]]:
    try:
        data = json.loads(Path(app.doctreedir, _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Complete the list of pages, and have sphinx-sitemap write it if it changed."""
    # sphinx-sitemap keeps this build's pages in a queue shared by parallel writers.
    collected = getattr(app, "sitemap_links", None)
    if (
        exception is not None
        or not writes_site(app)
        or collected is None
        or not (app.config.site_url or site_url(app.config))
    ):
        return
    env, outdir = app.env, Path(app.outdir)
    links = _drain(collected)
    redirecting = set()
    documents = set()
    for docname in env.found_docs:
        link = app.builder.get_target_uri(docname)
        if FrontMatter.from_metadata(env.metadata.get(docname, {})).redirect_to is not None:
            redirecting.add(link)
        else:
            documents.add(link)
    # Pages generated in this build (a page per paper) are there: the others an earlier
    # build generated are listed if they still are, and are not redirect stubs now.
    generated = {app.builder.get_target_uri(name) for name in generated_pages(app)}
    manifest = _manifest(app)
    key = str(outdir.resolve())
    for link in manifest.get(key, []):
        if link in links or link in generated:
            continue
        path = outdir / _file_of(link)
        if path.is_file() and not is_our_stub(path):
            links[link] = None
    for link in (*generated, *documents):
        links.setdefault(link, None)
    # One pattern for all the exclusions: thousands of links are tested.
    excluded = re.compile("|".join(fnmatch.translate(p) for p in app.config.sitemap_excludes))
    kept = {
        link: updated
        for link, updated in links.items()
        if link not in redirecting and not (app.config.sitemap_excludes and excluded.match(link))
    }
    manifest[key] = sorted(set(kept) - documents - generated)
    Path(app.doctreedir, _MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    listed = sorted(kept.items())
    inputs = (listed, *_written_with(app))
    sitemap = Path(app.outdir, app.config.sitemap_filename)
    if is_current(app, "sitemap", sitemap, inputs):
        return
    # Handed to sphinx-sitemap in a queue of this process: putting thousands of links back
    # into the manager's queue of a parallel build would be a round trip each.
    complete: queue.Queue[tuple[str, Any]] = queue.Queue()
    for link, updated in listed:
        # A sitemap lists URLs: a page named in any script is percent-encoded there.
        complete.put((encode_uri(link), updated))
    setattr(app, "sitemap_links", complete)  # noqa: B010 - not declared by Sphinx
    sphinx_sitemap.create_sitemap(app, exception)
    mark_current(app, "sitemap", sitemap, inputs)


def _written_with(app: Sphinx) -> tuple[object, ...]:
    """Besides the links, everything sphinx-sitemap's file depends on."""
    config = app.config
    return (
        config.site_url or site_url(config),
        config.sitemap_url_scheme,
        config.language,
        config.version,
        sphinx_sitemap.get_locales(app),
        config.sitemap_indent,
        metadata.version("sphinx-sitemap"),
    )


def write_robots_txt(app: Sphinx, exception: BaseException | None) -> None:
    """Let crawlers in and tell them where the sitemap is, unless the site has its own."""
    base = site_url(app.config)
    if exception is not None or not writes_site(app) or not base:
        return
    for extra in app.config.html_extra_path:
        if Path(app.confdir, extra, "robots.txt").is_file():
            return
    text = f"User-agent: *\nAllow: /\n\nSitemap: {base}{app.config.sitemap_filename}\n"
    Path(app.outdir, "robots.txt").write_text(text, encoding="utf-8")
