"""Support for tests that drive a real headless Chromium against a built site.

Nothing here touches the network: the site is served from a local directory on 127.0.0.1
(optionally below a prefix such as ``/en/latest/``, as Read the Docs hosts it) and Chromium,
Debian's own, is started by Playwright through ``executable_path`` with every host name but
the loopback address made unresolvable.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

import pytest
import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM_CANDIDATES = ("/usr/bin/chromium",)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Belt and braces: no host name resolves, so nothing can reach beyond 127.0.0.1.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
STUB_MARKER = "scholarpages-redirect"
SKIPPED_DIRS = {"_build"}


# -- Chromium -----------------------------------------------------------------------------


def find_chromium() -> str:
    """The Chromium executable to drive; skips the calling test when there is none."""
    try:
        import playwright.sync_api  # noqa: F401, PLC0415
    except ImportError:
        pytest.skip("playwright not installed (pip install 'scholarpages[test]')")
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("Chromium not installed (apt-get install chromium)")
    return found


@contextmanager
def launch_chromium(executable: str | None = None) -> Iterator[Browser]:
    """A headless Chromium, closed on exit; never downloads a browser."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    executable = executable or find_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


# -- A local web server ---------------------------------------------------------------------


def _normalise_prefix(prefix: str) -> str:
    """``en/latest`` -> ``/en/latest/``; ``""`` and ``/`` -> ``/``."""
    stripped = prefix.strip("/")
    return f"/{stripped}/" if stripped else "/"


