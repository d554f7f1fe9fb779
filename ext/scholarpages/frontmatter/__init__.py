"""Jekyll-style front matter for MyST pages: titles, descriptions, hidden pages, redirects."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .. import event_order as order
from ..code_version import environment_version
from .links import MarkSiteLinks, resolve_site_links
from .markdown_source import prepare_markdown
from .page_context import add_front_matter_context
from .routes import CLAIMS_EVENT, compute_routes
from .site_files import check_static_dirs, copy_site_folders
from .site_links_domain import SiteLinksDomain, pages_to_rewrite
from .stubs import pages_that_stopped_redirecting, write_stubs
from .title import FrontMatterTitle
from .unpublished import (
    exclude_unpublished,
    has_front_matter,
    markdown_suffixes,
    read_front_matter_text,
)
from .written_files import OUTPUTS_EVENT

__all__ = ["setup"]


def _read_markdown_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if not str(app.env.doc2path(docname)).endswith(markdown_suffixes(app.config)):
        return
    front_matter = read_front_matter_text(source[0])
    has_title = bool(front_matter and front_matter.get("title"))
    source[0] = prepare_markdown(source[0], has_title)
    if has_front_matter(source[0]):
        # Jekyll has no toctree: a page with front matter is reachable by its URL alone,
        # even when its front matter is malformed (MyST reports that with the line).
        app.env.metadata[docname]["orphan"] = True


def _compute_routes(app: Sphinx, env: Any) -> list[str]:
    # URLs are those of HTML pages: other formats (LaTeX, man pages...) have none.
    if app.builder.format != "html":
        return []
    # env-updated runs on every build, a no-op one included, so stubs are always known.
    # The pages it returns are written again: their links to moved URLs are resolved anew,
    # and a page that redirected and no longer does is a page again.
    routes = compute_routes(app, env)
    return sorted({*pages_to_rewrite(env, routes), *pages_that_stopped_redirecting(app, routes)})


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("scholarpages.build_state")
    app.add_config_value(
        "scholarpages_static_dirs", ["images", "files"], "html", types=frozenset({list, tuple})
    )
    # Other addresses of this same site (an old domain, the conf.py address on Read the
    # Docs): links to them are links within the site, like links to html_baseurl.
    app.add_config_value("scholarpages_site_addresses", [], "env", types=frozenset({list, tuple}))

    app.add_event(CLAIMS_EVENT)
    app.add_event(OUTPUTS_EVENT)
    app.add_domain(SiteLinksDomain)
    app.add_transform(FrontMatterTitle)
    app.add_transform(MarkSiteLinks)

    app.connect("config-inited", check_static_dirs)
    app.connect("config-inited", exclude_unpublished, priority=order.EXCLUDE_UNPUBLISHED)
    app.connect("source-read", _read_markdown_page)
    app.connect("env-updated", _compute_routes)
    app.connect("doctree-resolved", resolve_site_links)
    app.connect("html-page-context", add_front_matter_context)
    app.connect("build-finished", copy_site_folders)
    app.connect("build-finished", write_stubs, priority=order.WRITE_STUBS)
    return {
        "version": "0.1.0",
        "env_version": environment_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
