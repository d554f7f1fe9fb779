"""Editing publications.bib: the next incremental build shows the change everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

import scholarpages.publications.loader as loader

from helpers import clean_build, read_html, replace_in_file, warning_lines


@pytest.mark.sphinx("dirhtml", testroot="publications", copy_test_root=True)
def test_bib_edit_updates_lists_paper_pages_and_citing_pages(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)

    # A no-op rebuild reads nothing again and never parses the .bib.
    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("publications.bib was parsed again")

    monkeypatch.setattr(loader, "parse_database", no_parsing)
    noop = make_app("dirhtml", **kwargs)
    noop.build()
    assert "0 added, 0 changed, 0 removed" in noop.status.getvalue()
    noop.cleanup()
    monkeypatch.undo()
    # Nor does it read the parsed entries: only the digests and problems stored with them.
    assert loader.database_of(noop.srcdir).entries is None

    bib = Path(kwargs["srcdir"]) / "refs.bib"
    replace_in_file(bib, "author   = {Doe, Jane Q. and", "author   = {Zed, Zoe and")
    replace_in_file(bib, "Learning {BERT} Representations", "Learning {GPT} Representations")
    again = make_app("dirhtml", **kwargs)
    again.build()
    assert warning_lines(again.warning) == []
    status = again.status.getvalue()
    assert "filters" in status  # lists are read again...

    listing = read_html(outdir / "publications/index.html")
    assert "Learning GPT" in listing.select_one("#doe2021journal .sp-pub-title").get_text()
    paper = read_html(outdir / "publications/doe2021journal/index.html")
    assert paper.title.get_text().startswith("Learning GPT")
    # ...and so are the pages that cite or link to the changed entry.
    home = read_html(outdir / "index.html")
    assert "Zed" in home.select_one(".bibtex-citation").get_text()
    research = read_html(outdir / "research/index.html")
    markers = [a.get_text() for a in research.select("a.sp-xref")]
    assert "[Zed et al., 2021]" in markers
    again.cleanup()


@pytest.mark.sphinx("dirhtml", testroot="publications", copy_test_root=True)
def test_only_changed_paper_pages_are_written_again(make_app, app_params) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    pages = {
        key: outdir / f"publications/{key}/index.html" for key in ("doe2019thesis", "other2018")
    }
    pages["doe2019thesis.bib"] = outdir / "publications/doe2019thesis.bib"
    pages["all.bib"] = outdir / "publications.bib"
    stamps = {key: path.stat().st_mtime_ns for key, path in pages.items()}

    noop = make_app("dirhtml", **kwargs)
    noop.build()
    noop.cleanup()
    assert {key: path.stat().st_mtime_ns for key, path in pages.items()} == stamps

    # An entry's BibTeX file lost from the output comes back with the next change.
    unchanged_bib = outdir / "publications/doe2021journal.bib"
    unchanged_text = unchanged_bib.read_text("utf-8")
    unchanged_bib.unlink()
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    replace_in_file(bib, "A Thesis about Caf{\\'e}s", "A Thesis about Tea")
    text = bib.read_text("utf-8")
    bib.write_text(text[: text.index("@misc{other2018")], encoding="utf-8")  # remove an entry
    again = make_app("dirhtml", **kwargs)
    again.build()
    again.cleanup()
    assert "A Thesis about Tea" in pages["doe2019thesis"].read_text("utf-8")
    assert "A Thesis about Tea" in pages["doe2019thesis.bib"].read_text("utf-8")
    assert not pages["other2018"].exists()
    assert not (outdir / "publications/other2018.bib").exists()
    assert "other2018" not in pages["all.bib"].read_text("utf-8")
    assert unchanged_bib.read_text("utf-8") == unchanged_text
    # The remaining pages still match a clean build of the same sources.
    clean = make_app("dirhtml", **{**kwargs, "freshenv": True, "builddir": outdir.parent / "clean"})
    clean.build()
    clean.cleanup()
    for key in ("doe2021journal", "doe2019thesis"):
        rebuilt = (Path(clean.outdir) / f"publications/{key}/index.html").read_text("utf-8")
        assert (outdir / f"publications/{key}/index.html").read_text("utf-8") == rebuilt
