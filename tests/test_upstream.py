"""What scholarpages uses of other libraries' internals is there in the installed versions.

Each test fails when a name scholarpages reads or replaces disappears upstream; the build
then stops with a message naming the library and its version (see scholarpages.upstream).
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.element import Tag
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.jinja2glue import BuiltinTemplateLoader

from scholarpages.upstream import (
    UpstreamChangedError,
    bibtex,
    require,
    settings,
    soup_selectors,
    sphinx_private,
)

from helpers import warning_lines

ORIGINAL_SELECT, ORIGINAL_SELECT_ONE = Tag.select, Tag.select_one


def test_sphinxcontrib_bibtex_and_sphinx_have_every_name_used() -> None:
    bibtex.check()
    sphinx_private.check()


def test_a_missing_name_fails_naming_the_library_and_its_version() -> None:
    renamed = type("BibtexDomain", (), {"bibdata": None})
    with pytest.raises(UpstreamChangedError) as raised:
        require("sphinxcontrib-bibtex", renamed, ["bibdata", "citation_refs"])
    message = str(raised.value)
    assert "BibtexDomain.citation_refs" in message
    assert f"sphinxcontrib-bibtex {metadata.version('sphinxcontrib-bibtex')}" in message
    assert "bibdata," not in message


@pytest.mark.sphinx("dirhtml", testroot="publications", freshenv=True)
def test_sphinx_internals_read_during_a_build_are_there(app) -> None:
    app.build()
    assert warning_lines(app.warning) == []
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    # The shared context exists once writing is prepared.
    context = sphinx_private.shared_context(builder)
    assert isinstance(context, dict)
    assert "project" in context
    # The search index's language, and the hashes of the settings pages are written with.
    assert builder.search
    assert sphinx_private.search_language(builder) is not None
    assert all(sphinx_private.build_hashes(builder))
    assert sphinx_private.conf_py_sets(app.config, "extensions")
    assert not sphinx_private.conf_py_sets(app.config, "html_permalinks_icon")


@pytest.mark.sphinx("dirhtml", testroot="publications", freshenv=True)
def test_the_template_renderer_is_sphinx_own_again_after_the_build(app) -> None:
    app.build()
    templates = app.builder.templates
    assert isinstance(templates, BuiltinTemplateLoader)
    assert templates.render.__func__ is BuiltinTemplateLoader.render


@pytest.mark.sphinx("dirhtml", testroot="publications", freshenv=True)
def test_the_bibtex_bridge_reads_the_citations_of_the_site(app) -> None:
    app.build()
    cited = dict(bibtex.citations(app.env))
    assert cited, "the test root cites entries"
    assert all(isinstance(keys, list) for keys in cited.values())
    files = bibtex.bibliography_files(app.env)
    assert any(id_.startswith("sp-list-") for id_ in files)
    assert all(isinstance(path, Path) for paths in files.values() for path in paths)


@pytest.mark.sphinx("dirhtml", testroot="theme")
def test_settings_of_other_extensions_are_read_where_they_are_loaded(app) -> None:
    assert settings.not_found_page(app) == app.config.notfound_pagename
    assert settings.description_length(app) == app.config.ogp_description_length
    # An extension that is not loaded has no setting.
    del app.extensions["notfound.extension"]
    assert settings.not_found_page(app) is None


# The selectors pydata-sphinx-theme uses as it writes a page, and others of the same form.
SELECTORS = [
    "li",
    ".toc-h1",
    ".toc-h2",
    "li.toctree-l0 > details",
    "li.toctree-l1 > details",
    "details > a.reference",
    "details > p.caption",
    "a.reference.internal",
    "ul > li.current",
    "p",
    "span.a",
    "div > span.b.a",
    ".a > .b",
]
# Others soupsieve answers itself.
NOT_SIMPLE = ["li a", "li:first-child", "a[href]", "ul > li > a", "#top", "LI", "*", "li, ul"]

_TAGS = st.sampled_from(["li", "ul", "details", "a", "p", "span", "div"])
_CLASSES = st.lists(
    st.sampled_from(["a", "b", "toc-h1", "toc-h2", "toctree-l0", "toctree-l1", "reference"]),
    max_size=3,
)


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        tag, classes = draw(_TAGS), draw(_CLASSES)
        attribute = f' class="{" ".join(classes)}"' if classes else ""
        parts.append(f"<{tag}{attribute}>{draw(_html(depth + 1))}</{tag}>")
    return "".join(parts)


@examples(max_examples=60, deadline=None)
@given(html=_html(), selector=st.sampled_from(SELECTORS))
def test_simple_selectors_find_what_soupsieve_finds(html: str, selector: str) -> None:
    assert soup_selectors.simple_selector(selector) is not None
    soup = BeautifulSoup(f"<div>{html}</div>", "html.parser")
    expected = [id(tag) for tag in soup.select(selector)]
    first = soup.select_one(selector)
    undo = soup_selectors.answer_simple_selectors()
    try:
        assert [id(tag) for tag in soup.select(selector)] == expected
        assert [id(tag) for tag in soup.div.select(selector)] == [
            id(tag) for tag in soup.div.css.select(selector)
        ]
        assert soup.select_one(selector) is first
        assert [id(tag) for tag in soup.select(selector, limit=2)] == expected[:2]
    finally:
        undo()


def test_other_selectors_are_left_to_soupsieve() -> None:
    assert [soup_selectors.simple_selector(selector) for selector in NOT_SIMPLE] == [None] * len(
        NOT_SIMPLE
    )
    soup = BeautifulSoup('<ul id="top"><li><a href="#">x</a></li></ul>', "html.parser")
    undo = soup_selectors.answer_simple_selectors()
    try:
        assert [tag.name for tag in soup.select("li a")] == ["a"]
        assert [tag.name for tag in soup.select("#top")] == ["ul"]
    finally:
        undo()


@pytest.mark.sphinx("dirhtml", testroot="publications", freshenv=True)
def test_beautiful_soup_selects_with_soupsieve_again_after_the_build(app) -> None:
    soup_selectors.check()
    app.build()
    assert Tag.select is ORIGINAL_SELECT and Tag.select_one is ORIGINAL_SELECT_ONE


@pytest.mark.sphinx("dirhtml", testroot="publications", freshenv=True)
def test_the_search_language_stems_with_its_own_method_again_after_the_build(app) -> None:
    app.build()
    language = sphinx_private.search_language(app.builder)
    assert language is not None
    assert language.stem.__func__ is type(language).stem  # type: ignore[attr-defined]
    # Words stemmed through the store stem as the language does.
    stems: dict[str, str] = {}
    undo = sphinx_private.stem_through(
        app.builder, lambda word, stem: stems.setdefault(word, stem())
    )
    assert undo is not None
    assert sphinx_private.stem_through(app.builder, lambda word, stem: stem()) is None
    assert language.stem("publications") == type(language).stem(language, "publications")
    assert stems == {"publications": type(language).stem(language, "publications")}
    undo()
    assert language.stem.__func__ is type(language).stem  # type: ignore[attr-defined]