class _PrefixedHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` at ``prefix``; anything outside the prefix is 404."""

    prefix = "/"

    def _strip_prefix(self, path: str) -> str | None:
        """The request path relative to the site root, or None when outside the prefix."""
        url_path = urlsplit(path).path
        if url_path.startswith(self.prefix):
            return "/" + url_path[len(self.prefix) :]
        if url_path == self.prefix.rstrip("/"):
            return "/"  # the bare prefix: a directory, so the handler adds the slash
        return None

    def send_head(self) -> Any:
        if self._strip_prefix(self.path) is None:
            self.send_error(404, "Outside the served prefix")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path(self._strip_prefix(path) or "/")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 at an OS-chosen port, below ``prefix``.

    Yields the base URL without a trailing slash (``http://127.0.0.1:PORT/en/latest``), so
    that ``base + "/about/"`` is the site's ``/about/``.
    """
    normalised = _normalise_prefix(prefix)
    handler_class = type("Handler", (_PrefixedHandler,), {"prefix": normalised})
    handler = partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}{normalised.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- What the example site claims -----------------------------------------------------------


class Claim(NamedTuple):
    """A URL a page claims (its permalink or a redirect_from), with the claiming page."""

    url: str
    docname: str
    title: str | None


def front_matter(path: Path) -> dict[str, Any] | None:
    """The YAML front matter of a Markdown file, or None when it has none."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            data = yaml.safe_load("\n".join(lines[1:end]))
            return data if isinstance(data, dict) else {}
    return None


def _urls(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def claimed_urls(docs_dir: Path) -> list[Claim]:
    """Every URL the published Markdown pages under ``docs_dir`` claim.

    Pages whose ``published`` is literally ``false`` are not built, so claim nothing; pages
    with ``redirect_to`` send their URLs elsewhere and are left out too.
    """
    claims: list[Claim] = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir)
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in relative.parts):
            continue
        data = front_matter(path)
        if data is None or data.get("published") is False or data.get("redirect_to"):
            continue
        docname = relative.with_suffix("").as_posix()
        title = data.get("title")
        title = None if title is None else str(title)
        urls = _urls(data.get("permalink")) + _urls(data.get("redirect_from"))
        claims.extend(Claim(url, docname, title) for url in urls)
    return claims


def page_path(builder: str, docname: str) -> str:
    """The URL path, relative to the site root, at which ``builder`` serves ``docname``."""
    if builder == "dirhtml":
        if docname == "index":
            return ""
        if docname.endswith("/index"):
            return docname.removesuffix("index")
        return f"{docname}/"
    if builder == "html":
        return f"{docname}.html"
    raise ValueError(f"no URL scheme known for builder {builder!r}")


# -- Navigating ------------------------------------------------------------------------------

_STATE_JS = """(marker) => ({
    href: location.href,
    search: location.search,
    hash: location.hash,
    ready: document.readyState,
    title: document.title,
    h1: Array.from(document.querySelectorAll("h1"),
                   (el) => el.textContent.trim().replace(/#$/, "").trim()),
    stub: document.querySelector(`meta[name="generator"][content="${marker}"]`) !== null,
})"""


@dataclass
class Landing:
    """Where a navigation ended up once every redirect settled."""

    url: str
    search: str
    hash: str
    title: str
    h1: list[str]
    stub: bool
    settled: bool
    error: str | None = None

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    def describe(self) -> str:
        state = "" if self.settled else " (never settled)"
        kind = "redirect stub" if self.stub else "page"
        error = f", error {self.error}" if self.error else ""
        return f"{kind} {self.url} titled {self.title!r}, h1 {self.h1!r}{state}{error}"


def open_and_settle(page: Page, url: str, timeout: float = 5.0) -> Landing:
    """Open ``url`` and wait until client-side redirects end on a real, loaded page.

    Settled means: the document is complete, is not a redirect stub, and its URL did not
    change between two polls. Gives up after ``timeout`` seconds and reports where it was.
    """
    from playwright.sync_api import Error  # noqa: PLC0415

    deadline = time.monotonic() + timeout
    error: str | None = None
    try:
        page.goto(url, wait_until="load", timeout=timeout * 1000)
    except Error as exc:  # a stub may replace itself before "load"; keep polling
        error = str(exc).splitlines()[0]
    state: dict[str, Any] = {}  # the last state read, kept for the report on a timeout
    previous: str | None = None
    while True:
        remaining_ms = max(deadline - time.monotonic(), 0.001) * 1000
        try:
            page.wait_for_load_state("load", timeout=remaining_ms)
            current = page.evaluate(_STATE_JS, STUB_MARKER)
        except Error as exc:  # the document went away mid-navigation: poll again
            error = str(exc).splitlines()[0]
            previous = None
        else:
            state = current
            if state["ready"] == "complete" and not state["stub"] and state["href"] == previous:
                return _landing(state, settled=True, error=None)
            previous = state["href"]
        if time.monotonic() >= deadline:
            return _landing(state, settled=False, error=error)
        page.wait_for_timeout(50)


def _landing(state: dict[str, Any], *, settled: bool, error: str | None) -> Landing:
    return Landing(
        url=state.get("href", ""),
        search=state.get("search", ""),
        hash=state.get("hash", ""),
        title=state.get("title", ""),
        h1=list(state.get("h1", [])),
        stub=bool(state.get("stub", False)),
        settled=settled,
        error=error,
    )


def sphinx_build(
    source: Path, outdir: Path, *options: str, builder: str = "dirhtml", timeout: int | None = None
) -> str:
    """``source`` built into ``outdir`` in a process of its own, as a user builds a site; a
    failed build fails the test. Returns what the build printed on stderr (its warnings)."""
    command = [sys.executable, "-m", "sphinx", *options, "-b", builder, str(source), str(outdir)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)
    assert result.returncode == 0, f"{builder} build of {source} failed:\n{result.stderr}"
    return result.stderr


def shown_entries(page: Page) -> list[str]:
    """The ids of the list entries a page shows."""
    ids: list[str] = page.eval_on_selector_all(
        ".sp-publications .sp-pub", "nodes => nodes.filter(n => n.offsetParent).map(n => n.id)"
    )
    return ids


def search_count(page: Page) -> str:
    """What the search box says of the matches."""
    return page.locator(".sp-search-count").inner_text().strip()


def type_query(page: Page, query: str) -> None:
    """Type ``query`` into an emptied search box, a key at a time."""
    field = page.get_by_label("Search publications")
    field.fill("")
    field.press_sequentially(query)


def axe_violations(page: Page, axe_script: Path) -> list[dict[str, Any]]:
    """What axe-core (its script at ``axe_script``) finds wrong on the page."""
    page.add_script_tag(path=str(axe_script))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return list(result["violations"])
