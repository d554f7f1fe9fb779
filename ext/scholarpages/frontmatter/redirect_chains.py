"""Where ``redirect_to`` pages send their readers, once every URL of the site is known.

A target on this site must be answered by something (a page, a stub, a file), or the
reader lands on the 404 page: such a redirect is not written and the page shows its own
content. Each page sends its readers to at most one page (its ``redirect_to``, through a
stub or not), so the redirects form chains; a chain that comes back to a page it passed
is a loop, in which a browser bounces until it gives up. The pages of a loop show their
own content instead of redirecting: what their authors wrote stays readable, and pages
that lead into the loop then end on one of them. The 404 page never redirects: it is
shown for every missing URL, and a relative redirect from there leads nowhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..upstream.settings import not_found_page
from .front_matter_lines import warn_front_matter
from .site_files import served_file
from .urls import UnsafeURLError, is_http_url, own_prefixes, site_path, split_url
from .written_files import WrittenFiles

if TYPE_CHECKING:
    from .routes import Routes

_KEY = "redirect_to"


def _site_path_of(app: Sphinx, target: str) -> str | None:
    """The path on this site a target names: itself, or an http(s) URL of the site's own."""
    if not is_http_url(target):
        return target
    addresses = [app.config.html_baseurl, *app.config.scholarpages_site_addresses]
    for prefix in (prefix for address in addresses for prefix in own_prefixes(address)):
        if target.startswith(prefix):
            parts = split_url(target.removeprefix(prefix))
            return None if parts is None else "/" + parts.path
    return None


def _answer(
    app: Sphinx, routes: Routes, written: WrittenFiles, path: str
) -> tuple[str | None, str | None]:
    """The URL that answers the site path ``path`` (None if nothing does), and its page.

    A page is named by its own URL, whichever of its addresses ``path`` was, so the
    redirect takes the reader there in one step.
    """
    file = served_file(app, path)
    if file is not None:
        return "/" + file, None
    page = routes.page_for(path)
    if page is not None:
        return "/" + app.builder.get_target_uri(page), page
    try:
        url = site_path(path)
    except UnsafeURLError:
        return None, None
    return (url.url if written.serves(url.file) else None), None


def _describe(env: BuildEnvironment, loop: list[str]) -> str:
    names = [str(env.doc2path(docname, False)) for docname in [*loop, loop[0]]]
    return " -> ".join(names)


def settle_redirects(
    app: Sphinx,
    env: BuildEnvironment,
    routes: Routes,
    written: WrittenFiles,
    targets: Mapping[str, str | None],
) -> dict[str, str]:
    """The target of each page that redirects, without loops, missing pages or the 404 page."""
    not_found = not_found_page(app)
    kept: dict[str, str] = {}
    next_page: dict[str, str] = {}
    for docname, target in sorted(targets.items()):
        if target is None:
            continue
        if docname == not_found:
            warn_front_matter(
                env,
                docname,
                target,
                f"redirect_to {target!r} ignored: the 404 page is shown for every missing "
                "URL and cannot redirect",
                "redirect",
                key=_KEY,
            )
            continue
        path = _site_path_of(app, target)
        url: str | None = target
        if path is not None:
            url, page = _answer(app, routes, written, path)
            if url is None:
                warn_front_matter(
                    env,
                    docname,
                    target,
                    f"redirect_to {target!r} ignored: no page or file of this site has that "
                    "URL; the page shows its own content (write a full http(s) URL to send "
                    "readers elsewhere on this host)",
                    "redirect.missing",
                    key=_KEY,
                )
                continue
            if page is not None:
                next_page[docname] = page
        kept[docname] = target if is_http_url(target) else str(url)
    for loop in find_loops({doc: page for doc, page in next_page.items() if page in kept}):
        warn_front_matter(
            env,
            loop[0],
            str(targets[loop[0]]),
            f"redirect_to loop {_describe(env, loop)}: a browser would bounce between these "
            "pages forever; none of them redirects, each shows its own content",
            "redirect.loop",
            key=_KEY,
        )
        for docname in loop:
            del kept[docname]
    return kept


def find_loops(next_page: Mapping[str, str]) -> list[list[str]]:
    """Every loop of ``next_page`` (page -> the page it redirects to), each once.

    A loop starts at its smallest page name; pages that only lead into a loop are not
    part of it. Loops come sorted.
    """
    loops: list[list[str]] = []
    settled: set[str] = set()
    for start in sorted(next_page):
        chain: list[str] = []
        position: dict[str, int] = {}
        page: str | None = start
        while page is not None and page not in settled and page not in position:
            position[page] = len(chain)
            chain.append(page)
            page = next_page.get(page)
        if page is not None and page in position:
            loop = chain[position[page] :]
            first = loop.index(min(loop))
            loops.append(loop[first:] + loop[:first])
        settled.update(chain)
    return sorted(loops)
