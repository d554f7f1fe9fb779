"""A publications list of ten or more entries gets a search box, written hidden so that
only a browser running its script shows it; each entry carries the words it is found by
that it does not show (keywords, type)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from helpers import built_page, warning_lines


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return built_page(app, name)


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert warning_lines(app.warning) == []
    return app


def _form(soup: BeautifulSoup | Tag) -> Tag:
    forms = soup.select(".sp-search")
    assert len(forms) == 1, forms
    return forms[0]


@pytest.mark.sphinx("dirhtml", testroot="publications_search", freshenv=True)
def test_long_list_has_a_hidden_labelled_search_box(built: SphinxTestApp) -> None:
    soup = page(built, "publications")
    form = _form(soup)
    # Hidden until the script shows it: without JavaScript every entry is simply listed.
    assert form.has_attr("hidden")
    field = form.select_one('input[type="search"]')
    assert field is not None
    label = form.select_one(f'label[for="{field["id"]}"]')
    assert label is not None and label.get_text(strip=True) == "Search publications"
    assert field.get("autocomplete") == "off"
    live = form.select_one('[aria-live="polite"]')
    assert live is not None and live.get_text(strip=True) == "11 publications"
    assert field.get("aria-describedby") == live.get("id")
    # The box stands right before the list it filters.
    following = form.find_next_sibling()
    assert following is not None and "sp-publications" in following.get("class", [])
    assert soup.select_one('script[src*="scholarpages-search.js"]') is not None


@pytest.mark.sphinx("dirhtml", testroot="publications_search", freshenv=True)
def test_entries_carry_their_hidden_search_words(built: SphinxTestApp) -> None:
    soup = page(built, "publications")
    graphs = soup.select_one(".sp-pub#doe2024graphs")
    assert graphs is not None
    assert graphs["data-sp-terms"] == "transport, networks article journal"
    thesis = soup.select_one(".sp-pub#doe2023zurich")
    assert thesis is not None
    assert thesis["data-sp-terms"] == "phdthesis thesis"
    # Every entry has its words; the shown text (title, authors, venue) is read from the page.
    assert all(entry.has_attr("data-sp-terms") for entry in soup.select(".sp-pub"))


@pytest.mark.sphinx("dirhtml", testroot="publications_search", freshenv=True)
def test_search_option_and_short_lists(built: SphinxTestApp) -> None:
    home = page(built, "index")
    lists = home.select(".sp-publications")
    assert len(lists) == 2
    # A two-entry list has no box unless asked; asked, it has one with its own ids.
    assert lists[0].find_previous_sibling(class_="sp-search") is None
    _form(home)
    assert lists[1].find_previous_sibling(class_="sp-search") is not None
    assert not page(built, "quiet").select(".sp-search")
    assert not page(built, "quiet").select(".sp-pub[data-sp-terms]")
    assert page(built, "quiet").select_one('script[src*="scholarpages-search.js"]') is None


@pytest.mark.sphinx("dirhtml", testroot="publications_search", freshenv=True)
def test_ids_are_unique_with_several_boxes(built: SphinxTestApp) -> None:
    home = page(built, "index")
    assert len(home.select(".sp-search")) == 1
    ids = [tag["id"] for tag in home.select("[id]")]
    assert len(ids) == len(set(ids))
