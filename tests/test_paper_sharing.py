"""Paper pages people share: OpenGraph and Twitter card tags, and the author card."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from helpers import read_html, warning_lines

BASE = "https://jane.example/site/"
PREVIEW = "publications/doe2023preview"
PLAIN = "publications/doe2021plain"


def page_file(app: SphinxTestApp, pagename: str) -> Path:
    uri = app.builder.get_target_uri(pagename)
    return Path(app.outdir) / (f"{uri}index.html" if uri.endswith("/") else uri)


def paper(app: SphinxTestApp, pagename: str) -> BeautifulSoup:
    return read_html(page_file(app, pagename))


def share_tags(soup: BeautifulSoup) -> dict[str, str]:
    tags = soup.head.find_all("meta", property=True) + soup.head.find_all(
        "meta", attrs={"name": lambda name: bool(name) and name.startswith("twitter:")}
    )
    found: dict[str, str] = {}
    for tag in tags:
        name = str(tag.get("property") or tag.get("name"))
        assert name not in found, f"{name} twice"
        found[name] = str(tag["content"])
    return found


@pytest.mark.parametrize("builder", ["dirhtml", "html"])
@pytest.mark.sphinx("dirhtml", testroot="paper_sharing", freshenv=True)
def test_paper_pages_describe_themselves_to_link_previews(
    make_app, app_params, builder: str
) -> None:
    _, kwargs = app_params
    app = make_app(builder, **kwargs)
    app.build()
    [warning] = warning_lines(app.warning)
    assert warning.endswith(
        "refs.bib:11: WARNING: entry 'doe2021plain': preview 'javascript:alert(1)' is not an "
        "http(s) URL or an image of this site; it is not shown [scholarpages.bib.unsafe_link]"
    )
    url = "" if builder == "dirhtml" else ".html"
    with_preview = share_tags(paper(app, PREVIEW))
    title = 'Graphs in O(n²) time: a "quick" <look>'
    assert with_preview["og:title"] == title
    assert with_preview["og:type"] == "article"
    description = with_preview["og:description"]
    assert description.startswith('We show that "x < y" & more for graphs with n nodes.')
    assert description.endswith("\u2026") and len(description) <= 200
    assert with_preview["og:url"] == BASE + PREVIEW + ("/" if builder == "dirhtml" else url)
    assert with_preview["og:image"] == BASE + "images/thumb.png"
    assert with_preview["og:image:alt"] == title
    assert with_preview["og:site_name"] == "Jane Q. Doe"
    assert with_preview["twitter:card"] == "summary_large_image"
    # Without an abstract: the citation; with an unsafe preview: the avatar.
    plain = share_tags(paper(app, PLAIN))
    assert plain["og:title"] == "A Plain Paper"
    assert plain["og:description"] == "Jane Q. Doe. Journal of Tests. 2021"
    assert plain["og:image"] == BASE + "images/avatar.png"
    assert plain["og:image:alt"] == "Jane Q. Doe"
    assert plain["twitter:card"] == "summary"
    for tags in (with_preview, plain):
        assert not any("javascript:" in value.lower() for value in tags.values())
    # The quotes and angle brackets stay text: no tag or attribute was opened by them.
    html = page_file(app, PREVIEW).read_text("utf-8")
    assert "<look>" not in html
    assert '"quick"' not in html.split("</head>")[0]


@pytest.mark.sphinx("dirhtml", testroot="paper_sharing", freshenv=True)
def test_paper_pages_give_no_url_without_the_site_address(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", **{**kwargs, "confoverrides": {"html_baseurl": ""}})
    app.build()
    tags = share_tags(paper(app, PREVIEW))
    assert "og:url" not in tags
    # A picture needs an absolute address; without the site's, none is named.
    assert "og:image" not in tags
    assert tags["og:title"].startswith("Graphs in")
    assert tags["twitter:card"] == "summary"


@pytest.mark.sphinx("dirhtml", testroot="paper_sharing", freshenv=True)
def test_paper_pages_show_the_author_card(app: SphinxTestApp) -> None:
    app.build()
    for pagename in (PREVIEW, PLAIN, "publications"):
        card = paper(app, pagename).select_one("section.sp-author")
        assert card is not None, pagename
        assert "Jane Q. Doe" in card.get_text(" ", strip=True)
        assert card.select_one("img")["src"].endswith("images/avatar.png")
