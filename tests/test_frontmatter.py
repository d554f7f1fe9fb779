"""Jekyll-style front matter on MyST pages: titles, descriptions, hidden pages, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import headings, read_html, warning_lines

BUILDERS = ["html", "dirhtml"]


def page(app: SphinxTestApp, docname: str) -> Path:
    uri = app.builder.get_target_uri(docname)
    return Path(app.outdir) / (f"{uri}index.html" if uri == "" or uri.endswith("/") else uri)


@pytest.mark.sphinx(testroot="frontmatter", freshenv=True)
@pytest.mark.parametrize("builder", BUILDERS)
def test_site_builds_without_warnings(make_app, app_params, builder: str) -> None:
    _, kwargs = app_params
    app = make_app(builder, **kwargs)
    app.build()
    assert warning_lines(app.warning) == []


@pytest.mark.sphinx("dirhtml", testroot="frontmatter", freshenv=True)
def test_title_becomes_the_single_heading_and_the_html_title(app: SphinxTestApp) -> None:
    app.build()
    home = read_html(page(app, "index"))
    assert headings(home, "h1") == ["About me"]
    assert home.title is not None
    assert home.title.get_text().startswith("About me")

    notes = read_html(page(app, "notes"))
    # The body already starts with the title: it is not repeated.
    assert headings(notes, "h1") == ["Notes"]

    headed = read_html(page(app, "headed"))
    assert headings(headed, "h1") == ["Front Title"]
    h2s = headings(headed, "h2")
    assert h2s == ["Body Heading"]
    assert headed.title is not None
    assert headed.title.get_text().startswith("Front Title")


@pytest.mark.sphinx("html", testroot="frontmatter", freshenv=True)
def test_excerpt_is_the_escaped_meta_description(app: SphinxTestApp) -> None:
    app.build()
    raw = page(app, "index").read_text(encoding="utf-8")
    meta = read_html(page(app, "index")).find("meta", attrs={"name": "description"})
    assert meta is not None
    assert meta["content"] == 'A "quoted" <b>excerpt</b> & more'
    assert "<b>excerpt</b>" not in raw.split("<body")[0]
    assert read_html(page(app, "dated")).find("meta", attrs={"name": "description"}) is None


@pytest.mark.sphinx("html", testroot="frontmatter", freshenv=True)
def test_only_literal_false_unpublishes(app: SphinxTestApp) -> None:
    app.build()
    assert "hidden" not in app.env.found_docs
    assert not (Path(app.outdir) / "hidden.html").exists()
    assert not (Path(app.outdir) / "hidden").exists()
    for docname in ("dated", "preprint", "quoted"):
        assert page(app, docname).is_file(), docname
    every_page = "".join(p.read_text("utf-8") for p in Path(app.outdir).rglob("*.html"))
    assert "HIDDEN-PAGE-BODY" not in every_page
    assert warning_lines(app.warning) == []


@pytest.mark.sphinx("html", testroot="frontmatter", freshenv=True)
def test_markdown_comments_render_nothing(app: SphinxTestApp) -> None:
    app.build()
    text = page(app, "index").read_text(encoding="utf-8")
    for hidden in ("HIDDEN-ONE", "HIDDEN-TWO", "HIDDEN-THREE"):
        assert hidden not in text
    # The same line inside a code block is code, and stays.
    assert "SHOWN-IN-CODE" in text
    assert warning_lines(app.warning) == []


@pytest.mark.sphinx(testroot="frontmatter", freshenv=True)
@pytest.mark.parametrize(
    ("builder", "expected"),
    [
        (
            "dirhtml",
            {
                "notes": "notes/#part",
                "old address": "notes/",
                "dog": "images/dog.jpg",
                "draft": "draft/",
                "the headed page": "headed/",
            },
        ),
        (
            "html",
            {
                "notes": "notes.html#part",
                "old address": "notes.html",
                "dog": "images/dog.jpg",
                "draft": "draft.html",
                "the headed page": "headed.html",
            },
        ),
    ],
)
def test_site_links_are_written_relative(
    make_app, app_params, builder: str, expected: dict[str, str]
) -> None:
    _, kwargs = app_params
    app = make_app(builder, **kwargs)
    app.build()
    home = read_html(page(app, "index"))
    links = {a.get_text(strip=True): a["href"] for a in home.select("section a")}
    for text, href in expected.items():
        assert links.get(text) == href, (text, links.get(text))
    assert (Path(app.outdir) / "images" / "dog.jpg").is_file()
    # From a page one level down, the same picture is one level up.
    if builder == "dirhtml":
        assert app.builder.get_relative_uri("notes", "index") == "../"


@pytest.mark.sphinx(testroot="frontmatter", freshenv=True)
def test_author_profile_and_layout_reach_templates(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("html", **kwargs)
    seen: dict[str, dict[str, object]] = {}

    def record(app_, pagename, templatename, context, doctree) -> None:  # type: ignore[no-untyped-def]
        seen[pagename] = {k: context.get(k) for k in ("author_profile", "layout", "excerpt")}

    app.connect("html-page-context", record, priority=900)
    app.build()
    assert seen["index"]["author_profile"] is True
    assert seen["headed"]["author_profile"] is False
    assert seen["notes"]["layout"] == "single"
    assert seen["headed"]["layout"] == "archive"
    assert seen["index"]["excerpt"] == 'A "quoted" <b>excerpt</b> & more'


@pytest.mark.sphinx("dirhtml", testroot="frontmatter", freshenv=True)
def test_academicpages_habits_build_cleanly(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app.warning) == []
    cv = read_html(page(app, "liquid"))
    # Body headings written from ## under a front-matter title keep their levels.
    body = cv.select_one("section")
    assert headings(body, "h1") == ["CV"]
    assert headings(body, "h2") == ["Education"]
    assert headings(body, "h3") == ["Degrees"]
    assert cv.find("a", string="my CV")["href"] == "../files/cv.pdf"
    assert "{% include" not in cv.select_one("section").get_text().replace(
        cv.select_one("pre").get_text(), ""
    )
    assert "{{ base_path }} and {% include toc %} are code here" in cv.select_one("pre").get_text()
