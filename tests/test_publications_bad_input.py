"""A broken publications.bib: every problem is reported with its line, nothing else is lost,
and nothing in it reaches the page as markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import html_files, read_html, warning_lines

pytestmark = pytest.mark.sphinx("dirhtml", testroot="publications_bad", freshenv=True)


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


def test_every_problem_is_reported_with_file_and_line(built: SphinxTestApp) -> None:
    text = "\n".join(warning_lines(built.warning))
    expected = [
        "bad.bib:8: WARNING: entry 'broken' could not be read (syntax error",
        "bad.bib:19: WARNING: entry 'nocomma' could not be read (syntax error: '}' expected",
        "bad.bib:24: WARNING: duplicate key 'FIRST': line 1 already defines 'first'",
        "bad.bib:29: WARNING: entry 'notitle' has no title",
        "bad.bib:34: WARNING: entry 'noyear' has no year",
        "bad.bib:39: WARNING: entry 'macro': undefined string: undefinedjournal",
        "bad.bib:45: WARNING: entry 'odd' has an unknown type @weirdtype",
        "bad.bib:50: WARNING: entry 'hostile': url 'javascript:alert(4)' is not an http(s) URL",
        "bad.bib:50: WARNING: entry 'hostile': pdf 'JaVaScRiPt:alert(5)'",
        "bad.bib:50: WARNING: entry 'hostile': code 'data:text/html;base64,PHNjcmlwdD4='",
        "bad.bib:50: WARNING: entry 'hostile': html '//evil.example/x'",
        # A URL urllib cannot split (an unclosed IPv6 bracket) is refused like the others.
        "bad.bib:50: WARNING: entry 'hostile': slides 'https://host:[x'",
        'index.md:6: WARNING: could not find bibtex key "doesnotexist"',
        "bad.bib:63: WARNING: redirect_from '../../outside' refused",
        "bad.bib:63: WARNING: redirect_from '/' collides with the page",
    ]
    for line in expected:
        assert line in text, line
    assert "[scholarpages.bib.syntax]" in text  # typed, so it can be suppressed


def test_every_other_entry_is_shown(built: SphinxTestApp) -> None:
    listing = read_html(Path(built.outdir) / "publications/index.html")
    shown = {str(entry["id"]) for entry in listing.select(".sp-pub")}
    assert shown == {"first", "afterbroken", "notitle", "noyear", "macro", "odd", "hostile", "last"}
    # The first of two keys that differ in case wins.
    assert listing.select_one("#first .sp-pub-title").get_text() == "The First Entry"
    # An entry without a title is still listed, under its key.
    assert listing.select_one("#notitle .sp-pub-title").get_text() == "notitle"
    assert (Path(built.outdir) / "publications/odd/index.html").is_file()


def test_no_markup_from_the_bib_reaches_the_page(built: SphinxTestApp) -> None:
    for name, html in html_files(Path(built.outdir)).items():
        soup = read_html(Path(built.outdir) / name)
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                values = value if isinstance(value, list) else [value]
                assert not attribute.lower().startswith("on"), (name, tag)
                for item in values:
                    assert not str(item).strip().lower().startswith(("javascript:", "data:")), (
                        name,
                        tag,
                    )
        assert "<svg" not in html, name
        assert "<b>Mallory" not in html, name
        for script in soup.find_all("script"):
            text = script.string or ""
            if script.get("type") == "application/ld+json":
                assert "<" not in text, name  # data, escaped so it cannot end the element
                json.loads(text)
            else:
                assert "alert(" not in text, name
    listing = read_html(Path(built.outdir) / "publications/index.html")
    hostile = listing.select_one("#hostile")
    assert "<script>alert(" in hostile.select_one(".sp-pub-title").get_text()  # shown as text
    assert hostile.select("a.sp-button") == []


def test_list_options_that_match_nothing_say_so(built: SphinxTestApp) -> None:
    """A typo in a type, a reversed range, an unknown key: each a warning at its line."""
    text = "\n".join(warning_lines(built.warning))
    for expected in [
        "options.md:5: WARNING: unknown publication type 'conferences' (did you mean "
        "'conference'?): no entry has it",
        "options.md:9: WARNING: option years ignored: the range '2024-2019' ends before it starts",
        "options.md:13: WARNING: option years ignored: not a year or a range of years: "
        "'around 2020'",
        "options.md:18: WARNING: no entry with key 'nosuchkey' in the publications database",
    ]:
        assert text.count(expected) == 1, expected
    # Types the file uses, and those BibTeX knows, are not reported.
    assert "'weirdtype'" not in text.replace("@weirdtype", "")
    assert "unknown publication type 'misc'" not in text
    assert "unknown publication type 'journal'" not in text


def test_each_problem_of_an_entry_is_reported_once(built: SphinxTestApp) -> None:
    """A cited entry without a title is reported at its .bib line, not again by the style."""
    text = "\n".join(warning_lines(built.warning))
    assert text.count("has no title") == 1
    assert text.count("has no year") == 1
    assert "missing title in notitle" not in text
    assert "[bibtex.missing_field]" not in text
