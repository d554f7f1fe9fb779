"""Which page answers each URL of the site, and which URLs need a redirect stub.

Routes are derived from ``env.metadata`` once per build, after reading, and kept only for
the rest of that build: they are never pickled, so they can never go stale.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..build_state import state_of
from ..upstream.settings import not_found_page
from .front_matter_lines import warn_front_matter
from .metadata import FrontMatter
from .redirect_chains import settle_redirects
from .urls import SitePath, UnsafeURLError, is_http_url, site_path
from .written_files import OUTPUTS_EVENT, WrittenFiles, not_found_files, page_file

__all__ = [
    "CLAIMS_EVENT",
    "Claim",
    "Routes",
    "Stub",
    "compute_routes",
    "page_file",  # kept importable from here; written_files defines it
    "routes_of",
    "warn_claim",
    "warn_front_matter",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stub:
    """A redirect file: ``path`` sends the reader to ``docname``'s page or to ``external``."""

    path: SitePath
    docname: str
    external: str | None = None
    claim: Claim | None = None  # None for the page's own file, when it redirects


@dataclass(slots=True)
class Routes:
    stubs: dict[str, Stub] = field(default_factory=dict)  # keyed by output file
    pages: dict[str, str] = field(default_factory=dict)  # output file -> docname
    # Where each page would live under the other HTML builder, so that links written for
    # either layout ("/research/" or "/research.html") find the page.
    aliases: dict[str, str] = field(default_factory=dict)

    def page_for(self, url_path: str) -> str | None:
        """The document a site URL path shows, whether directly or through a stub."""
        try:
            file = site_path(url_path).file
        except UnsafeURLError:
            return None
        if file in self.pages:
            return self.pages[file]
        stub = self.stubs.get(file)
        if stub is not None:
            return stub.docname if stub.external is None else None
        return self.aliases.get(file)


def routes_of(app: Sphinx) -> Routes:
    """The routes of the build, once every page is read; none before."""
    return state_of(app).routes or Routes()


def _layout_files(docname: str) -> tuple[str, str]:
    is_index = docname == "index" or docname.endswith("/index")
    directory = docname.removesuffix("index").rstrip("/") if is_index else docname
    dirhtml = f"{directory}/index.html" if directory else "index.html"
    return dirhtml, f"{docname}.html"


@dataclass(frozen=True, slots=True)
class Claim:
    """A URL a page claims. ``location`` names where it was claimed when that is not the
    page's own front matter (a .bib entry, say): "path:line"."""

    docname: str  # a document, or a page another extension writes (a paper's page)
    key: str
    url: str
    location: str | None = None


# Extensions add claims for the pages they write by handling this event: (app, env) ->
# iterable of Claim.
CLAIMS_EVENT = "scholarpages-collect-claims"


def _claims(front_matters: dict[str, FrontMatter], key: str) -> Iterator[Claim]:
    for docname in sorted(front_matters):
        fm = front_matters[docname]
        urls = [fm.permalink] if key == "permalink" and fm.permalink else []
        if key == "redirect_from":
            urls = list(fm.redirect_from)
        for url in urls:
            yield Claim(docname, key, url)


def warn_claim(env: BuildEnvironment, claim: Claim, message: str, subtype: str) -> None:
    """Warn where ``claim`` was made: its front-matter line, or its .bib entry."""
    if claim.location is None:
        warn_front_matter(env, claim.docname, claim.url, message, subtype, key=claim.key)
    else:
        logger.warning(message, location=claim.location, type="scholarpages", subtype=subtype)


def _source(env: BuildEnvironment, claim: Claim | None, docname: str) -> str:
    if claim is not None and claim.location is not None:
        return claim.location
    return str(env.doc2path(docname)) if docname in env.found_docs else docname


def _redirect_target(env: BuildEnvironment, docname: str, fm: FrontMatter) -> str | None:
    """A page's ``redirect_to`` when it is a URL one may send readers to."""
    target = fm.redirect_to
    if target is None or is_http_url(target):
        return target
    try:
        site_path(target)
    except UnsafeURLError as error:
        warn_front_matter(
            env,
            docname,
            target,
            f"redirect_to {target!r} ignored: {error}; only http(s) URLs and site paths "
            "are allowed",
            "redirect",
            key="redirect_to",
        )
        return None
    return target


