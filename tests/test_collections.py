"""Collections: a folder of pages (talks, teaching, portfolio, posts) and its listing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import read_html, warning_lines


def listing(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (str(item.select_one(".sp-item-title a")["href"]), item.get_text(" | ", strip=True))
        for item in soup.select(".sp-item")
    ]


@pytest.mark.sphinx("dirhtml", testroot="collections", freshenv=True)
def test_listing_is_newest_first_with_dates_details_and_excerpts(app) -> None:
    app.build()
    assert warning_lines(app.warning) == []
    outdir = Path(app.outdir)
    talks = read_html(outdir / "talks/index.html")
    assert [href for href, _ in listing(talks)] == [
        "2014-02-01-talk-2/",
        "2013-03-01-tutorial-1/",
        "2012-03-01-talk-1/",
    ]
    assert [h.get_text() for h in talks.select(".sp-group")] == ["2014", "2013", "2012"]
    first = listing(talks)[0][1]
    assert "February 1, 2014" in first
    assert "Talk, London School of Testing, London, UK" in first
    # :limit: on the home page
    assert [href for href, _ in listing(read_html(outdir / "index.html"))] == [
        "talks/2014-02-01-talk-2/",
        "talks/2013-03-01-tutorial-1/",
    ]
    portfolio = read_html(outdir / "portfolio/index.html")
    assert listing(portfolio) == [
        ("portfolio-2/", "Another portfolio item | Short description & more"),
        ("portfolio-1/", "Portfolio item number 1 | Short description of portfolio item number 1"),
    ]
    assert portfolio.select_one(".sp-collection img") is None  # HTML in excerpts is not markup


@pytest.mark.sphinx("dirhtml", testroot="collections", copy_test_root=True)
def test_new_item_appears_in_the_listing_on_the_next_build(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", freshenv=True, **kwargs)
    app.build()
    app.cleanup()
    (Path(app.srcdir) / "talks/2015-05-05-talk-3.md").write_text(
        "---\ntitle: Talk 3\ndate: 2015-05-05\nvenue: Somewhere\n---\n\nNew.\n", encoding="utf-8"
    )
    again = make_app("dirhtml", **kwargs)
    again.build()
    again.cleanup()
    talks = read_html(Path(again.outdir) / "talks/index.html")
    assert listing(talks)[0][0] == "2015-05-05-talk-3/"
    home = read_html(Path(again.outdir) / "index.html")
    assert listing(home)[0][0] == "talks/2015-05-05-talk-3/"
