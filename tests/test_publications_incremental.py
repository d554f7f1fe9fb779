"""Editing publications.bib: the next incremental build shows the change everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scholarpages.store import remove_output

from helpers import (
    clean_build,
    databases_read,
    parsed_blocks,
    read_html,
    replace_in_file,
    store_reads,
    warning_lines,
)


@pytest.mark.sphinx("dirhtml", testroot="publications", copy_test_root=True)
def test_bib_edit_updates_lists_paper_pages_and_citing_pages(make_app, app_params) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)

    # A no-op rebuild reads nothing again and never parses the .bib...
    noop = make_app("dirhtml", **kwargs, verbosity=2)
    noop.build()
    assert "0 added, 0 changed, 0 removed" in noop.status.getvalue()
    assert databases_read(noop.status) == parsed_blocks(noop.status) == []
    # ...nor does it read the parsed entries: only the digests and problems stored with them.
    assert "database.memo" in store_reads(noop.status)
    assert "entries.memo" not in store_reads(noop.status)
    noop.cleanup()

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
    # And so does its page.
    unchanged_page = outdir / "publications/doe2021journal/index.html"
    unchanged_page.unlink()
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
    assert unchanged_page.is_file()
    # The remaining pages still match a clean build of the same sources.
    clean = make_app("dirhtml", **{**kwargs, "freshenv": True, "builddir": outdir.parent / "clean"})
    clean.build()
    clean.cleanup()
    for key in ("doe2021journal", "doe2019thesis"):
        rebuilt = (Path(clean.outdir) / f"publications/{key}/index.html").read_text("utf-8")
        assert (outdir / f"publications/{key}/index.html").read_text("utf-8") == rebuilt


@pytest.mark.parametrize("state", ["deleted", "empty", "not configured and absent"])
@pytest.mark.sphinx("dirhtml", testroot="publications", copy_test_root=True)
def test_an_empty_or_missing_database_warns_on_every_build_until_restored(
    make_app, app_params, state: str
) -> None:
    """A configured file that is missing is reported on each build (so ``-W`` keeps failing);
    an empty one, or none configured with none at the default place, is no problem."""
    _, kwargs = app_params
    source = Path(kwargs["srcdir"])
    bib = source / "refs.bib"
    original = bib.read_text("utf-8")
    if state == "empty":
        bib.write_bytes(b"")
    else:
        bib.unlink()
    if state == "not configured and absent":
        replace_in_file(source / "conf.py", 'scholarpages_bibfile = "refs.bib"', "")
    expected = [f"publications database {bib} cannot be read"] if state == "deleted" else []

    def database_warnings(fresh: bool) -> list[str]:
        app = make_app("dirhtml", **{**kwargs, "freshenv": fresh})
        app.build()
        app.cleanup()
        return [
            line.split("WARNING: ")[1].split(":")[0]
            for line in warning_lines(app.warning)
            if "[scholarpages.bib" in line
        ]

    assert database_warnings(fresh=True) == expected
    assert database_warnings(fresh=False) == expected
    if state == "not configured and absent":
        # The default place, beside the copied project: the other test roots' too.
        bib = source.parent / "publications.bib"
    bib.write_text(original, encoding="utf-8")
    try:
        assert database_warnings(fresh=False) == []
    finally:
        bib.unlink()


@pytest.mark.sphinx("dirhtml", testroot="publications", copy_test_root=True)
def test_emptied_then_restored_database_leaves_nothing_stale(make_app, app_params) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    original = bib.read_text("utf-8")

    def build() -> None:
        app = make_app("dirhtml", **kwargs)
        app.build()
        app.cleanup()

    def feed_links(page: str) -> list[object]:
        return read_html(outdir / page).select('link[type="application/atom+xml"]')

    # An image of another extension's (graphviz, imgmath...), which Sphinx never recorded.
    other_image = outdir / "_images/graph-1234.png"
    other_image.write_bytes(b"png")
    bib.write_bytes(b"")
    build()
    assert not (outdir / "publications.atom").exists()
    assert sorted(path.name for path in (outdir / "publications").iterdir()) == ["index.html"]
    assert not (outdir / "_images/thumb.png").exists()
    assert other_image.read_bytes() == b"png"
    assert feed_links("index.html") == []
    assert feed_links("research/index.html") == []

    bib.write_text(original, encoding="utf-8")
    build()
    research = read_html(outdir / "research/index.html")
    assert len(research.select("a.sp-xref")) == 3
    for key in ("doe2021journal", "doe2024preprint", "other2018"):
        paper = read_html(outdir / f"publications/{key}/index.html")
        assert "Referenced on" in paper.get_text(), key
    for page in ("index.html", "research/index.html", "filters/index.html"):
        assert len(feed_links(page)) == 1, page
    assert (outdir / "publications.atom").read_text("utf-8").count("<entry>") == 5


def test_removed_outputs_take_their_empty_folders_along(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    gone, kept = (outdir / f"publications/{key}/index.html" for key in ("gone", "kept"))
    for page in (gone, kept):
        page.parent.mkdir(parents=True)
        page.write_text("page", encoding="utf-8")
    remove_output(gone, outdir)
    assert not gone.parent.exists()
    assert kept.is_file()
    remove_output(kept, outdir)
    assert not (outdir / "publications").exists()
    assert outdir.is_dir()
    # A folder the output reaches through a link to elsewhere is not the output's to remove.
    elsewhere = tmp_path / "elsewhere/empty"
    elsewhere.mkdir(parents=True)
    (outdir / "linked").symlink_to(tmp_path / "elsewhere")
    remove_output(outdir / "linked/empty/index.html", outdir)
    assert elsewhere.is_dir()


@pytest.mark.sphinx(
    "dirhtml",
    testroot="publications",
    copy_test_root=True,
    confoverrides={"scholarpages_feed_size": 2},
)
def test_feed_is_written_again_only_when_an_entry_it_shows_changes(make_app, app_params) -> None:
    _, kwargs = app_params
    feed = clean_build(make_app, kwargs) / "publications.atom"
    bib = Path(kwargs["srcdir"]) / "refs.bib"

    def edit_and_build(old: str, new: str) -> None:
        os.utime(feed, (1_000_000_000, 1_000_000_000))
        replace_in_file(bib, old, new)
        app = make_app("dirhtml", **kwargs)
        app.build()
        app.cleanup()

    # The thesis of 2019 is not among the two newest entries: the feed stays as it is.
    edit_and_build("A Thesis about Caf", "A Thesis on Caf")
    assert feed.stat().st_mtime == 1_000_000_000
    # The preprint of 2024 is.
    edit_and_build("A Preprint on arXiv", "A Preprint, on arXiv")
    assert feed.stat().st_mtime != 1_000_000_000
    assert "A Preprint, on arXiv" in feed.read_text("utf-8")
