"""In a real browser, every URL a page of the example site claims lands on that page.

The example site (docs/) is built once per builder, served from 127.0.0.1 (at the root and
below ``/en/latest/``, as Read the Docs serves it) and opened in headless Chromium, which
follows the server's redirects, the stubs' scripts and their meta refreshes as a reader's
browser would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from browser_support import (
    Claim,
    Landing,
    claimed_urls,
    find_chromium,
    launch_chromium,
    open_and_settle,
    page_path,
    serve_directory,
    sphinx_build,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parent.parent / "docs"
BUILDERS = ["dirhtml", "html"]
RTD_PREFIX = "/en/latest/"
# Aliases of the About page (docs/index.md) opened with a query and a fragment.
ABOUT_ALIASES = ["/about/", "/about.html"]


# -- Fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def build_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Build docs/ with a builder, once per session; returns the output directory."""
    built: dict[str, Path] = {}

    def build(builder: str) -> Path:
        if builder not in built:
            outdir = tmp_path_factory.mktemp(f"site-{builder}")
            options = ("-W", "--keep-going", "-n")
            printed = sphinx_build(DOCS, outdir, *options, builder=builder, timeout=300)
            assert "WARNING" not in printed, printed
            built[builder] = outdir
        return built[builder]

    return build


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium(find_chromium()) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def off_site_requests() -> list[str]:
    """Requests the browser made to anything but the local server (there must be none)."""
    return []


@pytest.fixture(scope="module")
def page(browser: Browser, off_site_requests: list[str]) -> Iterator[Page]:
    context = browser.new_context(service_workers="block")
    tab = context.new_page()

    def record(request: Request) -> None:
        url = request.url
        if not url.startswith(("http://127.0.0.1:", "about:", "data:", "blob:")):
            off_site_requests.append(url)

    tab.on("request", record)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    found = claimed_urls(DOCS)
    assert found, f"no page under {DOCS} claims a URL"
    return found


# -- Checks ---------------------------------------------------------------------------------


def _same_resource(path: str) -> str:
    """A directory URL is its index.html on a static host: compare them as one."""
    return path + "index.html" if path.endswith("/") else path


def _mismatch(landing: Landing, expected_path: str, title: str | None) -> str | None:
    """Why ``landing`` is not the page expected, or None when it is."""
    problems = []
    if not landing.settled or landing.stub:
        problems.append("redirects never settled on a page")
    if _same_resource(landing.path) != _same_resource(expected_path):
        problems.append(f"ended at {landing.path!r}, expected {expected_path!r}")
    if title is not None:
        if landing.h1 != [title]:
            problems.append(f"h1 {landing.h1!r}, expected [{title!r}]")
        if not landing.title.startswith(title):
            problems.append(f"document.title {landing.title!r} does not start with {title!r}")
    if not problems:
        return None
    return "; ".join(problems) + f"\n      Chromium showed: {landing.describe()}"


def _check_every_claim(page: Page, base: str, builder: str, claims: list[Claim]) -> None:
    base_path = urlsplit(base).path.rstrip("/") + "/"
    failures = []
    for claim in claims:
        landing = open_and_settle(page, base + claim.url)
        expected = base_path + page_path(builder, claim.docname)
        problem = _mismatch(landing, expected, claim.title)
        if problem:
            failures.append(f"  {base_path.rstrip('/')}{claim.url} ({claim.docname}): {problem}")
    assert not failures, f"{builder}: claimed URLs that miss their page in Chromium:\n" + "\n".join(
        failures
    )


# -- Tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_claimed_url_lands_on_its_page(
    build_site: Callable[[str], Path],
    page: Page,
    claims: list[Claim],
    off_site_requests: list[str],
    builder: str,
) -> None:
    with serve_directory(build_site(builder)) as base:
        _check_every_claim(page, base, builder, claims)
    assert off_site_requests == []


@pytest.mark.parametrize("alias", ABOUT_ALIASES)
@pytest.mark.parametrize("builder", BUILDERS)
def test_redirect_keeps_query_and_fragment(
    build_site: Callable[[str], Path],
    page: Page,
    claims: list[Claim],
    off_site_requests: list[str],
    builder: str,
    alias: str,
) -> None:
    about = next(claim for claim in claims if claim.docname == "index")
    assert Claim(alias, "index", about.title) in claims, f"{alias} is no alias of the About page"
    with serve_directory(build_site(builder)) as base:
        landing = open_and_settle(page, f"{base}{alias}?q=1#x")
    problem = _mismatch(landing, "/" + page_path(builder, "index"), about.title)
    assert problem is None, f"{builder}: {alias}?q=1#x: {problem}"
    assert (landing.search, landing.hash) == ("?q=1", "#x"), landing.describe()
    assert off_site_requests == []


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_claimed_url_lands_on_its_page_below_a_prefix(
    build_site: Callable[[str], Path],
    page: Page,
    claims: list[Claim],
    off_site_requests: list[str],
    builder: str,
) -> None:
    with serve_directory(build_site(builder), prefix=RTD_PREFIX) as base:
        assert base.endswith(RTD_PREFIX.rstrip("/"))
        # The simulation is strict: a link that escapes the prefix finds nothing.
        outside = base.removesuffix(RTD_PREFIX.rstrip("/")) + "/" + page_path(builder, "index")
        assert page.request.get(outside).status == 404
        _check_every_claim(page, base, builder, claims)
        landing = open_and_settle(page, f"{base}/about/?q=1#x")
    assert (landing.path, landing.search, landing.hash) == (
        RTD_PREFIX + page_path(builder, "index"),
        "?q=1",
        "#x",
    ), landing.describe()
    assert off_site_requests == []
