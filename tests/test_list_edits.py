"""An edit of publications.bib reads a list again only when what reading it took changed.

A list is read with each entry an almost empty node, filled as the page is written: an edit
of an entry's title, venue or links changes no list as read, only as written. An edit of
what a list chooses, orders or groups its entries by (year, keywords, type, ``selected``,
the title of a list sorted by title), or of which entries there are, reads it again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import clean_build, log_lines, read_html, replace_in_file, warning_lines

LIST_PAGES = {"publications", "selected", "graphs", "titles", "theses", "coauthor"}


def _docs(app: Any, step: str) -> set[str]:
    """The documents a build read (``step="reading sources"``) or wrote (``"writing output"``)."""
    return {found[1] for found in log_lines(app.status, rf"^{step}\.\.\. \[\s*\d+%\] (\S+)$")}


def _rebuild(make_app: Any, kwargs: dict[str, Any]) -> tuple[set[str], set[str], list[str]]:
    """Build again; the documents read and written, and the warnings."""
    app = make_app("dirhtml", **kwargs)
    app.build()
    read, written = _docs(app, "reading sources"), _docs(app, "writing output")
    warnings = warning_lines(app.warning)
    app.cleanup()
    return read, written, warnings


def _listed(outdir: Path, page: str) -> list[str]:
    """The keys of the entries a page lists, in order."""
    path = outdir / ("index.html" if page == "index" else f"{page}/index.html")
    return [str(entry["id"]) for entry in read_html(path).select(".sp-publications .sp-pub")]


def _groups(outdir: Path) -> dict[str, list[str]]:
    """The publications page's group headings, each with the keys it lists."""
    soup = read_html(outdir / "publications/index.html")
    groups: dict[str, list[str]] = {}
    for heading in soup.select(".sp-publications .sp-group"):
        entries = heading.find_next_sibling(class_="sp-group-entries")
        groups[heading.get_text(strip=True)] = [str(e["id"]) for e in entries.select(".sp-pub")]
    return groups


@pytest.mark.sphinx("dirhtml", testroot="list_edits", copy_test_root=True)
def test_a_title_edit_writes_the_lists_again_without_reading_them(make_app, app_params) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    assert _listed(outdir, "titles") == ["alpha2020", "beta2021", "delta2019", "gamma2022"]

    replace_in_file(Path(kwargs["srcdir"]) / "refs.bib", "Beta Paper", "Zeta Paper")
    read, written, warnings = _rebuild(make_app, kwargs)

    assert warnings == []
    # Only the list sorted by title reads titles as it is read.
    assert read == {"titles"}
    # The lists that show the entry are written again, with its new title; the others not.
    assert written == {"publications", "titles"}
    title = read_html(outdir / "publications/index.html").select_one("#beta2021 .sp-pub-title")
    assert title is not None and "Zeta Paper" in title.get_text()
    assert _listed(outdir, "titles") == ["alpha2020", "delta2019", "gamma2022", "beta2021"]


@pytest.mark.sphinx("dirhtml", testroot="list_edits", copy_test_root=True)
def test_a_venue_edit_writes_every_list_showing_the_entry_and_reads_none(
    make_app, app_params
) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)

    replace_in_file(Path(kwargs["srcdir"]) / "refs.bib", "Journal of Tests", "Journal of Checks")
    read, written, warnings = _rebuild(make_app, kwargs)

    assert warnings == []
    assert read == set()
    assert written == LIST_PAGES - {"theses"}
    for page in written:
        entry = read_html(outdir / f"{page}/index.html").select_one("#alpha2020")
        assert entry is not None and "Journal of Checks" in entry.get_text(), page


# Every list reads an entry's type and keywords (its classes and search words); a list
# sorted by title, not grouped, reads no year, no author and no "selected".
@pytest.mark.parametrize(
    ("old", "new", "page", "expected", "unread"),
    [
        # A year: the list grouped by year is read again, and the entry moves group.
        ("year      = {2021}", "year      = {2019}", "publications", None, {"titles"}),
        # Keywords: the list of a keyword now shows the entry.
        ("keywords = {language}", "keywords = {language, graphs}", "graphs", ["gamma2022"], set()),
        # Selected: the list of selected entries now shows it.
        ("keywords = {language}", "selected = {yes}", "selected", ["gamma2022"], set()),
        # The type: the list of theses now shows it.
        ("@misc{gamma2022,", "@phdthesis{gamma2022,", "theses", ["gamma2022"], set()),
        # An author: the list of a co-author's works no longer shows it.
        ("Doe, Jane Q. and Roe, Richard", "Doe, Jane Q.", "coauthor", None, {"titles"}),
    ],
)
@pytest.mark.sphinx("dirhtml", testroot="list_edits", copy_test_root=True)
def test_an_edit_of_what_a_list_chooses_by_reads_it_again(
    make_app,
    app_params,
    old: str,
    new: str,
    page: str,
    expected: list[str] | None,
    unread: set[str],
) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    before = _listed(outdir, page)

    replace_in_file(Path(kwargs["srcdir"]) / "refs.bib", old, new)
    read, written, warnings = _rebuild(make_app, kwargs)

    assert warnings == []
    assert page in read and page in written
    assert not read & unread
    after = _listed(outdir, page)
    if page == "publications":
        assert _groups(outdir) == {
            "2022": ["gamma2022"],
            "2020": ["alpha2020"],
            "2019": ["delta2019", "beta2021"],
        }
    elif page == "coauthor":
        assert after == [key for key in before if key != "alpha2020"]
    else:
        assert expected is not None
        assert set(after) - set(before) == set(expected)


NEW_ENTRY = """
@article{epsilon2023,
  title    = {Epsilon Article},
  author   = {Doe, Jane Q.},
  journal  = {Journal of Tests},
  year     = {2023},
  keywords = {graphs}
}
"""


@pytest.mark.sphinx("dirhtml", testroot="list_edits", copy_test_root=True)
def test_an_added_or_removed_entry_reads_every_list_again(make_app, app_params) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    original = bib.read_text("utf-8")

    bib.write_text(original + NEW_ENTRY, encoding="utf-8")
    read, _, warnings = _rebuild(make_app, kwargs)
    assert warnings == []
    assert read >= LIST_PAGES
    assert _listed(outdir, "publications")[0] == "epsilon2023"
    assert "epsilon2023" in _listed(outdir, "graphs")

    start, end = original.index("@misc{gamma2022"), original.index("@phdthesis{delta2019")
    bib.write_text(original[:start] + original[end:], encoding="utf-8")
    read, _, warnings = _rebuild(make_app, kwargs)
    assert warnings == []
    assert read >= LIST_PAGES
    assert _listed(outdir, "publications") == ["beta2021", "alpha2020", "delta2019"]
    assert _listed(outdir, "coauthor") == ["alpha2020"]
    assert not (outdir / "publications/gamma2022/index.html").exists()


@pytest.mark.sphinx("dirhtml", testroot="list_edits", copy_test_root=True)
def test_an_entry_no_list_shows_writes_no_list_again(make_app, app_params) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    page = outdir / "selected/index.html"
    stamp = page.stat().st_mtime_ns

    replace_in_file(Path(kwargs["srcdir"]) / "refs.bib", "Delta Thesis", "Delta Dissertation")
    read, written, warnings = _rebuild(make_app, kwargs)

    assert warnings == []
    assert read == {"titles"}
    assert {"publications", "theses", "titles"} <= written
    assert not written & {"selected", "graphs", "coauthor", "index"}
    assert page.stat().st_mtime_ns == stamp
    assert "Delta Dissertation" in read_html(outdir / "theses/index.html").get_text()
