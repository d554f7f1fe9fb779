"""Hostile front matter and .bib redirects: refused with a located warning, never a crash,
never a loop, never a stub over a file the build writes."""

from __future__ import annotations

import posixpath
import re
import tempfile
from io import StringIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from scholarpages.confinement import is_safe_name
from scholarpages.frontmatter.redirect_chains import find_loops
from scholarpages.frontmatter.stubs import stub_html, write_stub_file
from scholarpages.frontmatter.urls import MAX_URL_BYTES, UnsafeURLError, href, site_path

from helpers import read_html, stub_target, warning_lines

LONG = "a" * 300
# (line in crash.md, claimed URL) of each claim onto a file the build writes.
CLAIMS_ON_WRITTEN_FILES = [
    (4, "/publications.bib/"),
    (5, "/index.html/"),
    (6, "/robots.txt/"),
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
    # A claim on a paper's download (crash.md:7) is a URL the page asked for first: the
    # paper's files move aside, with a warning at the entry (see paper_names).
    assert "WARNING: entry 'smith2020': publications/smith2020 is a URL claimed by" in text
    (paper_bib,) = outdir.glob("publications/smith2020-*.bib")
    assert not _is_stub(paper_bib)

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
    if builder == "dirhtml":
        (paper,) = outdir.glob("publications/smith2020-*/index.html")
        chain = _follow(outdir, "publication/smith-2020/index.html")
        assert chain[-1] == paper.relative_to(outdir).as_posix()
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


# Pure properties: many examples, no build.

_PIECES = st.sampled_from(
    [
        "",
        ".",
        "..",
        "%2e%2e",
        "%2F",
        "%00",
        "\\",
        "a",
        "x.html",
        "index.html",
        "café",
        "\x00",
        "\x1f",
        " ",
        "?q",
        "#f",
        "javascript:",
        "//host",
        "a" * 256,
        "é" * 128,
        "\ud800",
    ]
)
_CLAIMS = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=8).map("/".join),
)


@settings(max_examples=400, deadline=None)
@given(_CLAIMS)
def test_a_claimed_url_is_a_plain_file_inside_the_output_or_refused(claimed: str) -> None:
    try:
        path = site_path(claimed)
    except UnsafeURLError:
        return
    assert not path.file.startswith("/")
    segments = path.file.split("/")
    assert all(is_safe_name(segment) for segment in segments), path
    assert ".." not in segments and "." not in segments
    assert not any(ord(character) < 32 or character == "\x7f" for character in path.file)
    assert (
        path.file.endswith("/index.html")
        or path.file == "index.html"
        or (path.file.lower().endswith((".html", ".htm")))
    )
    assert len(path.file.encode()) <= MAX_URL_BYTES + len("/index.html")
    assert posixpath.normpath(path.file) == path.file
    # The canonical URL names the same file.
    assert site_path(path.url) == path


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefg"), st.sampled_from("abcdefgh"), max_size=7))
def test_loops_are_found_and_what_is_left_ends(next_page: dict[str, str]) -> None:
    loops = find_loops(next_page)
    members = [page for loop in loops for page in loop]
    assert len(members) == len(set(members)), "each loop is found once"
    for loop in loops:
        assert loop[0] == min(loop)
        for index, page in enumerate(loop):
            assert next_page[page] == loop[(index + 1) % len(loop)]
    left = {page: target for page, target in next_page.items() if page not in members}
    for start in left:
        seen = [start]
        while seen[-1] in left:
            seen.append(left[seen[-1]])
            assert len(seen) == len(set(seen)), f"a loop was missed: {seen}"


_TREE_NAMES = st.sampled_from(["a", "b", "index.html", "x.html", "a.html"])
_TREE_PATHS = st.lists(_TREE_NAMES, min_size=1, max_size=3).map("/".join)


@settings(max_examples=100, deadline=None)
@given(
    existing=st.lists(st.tuples(_TREE_PATHS, st.booleans()), max_size=5),
    file=_TREE_PATHS,
    replaceable=st.booleans(),
)
def test_the_stub_writer_never_raises_nor_replaces_what_it_may_not(
    existing: list[tuple[str, bool]], file: str, replaceable: bool
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        outdir = Path(temporary) / "out"
        outdir.mkdir()
        for name, is_folder in existing:
            path = outdir / name
            if any(parent.is_file() for parent in path.parents) or path.exists():
                continue
            if is_folder:
                path.mkdir(parents=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("SITE FILE", encoding="utf-8")
        before = {p.relative_to(outdir).as_posix(): p.is_dir() for p in outdir.rglob("*")}
        refusal = write_stub_file(outdir, file, "STUB", replaceable)
        after = {p.relative_to(outdir).as_posix(): p.is_dir() for p in outdir.rglob("*")}
        if refusal is not None:
            assert after == before
            return
        assert (outdir / file).read_text("utf-8") == "STUB"
        if file in before:
            assert replaceable and not before[file]
        # Nothing else was replaced; only the folders the stub needed were added.
        assert {name for name in before if name != file} <= set(after)
        assert all(after[name] == is_dir for name, is_dir in before.items())
        assert list(Path(temporary).iterdir()) == [outdir]


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=40), target=st.text(max_size=40))
def test_a_stub_page_carries_any_title_and_target_as_inert_text(title: str, target: str) -> None:
    html = stub_html(language="en", title=title, target=target, canonical=target)
    assert html.count("<script") == 1 and html.count("</script>") == 1
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script")["data-target"] == target
    assert len(soup.find_all("meta")) == 4 and len(soup.find_all("a")) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_a_relative_link_is_percent_encoded(from_file: str, to_uri: str) -> None:
    link = href(from_file, to_uri)
    assert not any(character.isspace() or character in '"<>\\`{}|^' for character in link)
    assert not any(ord(character) < 32 or ord(character) > 126 for character in link)


