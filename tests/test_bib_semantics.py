"""BibTeX's own semantics: crossref inheritance, a bibliography in several files read in
order with shared macros, and the biblatex fields exports use."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from scholarpages.publications.buttons import arxiv_id
from scholarpages.publications.database import BibSource, parse_database
from scholarpages.publications.list.selection import month_of, year_of
from scholarpages.publications.paper_page.page_names import readable_name

from helpers import databases_read, parsed_blocks, read_html, warning_lines

SPLIT = Path(__file__).parent / "roots" / "test-bib_split"
FILES = ("strings.bib", "entries.bib", "crossref.bib")


def _sources(folder: Path = SPLIT) -> list[BibSource]:
    return [BibSource(f"bib/{name}", (folder / "bib" / name).read_text("utf-8")) for name in FILES]


def test_a_child_inherits_what_it_lacks_from_its_parent() -> None:
    database, _ = parse_database(_sources(), "bib/strings.bib", frozenset())
    by_key = database.by_key()
    child = by_key["doe2021child"]
    assert child.get("year") == "2021"
    assert child.get("booktitle") == "International Conference on Machine Learning 2021"
    assert child.get("publisher") == "PMLR"
    assert child.persons["editor"] == ("Meila, Marina", "Zhang, Tong")
    assert child.persons["author"] == ("Doe, Jane Q.", "Roe, Richard")
    # Its own fields win over its parent's.
    assert by_key["doe2021other"].get("year") == "2022"
    assert by_key["doe2021other"].get("title") == "Another Paper with its Own Year"
    # A parent without booktitle gives its title as the child's booktitle (as biblatex does).
    assert by_key["doe2019titled"].get("booktitle") == "Proceedings of the Workshop of 2019"
    # Its BibTeX stands alone: what it inherits is written out.
    assert 'year = "2021"' in child.bibtex and "PMLR" in child.bibtex
    assert "crossref" not in child.bibtex.lower()
    assert [p.message for p in database.problems if p.subtype == "missing_field"] == []


def test_a_proceedings_volume_that_is_only_a_parent_is_not_listed() -> None:
    database, _ = parse_database(_sources(), "bib/strings.bib", frozenset())
    keys = [p.key for p in database.publications]
    assert "icml2021" not in keys and "nobooktitle2019" not in keys
    assert "handbook2018" not in keys
    assert set(keys) == {
        "doe2021child",
        "doe2020journal",
        "doe2021other",
        "doe2019titled",
        "doe2018chapter",
    }


def test_a_crossref_to_nothing_still_warns() -> None:
    text = "@inproceedings{a,\n  title = {A},\n  year = 2020,\n  crossref = {none}\n}\n"
    database, _ = parse_database(text, "one.bib", frozenset())
    assert [p.subtype for p in database.problems] == ["crossref"]


def test_the_digest_of_a_child_changes_with_its_parent() -> None:
    sources = _sources()
    before, known = parse_database(sources, "bib/strings.bib", frozenset())
    edited = sources[2]._replace(
        text=sources[2].text.replace("year      = {2021}", "year      = {2020}")
    )
    after, _ = parse_database([*sources[:2], edited], "bib/strings.bib", frozenset(), known)
    assert before.entry_digests["doe2021child"] != after.entry_digests["doe2021child"]
    assert after.by_key()["doe2021child"].get("year") == "2020"
    assert before.entry_digests["doe2020journal"] == after.entry_digests["doe2020journal"]


def test_a_child_is_written_again_only_when_it_or_its_parent_changed() -> None:
    """Writing a child's BibTeX with what it takes is kept (``keep_bibtex``) by content."""
    kept: dict[object, str] = {}
    written: list[str] = []

    def keep(key: object, write: Callable[[], str]) -> str:
        if key not in kept:
            kept[key] = write()
            written.append(kept[key])
        return kept[key]

    sources = _sources()
    first, _ = parse_database(sources, "bib/strings.bib", frozenset(), keep_bibtex=keep)
    assert written and len(written) == len(kept)
    again, _ = parse_database(sources, "bib/strings.bib", frozenset(), keep_bibtex=keep)
    assert len(written) == len(kept)  # nothing written again
    assert again.by_key()["doe2021child"].bibtex == first.by_key()["doe2021child"].bibtex
    edited = sources[2]._replace(
        text=sources[2].text.replace("year      = {2021}", "year      = {2020}")
    )
    count = len(written)
    after, _ = parse_database(
        [*sources[:2], edited], "bib/strings.bib", frozenset(), keep_bibtex=keep
    )
    assert len(written) > count
    assert 'year = "2020"' in after.by_key()["doe2021child"].bibtex
    plain, _ = parse_database([*sources[:2], edited], "bib/strings.bib", frozenset())
    assert after.by_key()["doe2021child"].bibtex == plain.by_key()["doe2021child"].bibtex


