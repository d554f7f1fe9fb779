"""Every URL a page claims resolves after the build: the page itself or a redirect stub."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import html_files, read_html, stub_target, warning_lines

# (claimed URL's file, expected relative target) for each builder of the frontmatter root.
EXPECTED_STUBS = {
    "dirhtml": {
        "about/index.html": "../",
        "about.html": "./",
        "old-notes/index.html": "../notes/",
        "café (draft)/index.html": "../draft/",
        "moved-old/index.html": "https://elsewhere.example/new?x=1",
        "moved/index.html": "https://elsewhere.example/new?x=1",
    },
    "html": {
        "about/index.html": "../index.html",
        "about.html": "index.html",
        "notes/index.html": "../notes.html",
        "old-notes/index.html": "../notes.html",
        "café (draft)/index.html": "../draft.html",
        "moved-old/index.html": "https://elsewhere.example/new?x=1",
        "moved.html": "https://elsewhere.example/new?x=1",
    },
}


@pytest.mark.sphinx(testroot="frontmatter", freshenv=True)
@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_every_claimed_url_has_a_page_or_a_stub(make_app, app_params, builder: str) -> None:
    _, kwargs = app_params
    app = make_app(builder, **kwargs)
    app.build()
    outdir = Path(app.outdir)
    for file, target in EXPECTED_STUBS[builder].items():
        assert stub_target(outdir / file) == target, file
    # Claimed URLs that are the page itself are not stubs.
    if builder == "dirhtml":
        assert read_html(outdir / "notes/index.html").find("script", {"data-target": True}) is None
    # /x and /x/ are one URL: never an extensionless file.
    assert not [p for p in outdir.rglob("*") if p.is_file() and p.name in {"about", "old-notes"}]
    assert warning_lines(app.warning) == []


@pytest.mark.sphinx("dirhtml", testroot="frontmatter", freshenv=True)
def test_stub_is_relative_canonical_noindex_and_keeps_query_and_fragment(
    app: SphinxTestApp,
) -> None:
    app.build()
    stub = read_html(Path(app.outdir) / "old-notes/index.html")
    assert stub.find("link", rel="canonical")["href"] == "https://example.org/site/notes/"
    assert stub.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    refresh = stub.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == "0; url=../notes/"
    script = stub.find("script", attrs={"data-target": True}).string
    assert "location.search" in script or "here.search" in script
    assert "here.hash" in script
    assert stub.find("a")["href"] == "../notes/"
    assert stub.title.get_text() == "Notes"


@pytest.mark.sphinx("html", testroot="frontmatter_bad", freshenv=True)
def test_bad_front_matter_warns_with_file_and_line_and_the_rest_builds(
    app: SphinxTestApp,
) -> None:
    app.build()
    warnings = warning_lines(app.warning)
    text = "\n".join(warnings)
    assert "badyaml.md:1: WARNING: Malformed YAML" in text
    for line, url in [(4, "../../escaped"), (5, "//evil.example/x"), (6, "javascript:alert(1)")]:
        assert f"unsafe.md:{line}: WARNING: redirect_from {url!r} refused" in text
    assert "unsafe.md:7: WARNING: redirect_from 'https://evil.example/phish' refused" in text
    assert "jsredirect.md:3: WARNING: redirect_to 'javascript:alert(document.cookie)'" in text
    assert "index.md:6: WARNING: link to '/nowhere/'" in text
    # Both pages named in a collision; the first (by name) keeps the URL.
    collision = next(w for w in warnings if "'/same/'" in w)
    assert "b.md:3" in collision
    assert "a.md keeps it" in collision
    assert "c.md:4: WARNING: redirect_from '/index.html' collides with the page" in text
    assert "toctree" not in text

    outdir = Path(app.outdir)
    assert stub_target(outdir / "same/index.html") == "../a.html"
    assert stub_target(outdir / "fine-alias/index.html") == "../unsafe.html"
    # The page wins over a stub that would replace it.
    assert read_html(outdir / "index.html").find("script", {"data-target": True}) is None
    for docname in ("badyaml", "unsafe", "a", "b", "c", "jsredirect"):
        assert (outdir / f"{docname}.html").is_file(), docname
    assert "BADYAML-BODY" in (outdir / "badyaml.html").read_text("utf-8")
    assert "JSREDIRECT-BODY" in (outdir / "jsredirect.html").read_text("utf-8")
    every_file = "".join(html_files(outdir).values())
    assert "javascript:" not in every_file.replace("javascript:alert(document.cookie)'", "")
    assert 'href="javascript:' not in every_file
    assert "evil.example" not in every_file
    # Nothing was written outside the output directory.
    assert not list(Path(app.srcdir).parent.rglob("escaped*"))


@pytest.mark.sphinx("dirhtml", testroot="frontmatter_bad", freshenv=True)
def test_stub_never_replaces_a_file_sphinx_wrote(app: SphinxTestApp) -> None:
    app.build()
    assert "c.md:5: WARNING: redirect '/search/' not written" in "\n".join(
        warning_lines(app.warning)
    )
    search = read_html(Path(app.outdir) / "search/index.html")
    assert search.find("meta", attrs={"content": "scholarpages-redirect"}) is None


@pytest.mark.sphinx("dirhtml", testroot="frontmatter_incremental", copy_test_root=True)
def test_dropped_redirect_is_removed_on_the_next_incremental_build(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", freshenv=True, **kwargs)
    app.build()
    outdir = Path(app.outdir)
    assert stub_target(outdir / "old-talk/index.html") == "../talk/"
    assert stub_target(outdir / "older/talk.html") == "../talk/"
    app.cleanup()

    talk = Path(app.srcdir) / "talk.md"
    talk.write_text(talk.read_text("utf-8").replace("  - /older/talk.html\n", ""), encoding="utf-8")
    again = make_app("dirhtml", **kwargs)
    again.build()
    assert "talk" in again.env.metadata  # read again, not rebuilt from scratch
    assert not (outdir / "older/talk.html").exists()
    assert not (outdir / "older").exists()
    assert stub_target(outdir / "old-talk/index.html") == "../talk/"
    again.cleanup()

    # A no-op build keeps every stub.
    third = make_app("dirhtml", **kwargs)
    third.build()
    assert stub_target(outdir / "old-talk/index.html") == "../talk/"
    assert warning_lines(third.warning) == []


@pytest.mark.sphinx(testroot="frontmatter", copy_test_root=True)
def test_parallel_build_writes_the_same_site(make_app, app_params, tmp_path: Path) -> None:
    _, kwargs = app_params
    outputs = []
    for jobs in (1, 2):
        builddir = tmp_path / f"j{jobs}"
        app = make_app(
            "dirhtml", **{**kwargs, "freshenv": True, "parallel": jobs, "builddir": builddir}
        )
        app.build()
        assert warning_lines(app.warning) == []
        outputs.append(html_files(Path(app.outdir)))
        app.cleanup()
    assert outputs[0].keys() == outputs[1].keys()
    assert outputs[0] == outputs[1]


@pytest.mark.sphinx("dirhtml", testroot="frontmatter_incremental", copy_test_root=True)
def test_links_to_a_url_that_moved_are_resolved_again(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", freshenv=True, **kwargs)
    app.build()
    home = read_html(Path(app.outdir) / "index.html")
    assert home.find("a", string="the talk")["href"] == "talk/"
    app.cleanup()

    talk = Path(app.srcdir) / "talk.md"
    talk.write_text(talk.read_text("utf-8").replace("  - /old-talk/\n", ""), encoding="utf-8")
    again = make_app("dirhtml", **kwargs)
    again.build()
    # index.md did not change, but the URL it links to no longer exists: it is written again.
    assert "index.md:6: WARNING: link to '/old-talk/'" in "\n".join(warning_lines(again.warning))
    again.cleanup()