_REFUSED_MEANS = {
    "permalink": "the page keeps its own address",
    "redirect_from": "no URL is claimed",
    "redirect_to": "the page shows its own content",
}


def _warn_refused(env: BuildEnvironment, docname: str, fm: FrontMatter) -> None:
    for refusal in fm.refused:
        warn_front_matter(
            env,
            docname,
            "",
            f"{refusal.key} refused: {refusal.reason}; {_REFUSED_MEANS[refusal.key]}",
            "front_matter",
            key=refusal.key,
        )


def compute_routes(app: Sphinx, env: BuildEnvironment) -> Routes:
    """Resolve every URL claimed in front matter; warn about each that cannot be honoured."""
    builder = app.builder
    routes = Routes()
    front_matters = {
        docname: FrontMatter.from_metadata(env.metadata.get(docname, {}))
        for docname in env.found_docs
    }
    for docname in sorted(env.found_docs):
        _warn_refused(env, docname, front_matters[docname])
        routes.pages[page_file(builder, docname)] = docname
        for alias in _layout_files(docname):
            routes.aliases.setdefault(alias, docname)
    written = WrittenFiles(app, app.emit(OUTPUTS_EVENT, env))
    for file, docname in routes.pages.items():
        written.add(file, f"the page {_source(env, None, docname)}")
    targets = {doc: _redirect_target(env, doc, fm) for doc, fm in front_matters.items()}
    _claim_urls(app, env, routes, written, front_matters)
    externals = settle_redirects(app, env, routes, written, targets)
    for docname, external in sorted(externals.items()):
        own = page_file(builder, docname)
        routes.stubs[own] = Stub(SitePath(own, "/" + own), docname, external)
    for file, stub in routes.stubs.items():
        if stub.docname in externals:
            routes.stubs[file] = Stub(stub.path, stub.docname, externals[stub.docname], stub.claim)
    state_of(app).routes = routes
    return routes


def _claim_urls(
    app: Sphinx,
    env: BuildEnvironment,
    routes: Routes,
    written: WrittenFiles,
    front_matters: dict[str, FrontMatter],
) -> None:
    """A stub for each claimed URL that is free; a warning for each that is not."""
    builder = app.builder
    owners = dict(routes.pages)
    not_found = not_found_page(app)
    # Permalinks are claimed before redirect_from, so a page's own address beats an alias;
    # claims of pages that are not documents come last.
    extra = [claim for claims in app.emit(CLAIMS_EVENT, env) for claim in claims]
    claimed_by: dict[str, Claim] = {}
    for claim in [
        *_claims(front_matters, "permalink"),
        *_claims(front_matters, "redirect_from"),
        *extra,
    ]:
        try:
            path = site_path(claim.url)
        except UnsafeURLError as error:
            warn_claim(env, claim, f"{claim.key} {claim.url!r} refused: {error}", "unsafe_url")
            continue
        owner = owners.get(path.file)
        if owner == claim.docname or path.file == page_file(builder, claim.docname):
            continue  # the page's own address
        if claim.docname == not_found and path.file in not_found_files(app):
            continue  # the 404 page's own address, where it is moved (theme/not_found.py)
        if owner is not None:
            what = "the page" if path.file in routes.pages else "the URL claimed by"
            source = _source(env, claimed_by.get(path.file), owner)
            warn_claim(
                env,
                claim,
                f"{claim.key} {claim.url!r} collides with {what} {source} "
                f"(both want {path.file}); {source} keeps it",
                "collision",
            )
            continue
        conflict = written.conflict(path.file)
        if conflict is not None:
            warn_claim(
                env,
                claim,
                f"redirect {claim.url!r} not written: {conflict}",
                "collision",
            )
            continue
        owners[path.file] = claim.docname
        claimed_by[path.file] = claim
        written.add(path.file, f"the redirect {claim.url!r}")
        routes.stubs[path.file] = Stub(path, claim.docname, claim=claim)