def test_macros_are_shared_across_files_and_keys_are_unique_across_them() -> None:
    database, _ = parse_database(_sources(), "bib/strings.bib", frozenset())
    journal = database.by_key()["doe2020journal"]
    assert journal.get("journal") == "Journal of Machine Learning Research"
    assert database.where(journal.line) == ("bib/entries.bib", 8)
    (duplicate,) = [p for p in database.problems if p.subtype == "duplicate"]
    assert database.where(duplicate.line) == ("bib/crossref.bib", 14)
    assert "bib/entries.bib:8" in duplicate.message
    assert [p for p in database.problems if p.subtype == "macro"] == []


def test_problems_name_the_file_and_line_they_are_in() -> None:
    sources = [
        BibSource("a.bib", "@string{x = {X}}\n"),
        BibSource("b.bib", "\n\n@article{broken,\n  title = {T\n"),
        BibSource("c.bib", "@misc{fine, title = x, year = 2020}\n"),
    ]
    database, _ = parse_database(sources, "a.bib", frozenset())
    assert [p.key for p in database.publications] == ["fine"]
    assert database.by_key()["fine"].get("title") == "X"
    (syntax,) = [p for p in database.problems if p.subtype == "syntax"]
    assert database.where(syntax.line) == ("b.bib", 3)
    assert database.location(database.by_key()["fine"].line) == "c.bib:1"


def test_biblatex_fields_of_exports() -> None:
    text = (
        "@online{web,\n  title = {A Page},\n  author = {Doe, Jane},\n"
        "  date = {2021-03-04},\n  urldate = {2024-01-02},\n  url = {https://x.example/}\n}\n"
        "@article{jt,\n  title = {T},\n  journaltitle = {Journal of Things},\n"
        "  date = {2019},\n  eprinttype = {arXiv},\n  eprint = {1901.00001}\n}\n"
        "@misc{seen,\n  title = {S},\n  urldate = {2024-01-02}\n}\n"
    )
    database, _ = parse_database(text, "x.bib", frozenset())
    by_key = database.by_key()
    assert (year_of(by_key["web"]), month_of(by_key["web"])) == (2021, 3)
    assert arxiv_id(by_key["jt"]) == "1901.00001"  # eprinttype is archivePrefix
    assert by_key["jt"].get("journal") == "Journal of Things"
    assert year_of(by_key["seen"]) is None  # the date it was looked at is not its date
    missing = [p.message for p in database.problems if p.subtype == "missing_field"]
    assert missing == ["entry 'seen' has no year"]


def test_al_folio_front_matter_reads_without_warnings() -> None:
    text = "---\n---\n\n@string{a = {A}}\n\n@article{k, title = a, journal = {J}, year = 2020}\n"
    database, _ = parse_database(text, "papers.bib", frozenset())
    assert [p.key for p in database.publications] == ["k"]
    assert database.problems == []


# --- Builds ------------------------------------------------------------------------------------


