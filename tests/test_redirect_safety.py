"""Hostile front matter and .bib redirects: refused with a located warning, never a crash,
never a loop, never a stub over a file the build writes."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import read_html, stub_target, warning_lines

LONG = "a" * 300
# (line in crash.md, claimed URL) of each claim onto a file the build writes.
CLAIMS_ON_WRITTEN_FILES = [
    (4, "/publications.bib/"),
    (5, "/index.html/"),
    (6, "/robots.txt/"),
    (7, "/publications/smith2020.bib/"),
    (8, f"/{LONG}/"),
    (9, "/sitemap.xml/"),
    (10, "/images/photo.png/"),
    (11, "/_static/old/"),
    (12, "/objects.inv/"),
]
# Files the build writes, which must stay what the build made of them.
WRITTEN_FILES = [
    "publications.bib",
    "robots.txt",
    "sitemap.xml",
    "objects.inv",
    "publications.atom",
    "publications/smith2020.bib",
    "images/photo.png",
]


def _is_stub(path: Path) -> bool:
    return path.is_file() and b'content="scholarpages-redirect"' in path.read_bytes()[:512]


def _file_of(outdir: Path, file: str) -> Path:
    path = outdir / file
    return path / "index.html" if path.is_dir() else path


def _follow(outdir: Path, file: str) -> list[str]:
    """The files a browser visits from the stub ``file``, until a page that is not a stub."""
    visited = [file]
    while _is_stub(outdir / visited[-1]):
        target = stub_target(outdir / visited[-1])
        if "://" in target:
            return visited
        next_file = posixpath.normpath(posixpath.join(posixpath.dirname(visited[-1]), target))
        assert not next_file.startswith(".."), f"{visited} leaves the site"
        next_path = _file_of(outdir, next_file)
        next_file = next_path.relative_to(outdir).as_posix()
        assert next_file not in visited, f"redirect loop: {[*visited, next_file]}"
        visited.append(next_file)
    return visited


def assert_no_redirect_bounces(outdir: Path) -> None:
    """Every stub leads, in a few steps, to a page that exists and is not a stub."""
    for path in sorted(outdir.rglob("*.html")):
        if _is_stub(path):
            chain = _follow(outdir, path.relative_to(outdir).as_posix())
            assert len(chain) <= 3, chain
            assert (outdir / chain[-1]).is_file() or len(chain) == 1, chain


def _warnings(app: SphinxTestApp) -> tuple[list[str], str]:
    warnings = warning_lines(app.warning)
    return warnings, "\n".join(warnings)


@pytest.mark.sphinx(testroot="redirects_written", freshenv=True)
@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_claims_on_files_the_build_writes_are_refused(make_app, app_params, builder: str) -> None:
    _, kwargs = app_params
    app = make_app(builder, **kwargs)
    app.build()
    outdir = Path(app.outdir)
    warnings, text = _warnings(app)
    for line, url in CLAIMS_ON_WRITTEN_FILES:
        located = [w for w in warnings if f"crash.md:{line}: WARNING:" in w]
        assert located, f"no warning for {url!r} at crash.md:{line}\n{text}"
        assert "[scholarpages." in located[0]
    # A .bib's redirect is located at its entry.
    assert any("refs.bib:1: WARNING:" in w and "/publications.atom/" in w for w in warnings)

    for file in WRITTEN_FILES:
        assert (outdir / file).is_file(), file
        assert not _is_stub(outdir / file), file
    assert not _is_stub(outdir / "index.html")
    assert not (outdir / LONG[:200]).exists()
    assert not list(outdir.glob("_static/old*"))
    # The rest of the site builds, its good redirects included.
    crash = "crash/index.html" if builder == "dirhtml" else "crash.html"
    assert "CRASH-BODY" in (outdir / crash).read_text("utf-8")
    assert _follow(outdir, "fine-old/index.html")[-1] == crash
    paper = "publications/smith2020/index.html" if builder == "dirhtml" else None
    if paper is not None:
        assert _follow(outdir, "publication/smith-2020/index.html")[-1] == paper
    assert_no_redirect_bounces(outdir)


PAGE_BODIES = {
    "self": "SELF-BODY",
    "ping": "PING-BODY",
    "pong": "PONG-BODY",
    "via-a": "VIA-A-BODY",
    "via-b": "VIA-B-BODY",
}


@pytest.mark.sphinx(testroot="redirects_hostile", freshenv=True)
@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_redirect_loops_are_refused_and_the_pages_show_their_content(
    make_app, app_params, builder: str
) -> None:
    _, kwargs = app_params
    app = make_app(builder, **kwargs)
    app.build()
    outdir = Path(app.outdir)
    warnings, text = _warnings(app)
    loops = [w for w in warnings if "[scholarpages.redirect.loop]" in w]
    assert len(loops) == 3, text
    for names in (["self.md"], ["ping.md", "pong.md"], ["via-a.md", "via-b.md"]):
        assert any(all(name in w for name in names) for w in loops), (names, loops)
    assert not any("into-loop" in w or "onward" in w for w in loops)

    for page, body in PAGE_BODIES.items():
        file = f"{page}/index.html" if builder == "dirhtml" else f"{page}.html"
        assert not _is_stub(outdir / file), file
        assert body in (outdir / file).read_text("utf-8"), file
    # A page leading into a loop still redirects, to a page that now shows its content.
    into = "into-loop/index.html" if builder == "dirhtml" else "into-loop.html"
    assert _is_stub(outdir / into)
    onward = "onward/index.html" if builder == "dirhtml" else "onward.html"
    assert stub_target(outdir / onward) == "https://elsewhere.example/onward/"
    assert stub_target(outdir / "onward-old/index.html") == "https://elsewhere.example/onward/"
    assert_no_redirect_bounces(outdir)


@pytest.mark.sphinx("dirhtml", testroot="redirects_hostile", freshenv=True)
def test_values_passed_over_silently_now_warn_and_do_the_safe_thing(
    app: SphinxTestApp,
) -> None:
    app.build()
    outdir = Path(app.outdir)
    warnings, text = _warnings(app)

    assert "nullish.md:3: WARNING: redirect_from" in text
    assert "nullish.md:4: WARNING: permalink" in text
    for name in ("null", "None", "listed-one", "listed-two"):
        assert not (outdir / name).exists(), name
    assert not list(outdir.glob("[[]*")), "a folder named after a JSON list"
    assert "NULLISH-BODY" in (outdir / "nullish/index.html").read_text("utf-8")

    assert "missing.md:3: WARNING: redirect_to '/nothing-here/'" in text
    assert not _is_stub(outdir / "missing/index.html")
    assert "MISSING-BODY" in (outdir / "missing/index.html").read_text("utf-8")

    assert "notfound.md:4: WARNING: redirect '/404.html' not written" in text
    assert "notfound.md:5: WARNING: redirect '/404/' not written" in text
    not_found = read_html(outdir / "404.html")
    assert not _is_stub(outdir / "404.html")
    assert not_found.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not (outdir / "404").exists()

    # Every warning names a file and a line.
    for warning in warnings:
        assert not warning.startswith("WARNING"), warning
        assert ".md:" in warning or ".bib:" in warning, warning
    assert_no_redirect_bounces(outdir)
