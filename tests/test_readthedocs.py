"""The example site built as Read the Docs builds it: same command, same environment.

Read the Docs serves the site below a prefix (``/en/latest/``) and tells the build its address
in ``READTHEDOCS_CANONICAL_URL``; canonical links, the sitemap, robots.txt, the 404 page and
every redirect stub must all live under that address.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import read_html, stub_target, warning_lines

REPO = Path(__file__).resolve().parent.parent
CANONICAL = "https://example.readthedocs.io/en/latest/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output directory of the build, as Read the Docs runs it (see .readthedocs.yaml)."""
    root = tmp_path_factory.mktemp("readthedocs")
    environment = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(root),
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
    }
    command = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "dirhtml"]
    command += ["-d", str(root / "doctrees"), "-D", "language=en", "docs", str(root / "html")]
    result = subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "html"


def _is_stub(path: Path) -> bool:
    return read_html(path).find("meta", attrs={"content": "scholarpages-redirect"}) is not None


def _url_of(output: Path, path: Path) -> str:
    """The public URL a static host serves ``path`` at."""
    relative = path.relative_to(output).as_posix()
    return CANONICAL + relative.removesuffix("index.html")


def _pages(output: Path) -> dict[str, Path]:
    """Every page of the site by its public URL: no stubs, no 404 or search page."""
    pages = {}
    for path in sorted(output.rglob("*.html")):
        if "_static" in path.parts or path.name == "404.html" or _is_stub(path):
            continue
        if path.relative_to(output).parts[0] == "search":
            continue
        pages[_url_of(output, path)] = path
    return pages


def test_canonical_links_are_under_the_read_the_docs_address(output: Path) -> None:
    pages = _pages(output)
    assert CANONICAL in pages
    assert CANONICAL + "research/" in pages
    assert CANONICAL + "publications/" in pages
    for url, path in pages.items():
        soup = read_html(path)
        assert soup.find("link", rel="canonical")["href"] == url, path
        opengraph = soup.find("meta", property="og:url")
        if opengraph is not None:  # pages with a source; a paper's page has its own metadata
            assert opengraph["content"] == url, path


def test_sitemap_lists_every_page_under_the_prefix(output: Path) -> None:
    root = ElementTree.parse(output / "sitemap.xml").getroot()
    locations = [str(loc.text) for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert sorted(locations) == sorted(_pages(output))
    robots = (output / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {CANONICAL}sitemap.xml" in robots


def test_every_redirect_stub_points_within_the_prefix(output: Path) -> None:
    stubs = [
        path for path in output.rglob("*.html") if "_static" not in path.parts and _is_stub(path)
    ]
    assert stubs
    pages = _pages(output)
    for stub in stubs:
        canonical = read_html(stub).find("link", rel="canonical")["href"]
        target = urljoin(_url_of(output, stub), stub_target(stub))
        if target.startswith(CANONICAL):
            assert canonical == target, stub
            assert target in pages, stub
        else:  # redirect_to another site
            assert canonical == target, stub


def test_404_page_links_within_the_prefix(output: Path) -> None:
    soup = read_html(output / "404.html")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("article a")}
    assert links["About"] == "/en/latest/"
    assert links["Publications"] == "/en/latest/publications/"
    for tag in soup.find_all(["link", "script", "img"]):
        target = tag.get("href") or tag.get("src")
        if target and tag.get("type") != "application/atom+xml":
            assert target.startswith(("/en/latest/", "https://")), tag


@pytest.mark.sphinx("dirhtml", testroot="theme", freshenv=True)
def test_read_the_docs_address_wins_over_html_baseurl(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://docs.jane.example/en/stable")
    _, kwargs = app_params
    app: SphinxTestApp = make_app("dirhtml", **{**kwargs, "builddir": tmp_path})
    app.build()
    assert warning_lines(app.warning) == []
    research = read_html(Path(app.outdir) / "research/index.html")
    assert research.find("link", rel="canonical")["href"] == (
        "https://docs.jane.example/en/stable/research/"
    )


@pytest.mark.sphinx("dirhtml", testroot="theme", freshenv=True)
def test_html_baseurl_is_used_off_read_the_docs(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("READTHEDOCS", raising=False)
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://ignored.example/")
    _, kwargs = app_params
    app: SphinxTestApp = make_app("dirhtml", **{**kwargs, "builddir": tmp_path})
    app.build()
    research = read_html(Path(app.outdir) / "research/index.html")
    assert research.find("link", rel="canonical")["href"] == "https://jane.example/site/research/"


def test_links_to_the_conf_py_address_stay_within_the_site(output: Path) -> None:
    # About links to https://mleavitt.net/publications/, the address in conf.py; on Read the
    # Docs the site lives elsewhere, and that link must lead to the page here.
    about = read_html(output / "index.html")
    link = about.find("a", string="publications")
    assert link["href"] == "publications/"