def _build(
    srcdir: Path, builddir: Path, fresh: bool, read: list[str] | None = None
) -> tuple[Path, list[str]]:
    """Build the site; ``read`` is given the databases the build read from their files,
    then the blocks of them it parsed."""
    app = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=builddir, freshenv=fresh, verbosity=2)
    try:
        app.build()
        if read is not None:
            read.extend(databases_read(app.status) + parsed_blocks(app.status))
        return Path(app.outdir), warning_lines(app.warning)
    finally:
        app.cleanup()


def _paper(outdir: Path, key: str) -> object:
    return read_html(outdir / "publications" / readable_name(key) / "index.html")


def _meta(page: object, name: str) -> str:
    tag = page.find("meta", attrs={"name": name})  # type: ignore[attr-defined]
    return str(tag["content"]) if tag is not None else ""


@pytest.fixture
def split_site(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(SPLIT, srcdir)
    return srcdir


def test_a_split_bibliography_builds_with_crossrefs(split_site: Path, tmp_path: Path) -> None:
    outdir, warnings = _build(split_site, tmp_path / "build", fresh=True)
    (duplicate,) = warnings
    assert "crossref.bib:14: WARNING:" in duplicate and "bib/entries.bib:8" in duplicate
    assert duplicate.endswith("[scholarpages.bib.duplicate]")
    listing = read_html(outdir / "publications" / "index.html")
    assert [e["id"] for e in listing.select(".sp-pub")] == [
        "doe2021other",
        "doe2021child",
        "doe2020journal",
        "doe2019titled",
        "doe2018chapter",
    ]
    child = _paper(outdir, "doe2021child")
    assert _meta(child, "citation_publication_date").startswith("2021")
    assert _meta(child, "citation_conference_title") == (
        "International Conference on Machine Learning 2021"
    )
    chapter = _paper(outdir, "doe2018chapter")
    assert _meta(chapter, "citation_inbook_title") == "The Handbook of Things"
    assert _meta(chapter, "citation_publication_date").startswith("2018")
    served = (outdir / "publications.bib").read_text("utf-8")
    assert "icml2021" not in served and "Journal of Machine Learning Research" in served
    # sphinxcontrib-bibtex labels the citation from the copy of the database.
    cited = read_html(outdir / "publications" / "index.html").select(".bibtex-citation")
    assert cited and "PMLR, 2021" in str(cited[0].select_one("a")["title"])


def test_editing_the_parent_changes_the_child_on_an_incremental_build(
    split_site: Path, tmp_path: Path
) -> None:
    outdir, _ = _build(split_site, tmp_path / "build", fresh=True)
    crossref = split_site / "bib" / "crossref.bib"
    crossref.write_text(
        crossref.read_text("utf-8").replace("year      = {2021}", "year      = {2018}"), "utf-8"
    )
    _build(split_site, tmp_path / "build", fresh=False)
    assert _meta(_paper(outdir, "doe2021child"), "citation_publication_date").startswith("2018")
    listing = read_html(outdir / "publications" / "index.html")
    assert "2018" in listing.select_one("#doe2021child").get_text()


def test_a_rebuild_with_nothing_changed_parses_no_file(split_site: Path, tmp_path: Path) -> None:
    read: list[str] = []
    _build(split_site, tmp_path / "build", fresh=True, read=read)
    assert read[0] == "strings.bib entries.bib crossref.bib"
    assert "crossref.bib:14 @article" in read
    read.clear()
    _, warnings = _build(split_site, tmp_path / "build", fresh=False, read=read)
    assert read == []
    # The duplicate is still reported, at its file and line, from the cache.
    assert len(warnings) == 1 and "crossref.bib:14: WARNING:" in warnings[0]
    # Reordering the files is another database: it is read again.
    conf = split_site / "conf.py"
    conf.write_text(
        conf.read_text("utf-8").replace(
            '"bib/entries.bib", "bib/crossref.bib"', '"bib/crossref.bib", "bib/entries.bib"'
        ),
        "utf-8",
    )
    _, warnings = _build(split_site, tmp_path / "build", fresh=False, read=read)
    assert read[0] == "strings.bib crossref.bib entries.bib"
    assert len(warnings) == 1 and "entries.bib:8: WARNING:" in warnings[0]
