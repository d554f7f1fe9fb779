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
import re
from importlib import metadata
from pathlib import Path

import sphinx_sitemap
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..build_state import state_of
from ..frontmatter.metadata import FrontMatter
from ..frontmatter.site_files import generated_pages, register_site_output
from ..frontmatter.stubs import is_our_stub
from ..frontmatter.urls import encode_uri
from ..publications.output_stamp import is_current, mark_current
from ..sphinx_support import writes_site
from ..upstream import sitemap as sitemap_queue
from .config_values import set_default, user_set
from .site_url import site_url

logger = logging.getLogger(__name__)

# The store's record of pages listed that no document or paper makes (copied HTML files).
_LISTED = "sitemap-pages"
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


def queue_in_this_process(app: Sphinx) -> None:
    """Before sphinx-sitemap's builder-inited handler, unless -j workers record dates."""
    if not (app.parallel > 1 and app.config.sitemap_show_lastmod):
        sitemap_queue.make_queue_in_this_process()


def restore_queue_maker(app: Sphinx) -> None:
    sitemap_queue.restore()


def _file_of(link: str) -> str:
    return f"{link}index.html" if link == "" or link.endswith("/") else link


def _manifest(app: Sphinx) -> dict[str, list[str]]:
    data = state_of(app).store.load(_LISTED, any_version=True)
    return data if isinstance(data, dict) else {}


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Complete the list of pages sphinx-sitemap writes; none when the file is current."""
    if (
        exception is not None
        or not writes_site(app)
        or not (app.config.site_url or site_url(app.config))
    ):
        return
    env, outdir = app.env, Path(app.outdir)
    links = sitemap_queue.take_recorded(app)
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
    state_of(app).store.save(_LISTED, manifest)
    listed = sorted(kept.items())
    inputs = (listed, *_written_with(app))
    sitemap = Path(app.outdir, app.config.sitemap_filename)
    if is_current(app, "sitemap", sitemap, inputs):
        # With an empty queue sphinx-sitemap leaves the file as it is.
        return
    # A sitemap lists URLs: a page named in any script is percent-encoded there.
    sitemap_queue.hand_over(app, ((encode_uri(link), updated) for link, updated in listed))
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
