"""No built page loads a script, a stylesheet or a font from another host.

A personal site is read offline, from a mirror, or behind a firewall, and a third-party
script on every page sees every reader. Links to other sites are fine (``<a href>``, the
canonical address, feeds); what the browser fetches by itself to show the page is not.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from shutil import copytree

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent

# Addresses on another host: a scheme with a host, or protocol-relative.
_OTHER_HOST = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//", re.ASCII)
# What CSS fetches: @import "x", @import url(x), url(x).
_CSS_FETCH = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)|url\(\s*['"]?([^'")\s]+)""")
# <link> relations that name a page rather than load something into this one.
_NAMING_RELATIONS = {
    "canonical",
    "alternate",
    "author",
    "license",
    "me",
    "next",
    "prev",
    "index",
    "search",
    "help",
    "up",
}
# The example site and every test project with math in its pages or its .bib.
ROOTS = ["page_math", "publications_math", "publications", "theme", "diagrams"]


def external_fetches_in_css(css: str) -> list[str]:
    return [
        address
        for match in _CSS_FETCH.finditer(css)
        for address in match.groups()
        if address and _OTHER_HOST.match(address)
    ]


def external_fetches(html: str) -> list[str]:
    """What the page would fetch from another host to show itself."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        f"script {script['src']}"
        for script in soup.find_all("script", src=True)
        if _OTHER_HOST.match(str(script["src"]))
    ]
    for link in soup.find_all("link", href=True):
        relations = {str(rel).lower() for rel in link.get("rel") or []}
        if _OTHER_HOST.match(str(link["href"])) and not relations <= _NAMING_RELATIONS:
            found.append(f"link {sorted(relations)} {link['href']}")
    for style in soup.find_all("style"):
        found += [f"style {address}" for address in external_fetches_in_css(style.get_text())]
    for element in soup.find_all(style=True):
        found += [f"style= {address}" for address in external_fetches_in_css(str(element["style"]))]
    return found


def site_problems(outdir: Path) -> dict[str, list[str]]:
    """Each built page and stylesheet that fetches from another host, with what it fetches."""
    problems: dict[str, list[str]] = {}
    for path in sorted(outdir.rglob("*")):
        if path.suffix == ".html":
            found = external_fetches(path.read_text("utf-8"))
        elif path.suffix == ".css":
            found = external_fetches_in_css(path.read_text("utf-8"))
        else:
            continue
        if found:
            problems[path.relative_to(outdir).as_posix()] = found
    return problems


def test_the_check_finds_what_loads_from_another_host() -> None:
    page = """<html><head>
    <script src="https://cdn.example/mathjax.js"></script>
    <script src="_static/local.js"></script>
    <link rel="stylesheet" href="//fonts.example/css">
    <link rel="preload" as="font" href="http://fonts.example/a.woff2">
    <link rel="canonical" href="https://me.example/">
    <link rel="alternate" type="application/atom+xml" href="https://me.example/feed.xml">
    <style>@import url("https://fonts.example/b.css"); p { background: url(img/x.png) }</style>
    </head><body style="background: url('//img.example/bg.png')">
    <a href="https://elsewhere.example/">a link is fine</a></body></html>"""
    assert external_fetches(page) == [
        "script https://cdn.example/mathjax.js",
        "link ['stylesheet'] //fonts.example/css",
        "link ['preload'] http://fonts.example/a.woff2",
        "style https://fonts.example/b.css",
        "style= //img.example/bg.png",
    ]
    assert external_fetches_in_css("@font-face { src: url(https://x.example/f.woff) }") == [
        "https://x.example/f.woff"
    ]


@pytest.mark.parametrize("root", ROOTS)
def test_test_sites_load_nothing_from_another_host(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path, root: str
) -> None:
    srcdir = tmp_path / root
    copytree(rootdir / f"test-{root}", srcdir)
    app = make_app("dirhtml", srcdir=srcdir, freshenv=True)
    app.build()
    assert site_problems(Path(app.outdir)) == {}


@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_example_site_loads_nothing_from_another_host(tmp_path: Path, builder: str) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", builder, "-d", str(tmp_path / "d")]
    result = subprocess.run(
        [*command, "docs", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert site_problems(tmp_path / "site") == {}