# Whole builds of a tiny project whose pages carry arbitrary front matter: few examples.

_HOSTILE_TEXT = st.sampled_from(
    [
        "/a/",
        "/b/",
        "/c/",
        "/",
        "/a.html",
        "a",
        "..",
        "../../../escaped",
        "/%2e%2e/%2e%2e/escaped/",
        "//evil.example/x",
        "javascript:alert(1)",
        "https://elsewhere.example/x",
        "https://jane.example/b/",
        "/" + "a" * 300 + "/",
        "/ok/" + "b" * 255 + "/",
        "/x\x01y/",
        "/index.html/",
        "/404.html",
        "/404/",
        "/publications.bib/",
        "/publications/smith2020.bib/",
        "/search/",
        "/_static/x/",
        "/images/",
        "null",
        "",
    ]
)
_SCALARS = st.one_of(
    _HOSTILE_TEXT,
    st.text(max_size=12),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
)
_NESTED = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(max_size=4), children, max_size=2),
    ),
    max_leaves=4,
)
# Mostly the values that once broke builds, some of anything.
_VALUES = st.one_of(
    _HOSTILE_TEXT, _HOSTILE_TEXT, st.lists(_HOSTILE_TEXT, min_size=1, max_size=3), _NESTED
)
_KEYS = ("permalink", "redirect_from", "redirect_to", "published", "title")
_FRONT_MATTER = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(_KEYS, _VALUES),
)
_CONF = """extensions = ["scholarpages"]
project = "Property"
html_baseurl = "https://jane.example/"
scholarpages_bibfile = "refs.bib"
exclude_patterns = ["_build"]
"""
_BIB = "@article{smith2020, title = {A Paper}, author = {Smith, Jane}, year = {2020}}\n"


def _write_project(project: Path, pages: dict[str, dict[str, object]]) -> None:
    project.mkdir(parents=True)
    (project / "conf.py").write_text(_CONF, encoding="utf-8")
    (project / "refs.bib").write_text(_BIB, encoding="utf-8")
    (project / "index.md").write_text("---\ntitle: Home\n---\n\nHome.\n", encoding="utf-8")
    for name, front_matter in pages.items():
        text = yaml.safe_dump(front_matter, allow_unicode=True) if front_matter else ""
        (project / f"{name}.md").write_text(f"---\n{text}---\n\nBody of {name}.\n", "utf-8")


@settings(max_examples=15, deadline=None)
@given(
    pages=st.fixed_dictionaries(dict.fromkeys(("a", "b", "c"), _FRONT_MATTER)),
    builder=st.sampled_from(["dirhtml", "html"]),
)
def test_any_front_matter_builds_inside_the_output_and_every_warning_is_located(
    pages: dict[str, dict[str, object]], builder: str
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        project = root / "one" / "two" / "three" / "project"
        _write_project(project, pages)
        before = set(root.rglob("*"))
        warning = StringIO()
        app = SphinxTestApp(
            builder,
            srcdir=project,
            builddir=project / "_build",
            freshenv=True,
            status=StringIO(),
            warning=warning,
        )
        try:
            app.build()
        finally:
            app.cleanup()
        build = project / "_build"
        for path in set(root.rglob("*")) - before:
            assert path.is_relative_to(build), f"{path} is outside the output"
        for line in warning_lines(warning):
            assert re.match(r"^\S.*?:\d+: (WARNING|ERROR)", line), line
        assert_no_redirect_bounces(build / builder)


@pytest.mark.sphinx("dirhtml", testroot="redirects_incremental", copy_test_root=True)
def test_a_page_that_stops_redirecting_because_of_another_shows_its_content_again(
    make_app, app_params
) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", freshenv=True, **kwargs)
    app.build()
    outdir = Path(app.outdir)
    assert stub_target(outdir / "ping/index.html") == "../pong/"
    app.cleanup()

    # Only pong.md changes, and it closes a loop: ping.md must be written again.
    pong = Path(app.srcdir) / "pong.md"
    pong.write_text(
        pong.read_text("utf-8").replace("title: Pong\n", "title: Pong\nredirect_to: /ping/\n"),
        "utf-8",
    )
    again = make_app("dirhtml", **kwargs)
    again.build()
    assert "[scholarpages.redirect.loop]" in "\n".join(warning_lines(again.warning))
    assert "PING-BODY" in (outdir / "ping/index.html").read_text("utf-8")
    assert "PONG-BODY" in (outdir / "pong/index.html").read_text("utf-8")
    again.cleanup()

    # pong.md redirects no more, then is deleted: ping.md, unchanged, redirects to it again,
    # then shows its content again.
    pong.write_text("---\ntitle: Pong\n---\n\nPONG-BODY is shown.\n", "utf-8")
    third = make_app("dirhtml", **kwargs)
    third.build()
    assert stub_target(outdir / "ping/index.html") == "../pong/"
    third.cleanup()
    pong.unlink()
    fourth = make_app("dirhtml", **kwargs)
    fourth.build()
    assert "[scholarpages.redirect.missing]" in "\n".join(warning_lines(fourth.warning))
    assert "PING-BODY" in (outdir / "ping/index.html").read_text("utf-8")
    assert_no_redirect_bounces(outdir)
    fourth.cleanup()
