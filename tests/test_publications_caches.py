"""The speed-ups keep the output right: what sphinxcontrib-bibtex is given, the per-entry
parse cache, the highlighted BibTeX, the late-built lists and the paper-page skeletons."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from scholarpages.publications.database import parse_database
from scholarpages.publications.latex import latex_to_nodes
from scholarpages.publications.list.directive import render_settings
from scholarpages.publications.paper_page.fragment import FragmentWriter
from scholarpages.publications.render import entry_node
from scholarpages.publications.targets import resolve_generated_page

from helpers import (
    clean_build,
    databases_read,
    html_files,
    log_lines,
    parsed_blocks,
    read_html,
    replace_in_file,
    store_reads,
    warning_lines,
)


def _pickled_env_keys(doctreedir: Path) -> set[str]:
    with (doctreedir / "environment.pickle").open("rb") as stream:
        env = pickle.load(stream)
    bibdata = env.domaindata["cite"]["bibdata"]
    return {key.lower() for key in bibdata.data.entries}


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-cited")
def test_sphinxcontrib_bibtex_keeps_only_the_cited_entries(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    assert warning_lines(app.warning) == []
    doctreedir = Path(app.doctreedir)
    app.cleanup()
    # Only the two cited entries are parsed and pickled with the environment...
    assert _pickled_env_keys(doctreedir) == {"doe2021journal", "doe2023conference"}

    # ...and a new citation of another entry works in the very next build.
    index = Path(kwargs["srcdir"]) / "index.md"
    replace_in_file(index, "and by {cite:t}", "by {cite:t}`doe2019thesis`, and by {cite:t}")
    again = make_app("dirhtml", **kwargs)
    again.build()
    assert warning_lines(again.warning) == []
    home = read_html(Path(again.outdir) / "index.html")
    again.cleanup()
    cited = [link["href"] for link in home.select("a.reference.internal[href*='#']")]
    assert any(href.endswith("#doe2019thesis") for href in cited)
    assert "doe2019thesis" in _pickled_env_keys(doctreedir)


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-footcite")
def test_footcite_and_own_bibliography_see_every_entry(make_app, app_params) -> None:
    _, kwargs = app_params
    srcdir = Path(kwargs["srcdir"])
    (srcdir / "notes.md").write_text(
        "# Notes\n\nA footnote {footcite:p}`other2018`.\n\n```{footbibliography}\n```\n\n"
        "## Uncited\n\n```{bibliography}\n:filter: not cited\n:style: plain\n```\n",
        encoding="utf-8",
    )
    replace_in_file(
        srcdir / "index.md", "Selected work:", "Selected work:\n\n```{toctree}\nnotes\n```"
    )
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    assert warning_lines(app.warning) == []
    notes = read_html(Path(app.outdir) / "notes/index.html")
    app.cleanup()
    assert "Someone else" in notes.select_one(".footnote-list").get_text()
    # The author's own {bibliography} lists entries nobody cites.
    listed = notes.select("div.citation")
    assert len(listed) == 3


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-edit")
def test_an_edit_reads_only_the_changed_entry_again(make_app, app_params) -> None:
    _, kwargs = app_params
    clean_build(make_app, kwargs)

    def kinds(app: SphinxTestApp) -> list[str]:
        """The kinds of the blocks the build parsed."""
        return sorted(block.rpartition("@")[2] for block in parsed_blocks(app.status))

    bib = Path(kwargs["srcdir"]) / "refs.bib"
    # Three lines above every entry: their line numbers all change, their text does not.
    bib.write_text("% a comment\n%\n%\n" + bib.read_text("utf-8"), encoding="utf-8")
    replace_in_file(bib, "A Thesis about Caf{\\'e}s", "A Thesis about Tea")
    replace_in_file(
        bib, "@misc{other2018,", "@misc{other2018,\n  title = {Broken},\n  title = {Twice},"
    )
    again = make_app("dirhtml", **kwargs, verbosity=2)
    again.build()
    warnings = warning_lines(again.warning)
    outdir = Path(again.outdir)
    again.cleanup()
    # Only the @string block (cheap, and it defines the macros) and the two edited entries.
    assert kinds(again) == ["misc", "phdthesis", "string"]
    assert "A Thesis about Tea" in (outdir / "publications/doe2019thesis/index.html").read_text()
    # Problems carry this file's line numbers.
    bib_lines = bib.read_text("utf-8").splitlines()
    other_line = next(i for i, text in enumerate(bib_lines, 1) if "@misc{other2018" in text)
    assert f"refs.bib:{other_line} @misc" in parsed_blocks(again.status)
    assert any(f"refs.bib:{other_line}:" in line and "other2018" in line for line in warnings)

    # A changed macro reads again the entries after it, which may use it.
    replace_in_file(bib, "Journal of Machine Learning Research", "J. Mach. Learn. Res.")
    last = make_app("dirhtml", **kwargs, verbosity=2)
    last.build()
    last.cleanup()
    assert len(kinds(last)) == 6
    journal = read_html(outdir / "publications/doe2021journal/index.html")
    assert "J. Mach. Learn. Res." in journal.select_one(".sp-pub-venue").get_text()


def _highlighted(app: SphinxTestApp) -> list[str]:
    """The first line of each BibTeX text a build run with ``verbosity=2`` highlighted."""
    return [found[1] for found in log_lines(app.status, r"^BibTeX highlighted: (.+)$")]


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-highlight")
def test_bibtex_is_highlighted_once_and_not_indexed(make_app, app_params) -> None:
    _, kwargs = app_params
    first = make_app("dirhtml", **{**kwargs, "freshenv": True}, verbosity=2)
    first.build()
    first.cleanup()
    outdir = Path(first.outdir)
    assert len(_highlighted(first)) == 5
    before = html_files(outdir)
    paper = read_html(outdir / "publications/doe2021journal/index.html")
    block = paper.select_one(".sp-bibtex div.highlight-bibtex pre")
    assert block is not None and "@article{doe2021journal" in block.get_text()
    assert block.select("span")  # highlighted by Pygments
    # Words found only in the BibTeX (field names) are not in the search index.
    index = (outdir / "searchindex.js").read_text("utf-8")
    assert '"booktitl"' not in index and '"archiveprefix"' not in index
    assert '"journal"' in index  # the entries themselves are

    # A clean rebuild, its output gone, takes every block from what the last build kept:
    # the paper pages are all written again, and no BibTeX is highlighted.
    shutil.rmtree(outdir)
    again = make_app("dirhtml", **{**kwargs, "freshenv": True}, verbosity=2)
    again.build()
    again.cleanup()
    assert _highlighted(again) == []
    assert html_files(outdir) == before


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-quotes")
def test_entries_are_shown_as_written_without_smart_quotes(make_app, app_params) -> None:
    _, kwargs = app_params
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    replace_in_file(bib, "A Thesis about Caf{\\'e}s", 'A Thesis about "Quoted" Cafes -- and more')
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    outdir = Path(app.outdir)
    app.cleanup()
    listing = read_html(outdir / "publications/index.html")
    paper = read_html(outdir / "publications/doe2019thesis/index.html")
    in_list = listing.select_one("#doe2019thesis .sp-pub-title").get_text()
    on_page = paper.select_one("main h1, .sp-paper .rubric, .sp-paper h1").get_text()
    # The dash is LaTeX's (decoded); the straight quotes stay as the .bib has them, and the
    # list and the paper's own page agree.
    assert 'A Thesis about "Quoted" Cafes \u2013 and more' in in_list
    assert 'A Thesis about "Quoted" Cafes \u2013 and more' in on_page


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-skeleton")
def test_paper_pages_from_skeletons_equal_pages_rendered_in_full(make_app, app_params) -> None:
    _, kwargs = app_params
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    # Entries whose titles the skeleton may fill in, and one it must leave to the template.
    extra = "".join(
        f"\n@misc{{extra{index},\n  author = {{Doe, Jane Q.}},\n"
        f"  title = {{Plain Extra Title {index}}},\n  year = {{2020}},\n}}\n"
        for index in range(6)
    )
    bib.write_text(bib.read_text("utf-8") + extra, encoding="utf-8")
    replace_in_file(bib, "A Thesis about Caf{\\'e}s", "A Thesis about Cafes & Tea")

    def from_skeleton(app: SphinxTestApp) -> list[str]:
        pattern = r"^(\S+) written from the paper pages' skeleton$"
        return [found[1] for found in log_lines(app.status, pattern)]

    fast = make_app("dirhtml", **{**kwargs, "freshenv": True}, verbosity=2)
    fast.build()
    assert warning_lines(fast.warning) == []
    outdir = Path(fast.outdir)
    fast_pages = html_files(outdir)
    fast.cleanup()
    papers = sorted(outdir.glob("publications/*/index.html"))
    assert len(papers) == 11
    # Rendered in full only: the pages that made and checked a skeleton, and the one
    # with "&"; the others are filled in.
    assert len(from_skeleton(fast)) >= len(papers) - len(papers) // 2
    assert "publications/doe2019thesis" not in from_skeleton(fast)

    # Two pages to write are both rendered in full (one makes a skeleton, the other checks
    # it): each pair, written again so, is the page the skeleton gave.
    for pair in (papers[start : start + 2] for start in range(0, len(papers), 2)):
        for page in pair:
            page.unlink()
        again = make_app("dirhtml", **kwargs, verbosity=2)
        again.build()
        again.cleanup()
        assert from_skeleton(again) == []
        for page in pair:
            name = page.relative_to(outdir).as_posix()
            assert page.read_text("utf-8") == fast_pages[name], name


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-bibtex-text")
def test_shown_bibtex_keeps_values_as_written(make_app, app_params) -> None:
    _, kwargs = app_params
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    replace_in_file(
        bib, "url    = {https://other.example/paper}", r"url = {https://other.example/~roe/a_b}"
    )
    replace_in_file(bib, "title  = {Someone Else's Work}", r"title = {50\% of \& Work}")
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    assert warning_lines(app.warning) == []
    outdir = Path(app.outdir)
    app.cleanup()
    listing = read_html(outdir / "publications/index.html")
    paper = read_html(outdir / "publications/other2018/index.html")
    code = paper.select_one(".sp-bibtex pre").get_text()
    download = (outdir / "publications/other2018.bib").read_text("utf-8")
    for text in (code, download):
        assert "https://other.example/~roe/a_b" in text
        assert r"50\% of \& Work" in text
    title = listing.select_one("#other2018 .sp-pub-title").get_text()
    assert "50% of & Work" in title


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-fragments")
def test_paper_page_bodies_are_what_render_partial_writes(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    assert warning_lines(app.warning) == []
    builder = app.builder
    bib = (Path(kwargs["srcdir"]) / "refs.bib").read_text("utf-8")
    database, _ = parse_database(bib, "refs.bib", frozenset())
    # One writer for every page, as paper pages are written: each page's nodes (its entry
    # in full, its heading, the pages citing it) give what Sphinx writes for them alone.
    writer = FragmentWriter(builder)
    compared: list[str] = []
    for publication in database.publications:
        body = nodes.container(classes=["sp-paper"])
        body += nodes.rubric("", "", *latex_to_nodes(publication.get("title")))
        body += entry_node(publication, render_settings(app.config))
        cited_by = nodes.container(classes=["sp-cited-by"])
        reference = nodes.reference("", "Research", refuri="../../research/")
        cited_by += nodes.bullet_list("", nodes.list_item("", nodes.paragraph("", "", reference)))
        body += cited_by
        resolve_generated_page(app, body, f"publications/{publication.key}")
        expected = builder.render_partial(body.deepcopy())["fragment"]
        compared.append(writer.write(body))
        assert compared[-1] == expected, publication.key
    app.cleanup()
    assert len(compared) == 5
    assert any("math" in html for html in compared)


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-formatter")
def test_bibtex_highlighted_with_one_formatter_is_what_sphinx_highlights(
    make_app, app_params
) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    assert warning_lines(app.warning) == []
    outdir = Path(app.outdir)
    highlighter = app.builder.highlighter
    shown = sorted((outdir / "publications").glob("*/index.html"))
    assert len(shown) == 5
    for page in shown:
        # The entry's BibTeX, as its download has it, highlighted as Sphinx highlights a block.
        text = (page.parent.parent / f"{page.parent.name}.bib").read_text("utf-8").rstrip("\n")
        expected = BeautifulSoup(highlighter.highlight_block(text, "bibtex"), "html.parser")
        block = read_html(page).select_one(".sp-bibtex div.highlight-bibtex > div.highlight")
        assert block is not None and str(block) == str(expected.div), page
    app.cleanup()


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-generations")
def test_text_caches_keep_what_a_build_did_not_use_for_a_while(make_app, app_params) -> None:
    _, kwargs = app_params
    clean_build(make_app, kwargs)
    srcdir = Path(kwargs["srcdir"])

    def edit(old: str, new: str) -> list[str]:
        """The BibTeX highlighted by the build after the edit."""
        replace_in_file(srcdir / "refs.bib", old, new)
        app = make_app("dirhtml", **kwargs, verbosity=2)
        app.build()
        app.cleanup()
        return _highlighted(app)

    # The list is written from kept HTML and one paper page is written again: the BibTeX
    # of the other entries is not highlighted...
    assert edit("A Conference Paper with Slides", "A Conference Paper with Posters") == [
        "@inproceedings{doe2023conference,"
    ]
    # ...and the text before the edit, unused by that build, is still kept (the store keeps
    # a result through KEPT_FOR builds that added to its table; see test_store).
    assert edit("A Conference Paper with Posters", "A Conference Paper with Slides") == []


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-lazy-entries")
def test_entries_are_read_only_when_a_build_needs_them(make_app, app_params) -> None:
    _, kwargs = app_params
    notes = Path(kwargs["srcdir"]) / "notes.md"
    notes.write_text(
        "---\norphan: true\n---\n\n# Notes\n\nSee [elsewhere](https://unrelated.example/).\n",
        encoding="utf-8",
    )
    outdir = clean_build(make_app, kwargs)
    expected = html_files(outdir)
    noop = make_app("dirhtml", **kwargs, verbosity=2)
    noop.build()
    noop.cleanup()
    # A rebuild that changes nothing reads the digests and the problems, not the entries.
    assert "database.memo" in store_reads(noop.status)
    assert "entries.memo" not in store_reads(noop.status)
    assert warning_lines(noop.warning) == []
    # Nor does a page with outside links that lead to no entry: the identifiers tell.
    notes.write_text(notes.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
    page = make_app("dirhtml", **kwargs, verbosity=2)
    page.build()
    page.cleanup()
    assert "notes" in page.env.metadata
    assert "entries.memo" not in store_reads(page.status)
    expected = html_files(outdir)

    # Damaged while unused: a page that needs the entries has them read from the .bib.
    stored = list(Path(noop.doctreedir, "scholarpages").glob("entries.memo"))
    assert len(stored) == 1
    stored[0].write_bytes(b"damaged")
    publications = Path(kwargs["srcdir"]) / "publications.md"
    publications.write_text(publications.read_text("utf-8"), encoding="utf-8")
    again = make_app("dirhtml", **kwargs, verbosity=2)
    again.build()
    again.cleanup()
    assert warning_lines(again.warning) == []
    assert "entries.memo" in store_reads(again.status)
    assert databases_read(again.status) == ["refs.bib"]
    assert html_files(outdir) == expected


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-damaged-parse")
def test_damaged_or_half_written_parse_tables_are_read_again_from_the_bib(
    make_app, app_params
) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    expected = html_files(outdir)
    bib = Path(kwargs["srcdir"]) / "refs.bib"

    def build() -> SphinxTestApp:
        app = make_app("dirhtml", **kwargs, verbosity=2)
        app.build()
        app.cleanup()
        return app

    # What the parse kept, cut short as by a build stopped mid-write, and a file left half
    # written beside them: each is read as missing, with no warning.
    store = Path(kwargs["srcdir"]) / "_build" / "doctrees" / "scholarpages"
    kept = [*store.glob("chunks/*.memo"), store / "splits.memo"]
    assert len(kept) > 2
    for path in kept:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    (store / "chunks" / "0.memo.partial").write_bytes(b"half")
    replace_in_file(bib, "A Thesis about Caf{\\'e}s", "A Thesis about Tea")
    damaged = build()
    assert warning_lines(damaged.warning) == []
    assert len(parsed_blocks(damaged.status)) > 2
    thesis = outdir / "publications/doe2019thesis/index.html"
    assert "A Thesis about Tea" in thesis.read_text("utf-8")

    # Kept again by that build: the edit undone reads only the entry it changed.
    replace_in_file(bib, "A Thesis about Tea", "A Thesis about Caf{\\'e}s")
    undone = build()
    assert warning_lines(undone.warning) == []
    assert [block.rpartition("@")[2] for block in parsed_blocks(undone.status)] == [
        "string",
        "phdthesis",
    ]
    assert html_files(outdir) == expected


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="caches-damaged-entries")
def test_damaged_kept_entries_are_parsed_again_and_kept_again(make_app, app_params) -> None:
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    expected = html_files(outdir)
    publications = Path(kwargs["srcdir"]) / "publications.md"

    def page_edited() -> SphinxTestApp:
        # A page with a list is read again: it needs the entries, not a parse.
        publications.write_text(publications.read_text("utf-8") + "\n", encoding="utf-8")
        app = make_app("dirhtml", **kwargs, verbosity=2)
        app.build()
        app.cleanup()
        return app

    slices = list(Path(kwargs["srcdir"], "_build", "doctrees", "scholarpages").glob("entries/*"))
    assert slices
    for path in slices:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    damaged = page_edited()
    assert warning_lines(damaged.warning) == []
    assert databases_read(damaged.status) == ["refs.bib"]
    assert html_files(outdir) == expected
    # Kept whole again: the next build that needs them reads them from the store.
    again = page_edited()
    assert databases_read(again.status) == []
    assert "entries/0.memo" in store_reads(again.status)
    assert html_files(outdir) == expected
