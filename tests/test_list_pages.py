"""A list longer than its page size goes on over pages of its own: one per group after the
first page, each linking to all, the entries' links right from where each page is,
``{cite}`` leading to the page that shows the entry, and one file of all the list's entries
for its search box. The test root's pages hold at most four entries."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from scholarpages.publications.list.list_pages import split_list

from helpers import built_page, clean_build, log_lines, replace_in_file, warning_lines


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return built_page(app, name)


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert warning_lines(app.warning) == []
    return app


def _entry_ids(soup: BeautifulSoup) -> list[str]:
    return [str(entry["id"]) for entry in soup.select("div.sp-publications div.sp-pub")]


YEAR_PAGES = ["publications/2022", "publications/2021", "publications/2020", "publications/2019"]


def _check_every_entry_on_one_page(app: SphinxTestApp) -> None:
    first = page(app, "publications")
    # The newest years that fit in four entries, then a page per year.
    assert _entry_ids(first) == [
        "doe2024vision",
        "doe2024graphs",
        "doe2023proteins",
        "doe2023zurich",
    ]
    shown = {name: _entry_ids(page(app, name)) for name in YEAR_PAGES}
    assert shown["publications/2019"] == ["doe2019rivers"]
    every = _entry_ids(first) + [ident for ids in shown.values() for ident in ids]
    assert sorted(every) == sorted(set(every)) and len(every) == 11
    # Each page's links to paper pages lead to the paper pages, wherever the page is.
    outdir = Path(app.outdir)
    for name in YEAR_PAGES:
        uri = app.builder.get_target_uri(name)
        folder = (outdir / uri) if uri.endswith("/") else (outdir / uri).parent
        links = page(app, name).select("div.sp-pub .sp-pub-title a[href]")
        assert links
        for link in links:
            target = (folder / str(link["href"]).split("#")[0]).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), (name, link["href"])


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_every_entry_is_on_one_page_dirhtml(built: SphinxTestApp) -> None:
    _check_every_entry_on_one_page(built)


@pytest.mark.sphinx("html", testroot="list_pages", freshenv=True)
def test_every_entry_is_on_one_page_html(built: SphinxTestApp) -> None:
    _check_every_entry_on_one_page(built)


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_each_page_links_to_all_and_marks_itself(built: SphinxTestApp) -> None:
    soup = page(built, "publications/2021")
    assert soup.select_one("h1").get_text() == "Publications: 2021"  # type: ignore[union-attr]
    assert "Publications: 2021" in soup.title.get_text()  # type: ignore[union-attr]
    navs = soup.select("nav.sp-list-pages")
    assert len(navs) == 2
    labels = [a.get_text() for a in navs[0].select("a")]
    assert labels == ["2024\N{EN DASH}2023", "2022", "2021", "2020", "2019"]
    current = navs[0].select('a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["2021"] and not current[0].has_attr("href")
    assert [a.get("href") for a in navs[0].select("a[href]")] == [
        "../",
        "../2022/",
        "../2020/",
        "../2019/",
    ]
    # The document's page has the same links, and keeps its own text.
    first = page(built, "publications")
    assert "Every paper, newest first." in first.get_text()
    assert [a.get("href") for a in first.select("nav.sp-list-pages")[0].select("a[href]")] == [
        "2022/",
        "2021/",
        "2020/",
        "2019/",
    ]


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_citations_lead_to_the_page_showing_the_entry(built: SphinxTestApp) -> None:
    home = page(built, "index")
    hrefs = {a.get_text(): a["href"] for a in home.select("article a[href*='#doe']")}
    assert sorted(hrefs.values()) == [
        "publications/#doe2023zurich",
        "publications/#doe2024graphs",
        "publications/2019/#doe2019rivers",
    ]


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_search_box_of_every_page_searches_the_whole_list(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    index = json.loads((outdir / "publications" / "entries.json").read_text(encoding="utf-8"))
    assert [p["url"] for p in index["pages"]] == ["./", "2022/", "2021/", "2020/", "2019/"]
    # Each page's entries, as the list's first page would show them.
    assert sum(p["html"].count('class="sp-pub ') for p in index["pages"]) == 11
    assert 'href="doe2019rivers/"' in index["pages"][4]["html"]
    for name, address in [
        ("publications", "entries.json"),
        ("publications/2021", "../entries.json"),
    ]:
        box = page(built, name).select_one("div.sp-search")
        assert box is not None and box["data-sp-index"] == address
        assert box.get_text(" ", strip=True).endswith("11 publications")
        assert page(built, name).select_one('script[src*="scholarpages-search.js"]') is not None


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_ungrouped_list_goes_on_by_number_and_page_size_zero_keeps_it_whole(
    built: SphinxTestApp,
) -> None:
    soup = page(built, "by-type")
    lists = soup.select("div.sp-publications")
    assert [len(lst.select("div.sp-pub")) for lst in lists] == [5, 11]
    assert len(_entry_ids(page(built, "by-type/page-2"))) == 5
    assert len(_entry_ids(page(built, "by-type/page-3"))) == 1
    assert (Path(built.outdir) / "by-type" / "entries.json").is_file()


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_sitemap_lists_the_list_pages(built: SphinxTestApp) -> None:
    sitemap = (Path(built.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    for name in YEAR_PAGES:
        assert f"https://jane.example/{name}/" in sitemap


@pytest.mark.sphinx("text", testroot="list_pages", freshenv=True)
def test_other_formats_show_the_list_whole(built: SphinxTestApp) -> None:
    text = (Path(built.outdir) / "publications.txt").read_text(encoding="utf-8")
    assert "Rivers" in text and "Seeing Through Fog" in text


def test_split_keeps_groups_whole_and_cuts_long_ones() -> None:
    groups = [("year-2025", "2025", ["a", "b", "c"]), ("year-2024", "2024", list("defgh"))]
    pages = split_list(groups, 4)
    assert [(p.slug, p.label, [list(k) for _, _, k in p.groups]) for p in pages] == [
        ("", "2025", [["a", "b", "c"]]),
        ("2024", "2024", [["d", "e", "f", "g"]]),
        ("2024-2", "2024 (2)", [["h"]]),
    ]
    assert [p.slug for p in split_list(groups, 2)] == ["", "2025-2", "2024", "2024-2", "2024-3"]
    assert len(split_list(groups, 0)) == 1 and len(split_list(groups, 8)) == 1


def _rebuild(make_app: Any, kwargs: dict[str, Any], **more: Any) -> SphinxTestApp:
    """Build the test project again, over the last build; the app, once done."""
    app: SphinxTestApp = make_app("dirhtml", **kwargs, **more)
    app.build()
    app.cleanup()
    assert warning_lines(app.warning) == []
    return app


@pytest.mark.sphinx("dirhtml", testroot="list_pages", copy_test_root=True)
def test_a_page_the_list_no_longer_has_redirects_to_the_list(
    make_app: Any, app_params: Any
) -> None:
    _, kwargs = app_params
    year_page = clean_build(make_app, kwargs) / "publications" / "2019" / "index.html"
    assert "Rivers and Deltas" in year_page.read_text(encoding="utf-8")
    # Long enough pages: the list is whole again, and its former pages lead to it.
    second = _rebuild(make_app, kwargs, confoverrides={"scholarpages_list_page_size": 50})
    assert len(_entry_ids(page(second, "publications"))) == 11
    stub = year_page.read_text(encoding="utf-8")
    assert "Rivers and Deltas" not in stub
    assert 'content="scholarpages-redirect"' in stub and "../" in stub
    sitemap = (Path(second.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    assert "publications/2019/" not in sitemap


@pytest.mark.sphinx("dirhtml", testroot="list_pages", copy_test_root=True)
def test_an_edit_writes_only_the_list_page_showing_the_entry(
    make_app: Any, app_params: Any
) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    edited, untouched = (
        outdir / "publications/2021/index.html",
        outdir / "publications/2019/index.html",
    )
    for file in (edited, untouched):
        os.utime(file, (1_000_000_000, 1_000_000_000))
    bib = Path(kwargs["srcdir"]) / "publications.bib"
    replace_in_file(bib, "Soil Moisture from Space", "Soil Moisture, Seen")
    _rebuild(make_app, kwargs)
    assert "Soil Moisture, Seen" in edited.read_text(encoding="utf-8")
    assert edited.stat().st_mtime != 1_000_000_000
    assert untouched.stat().st_mtime == 1_000_000_000
    assert "Soil Moisture, Seen" in (outdir / "publications/entries.json").read_text("utf-8")


@pytest.mark.sphinx("dirhtml", testroot="list_pages", copy_test_root=True)
def test_an_edit_makes_only_the_page_showing_the_entry_again(
    make_app: Any, app_params: Any
) -> None:
    """The other pages are kept as written: none of their entries is made or written."""
    _, kwargs = app_params
    clean_build(make_app, kwargs)
    replace_in_file(
        Path(kwargs["srcdir"]) / "publications.bib", "Soil Moisture from Space", "Soil Moisture"
    )
    edited_at = time.time_ns()
    second = _rebuild(make_app, kwargs, verbosity=2)
    kept = {found[1] for found in log_lines(second.status, r"list page (\S+) kept as written")}
    # Only the entry edited is made: the others' HTML is kept, or their page is.
    made = {found[1] for found in log_lines(second.status, r"entry (\S+) made for a list")}
    assert made == {"doe2021soil"}
    # Both lists showing the entry: the year's page, and the second of the list by type.
    assert kept == {
        "publications/2022",
        "publications/2020",
        "publications/2019",
        "by-type/page-3",
    }
    assert "Soil Moisture</a>" in (Path(second.outdir) / "publications/2021/index.html").read_text(
        "utf-8"
    )
    # Of the entries' kept HTML, only the files of the pages made again are written.
    folder = Path(kwargs["builddir"]) / "doctrees" / "scholarpages" / "entries-dirhtml"
    written = {path.name for path in folder.iterdir() if path.stat().st_mtime_ns > edited_at}
    # "<page>.<the list's page>.<n>": the year's page, and on the page by type, the second
    # page of the list cut every five entries and the list kept whole (on the page's own).
    assert written == {
        "publications.publications%2F2021.0.record",
        "by-type.by-type%2Fpage-2.0.record",
        "by-type..0.record",
    }
    # Built again, unchanged: no page of the list is made again.
    third = _rebuild(make_app, kwargs, verbosity=2)
    assert log_lines(third.status, r"kept as written") == []
    assert log_lines(third.status, r"writing output.*publications") == []


@pytest.mark.sphinx("dirhtml", testroot="list_pages", copy_test_root=True)
def test_citations_follow_an_entry_to_its_new_page(make_app: Any, app_params: Any) -> None:
    """Smaller pages for the list: 2023 gets a page of its own, and a page citing a paper of
    2023 links to it there, though that page itself did not change."""
    _, kwargs = app_params
    clean_build(make_app, kwargs)
    source = Path(kwargs["srcdir"]) / "publications.md"
    replace_in_file(source, ":group-by: year", ":group-by: year\n:page-size: 2")
    second = _rebuild(make_app, kwargs)
    assert _entry_ids(page(second, "publications/2023")) == ["doe2023proteins", "doe2023zurich"]
    home = page(second, "index")
    assert home.select_one('article a[href="publications/2023/#doe2023zurich"]') is not None


@pytest.mark.sphinx("dirhtml", testroot="list_pages", copy_test_root=True)
def test_two_lists_cut_on_one_page_have_their_own_pages_and_landmarks(
    make_app: Any, app_params: Any
) -> None:
    _, kwargs = app_params
    replace_in_file(
        Path(kwargs["srcdir"]) / "by-type.md",
        ":group-by: none\n:page-size: 0",
        ":group-by: none\n:page-size: 4",
    )
    app = _rebuild(make_app, {**kwargs, "freshenv": True})
    first = page(app, "by-type")
    labels = [str(nav["aria-label"]) for nav in first.select("nav.sp-list-pages")]
    assert labels == [
        "Pages of list 1",
        "Pages of list 1, again",
        "Pages of list 2",
        "Pages of list 2, again",
    ]
    # The second list's pages are named apart from the first's, each with its own entries.
    assert _entry_ids(page(app, "by-type/page-2")) != _entry_ids(page(app, "by-type/list2-page-2"))
    second = page(app, "by-type/list2-page-2")
    assert [str(nav["aria-label"]) for nav in second.select("nav.sp-list-pages")] == [
        "Pages of the list",
        "Pages of the list, again",
    ]
