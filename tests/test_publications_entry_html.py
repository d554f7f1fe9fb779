"""A list's entries are written from the HTML kept from the last build, when nothing they
show has changed; that HTML is what writing their nodes gives, search index included."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from helpers import (
    clean_build,
    html_files,
    log_lines,
    read_html,
    replace_in_file,
    store_reads,
    warning_lines,
)

# A list with no text before it: the page's description is made from its entries.
LIST_FIRST = "---\ntitle: Everything\n---\n\n```{publications}\n:group-by: none\n```\n"


def _outputs(outdir: Path) -> dict[str, str]:
    files = html_files(outdir)
    files["searchindex.js"] = (outdir / "searchindex.js").read_text("utf-8")
    return files


def _made_for_lists(app: Any) -> list[str]:
    """Keys of the list entries a build run with ``verbosity=2`` made from their nodes (not
    from kept HTML), once per list."""
    return [found[1] for found in log_lines(app.status, r"^entry (\S+) made for a list$")]


class _EntriesAsSphinxWritesThem:
    """What Sphinx writes for each list entry's nodes on its own (render_partial), by page,
    in the order of the page: the entries as they are once the page is resolved (before
    they are written and kept), written as the page is (its images' paths set)."""

    def __init__(self, app: Any) -> None:
        self._nodes: dict[str, list[nodes.Element]] = {}
        self.written: dict[str, list[str]] = {}
        app.connect("doctree-resolved", self._copy, priority=899)
        app.connect("html-page-context", self._write)

    def _copy(self, app: Any, doctree: nodes.document, docname: str) -> None:
        entries = doctree.findall(nodes.Element)
        self._nodes[docname] = [node.deepcopy() for node in entries if "sp-pub" in node["classes"]]

    def _write(self, app: Any, pagename: str, *args: Any) -> None:
        copies = self._nodes.pop(pagename, [])
        self.written[pagename] = [app.builder.render_partial(copy)["fragment"] for copy in copies]


def _entries_in(page: Path) -> list[str]:
    return [str(entry) for entry in read_html(page).select(".sp-pub")]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_kept_html_equals_html_written_from_nodes(
    make_app, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    srcdir = tmp_path / "src"
    # A copy: links out of the project would be refused (see confinement).
    shutil.copytree(rootdir / "test-publications", srcdir)
    (srcdir / "everything.md").write_text(LIST_FIRST, encoding="utf-8")
    first = make_app(builder, srcdir=srcdir, builddir=tmp_path / "kept", freshenv=True, verbosity=2)
    as_sphinx_writes = _EntriesAsSphinxWritesThem(first)
    first.build()
    assert warning_lines(first.warning) == []
    outdir = Path(first.outdir)
    written_first = _outputs(outdir)
    first.cleanup()
    assert len(_made_for_lists(first)) > 10

    # Each entry, written once with the page's translator and kept, is what Sphinx writes
    # for its nodes.
    suffix = ".html" if builder == "html" else "/index.html"
    pages = {name: written for name, written in as_sphinx_writes.written.items() if written}
    assert len(pages) >= 3
    for name, written in pages.items():
        page = outdir / ("index.html" if name == "index" else f"{name}{suffix}")
        expected = [str(BeautifulSoup(html, "html.parser").div) for html in written]
        assert _entries_in(page) == expected, name

    # Every page written again: every entry comes from the HTML kept by the first build.
    again = make_app(builder, srcdir=srcdir, builddir=tmp_path / "kept", verbosity=2)
    again.build(force_all=True)
    assert warning_lines(again.warning) == []
    written_again = _outputs(Path(again.outdir))
    again.cleanup()
    assert _made_for_lists(again) == []
    assert written_again == written_first

    # What those equal pages hold: a title's math as characters; the description reads the
    # entries.
    page = read_html(Path(again.outdir) / f"publications{suffix}")
    assert "𝑂(𝑛²)" in page.get_text()
    assert not page.find("script", src=lambda src: src and "mathjax" in src)
    description = read_html(Path(again.outdir) / f"everything{suffix}").find(
        "meta", attrs={"property": "og:description"}
    )
    assert "Doe" in description["content"]
    assert '"learn":' in written_again["searchindex.js"]


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="entry-html-edit")
def test_an_edited_entry_is_the_only_one_written_again(make_app, app_params) -> None:
    _, kwargs = app_params
    clean_build(make_app, kwargs)
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    replace_in_file(bib, "A Conference Paper with Slides", "A Conference Paper with Posters")
    again = make_app("dirhtml", **kwargs, verbosity=2)
    again.build()
    assert warning_lines(again.warning) == []
    outdir = Path(again.outdir)
    again.cleanup()
    # Once per list that shows it; every other entry was written from kept HTML.
    assert set(_made_for_lists(again)) == {"doe2023conference"}
    listed = read_html(outdir / "publications/index.html").select(".sp-pub-title")
    assert any("with Posters" in title.get_text() for title in listed)
    assert not any("with Slides" in title.get_text() for title in listed)


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="entry-html-links")
def test_a_site_link_that_no_longer_leads_anywhere_is_warned_about_again(
    make_app, app_params
) -> None:
    _, kwargs = app_params
    first = make_app("dirhtml", **{**kwargs, "freshenv": True})
    first.build()
    assert warning_lines(first.warning) == []
    first.cleanup()
    srcdir = Path(kwargs["srcdir"])
    (srcdir / "files" / "doe2021.pdf").unlink()
    # The page is written again; the entry with the link is unchanged.
    replace_in_file(
        srcdir / "publications.md", "```{publications}", "Everything.\n\n```{publications}"
    )
    again = make_app("dirhtml", **kwargs)
    again.build()
    warnings = warning_lines(again.warning)
    again.cleanup()
    # Named where it is written: the entry in the .bib file.
    assert any("refs.bib:4:" in line and "'/files/doe2021.pdf'" in line for line in warnings)


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="entry-html-files")
def test_kept_html_is_read_only_for_pages_with_lists_written_again(make_app, app_params) -> None:
    _, kwargs = app_params
    folder = clean_build(make_app, kwargs).parent / "doctrees" / "scholarpages" / "entries-dirhtml"

    def pages() -> list[str]:
        """The pages whose entries are kept: each in a few files,
        "<page>.<section>.<n>.record", "." being quoted in page and section."""
        return sorted({path.name.split(".", 1)[0] for path in folder.iterdir()})

    listing = ["filters", "index", "publications"]
    assert pages() == listing
    srcdir = Path(kwargs["srcdir"])
    # A page without a list: no kept entries are read.
    replace_in_file(srcdir / "research.md", "See the", "Do see the")
    again = make_app("dirhtml", **kwargs, verbosity=2)
    again.build()
    again.cleanup()
    assert "research" in again.env.metadata
    assert [name for name in store_reads(again.status) if name.startswith("entries-")] == []
    # A page with a list that is written again reads its own kept entries, and no others.
    replace_in_file(srcdir / "filters.md", "## By type", "## By their type")
    listed = make_app("dirhtml", **kwargs, verbosity=2)
    listed.build()
    listed.cleanup()
    kept = [name for name in store_reads(listed.status) if name.startswith("entries-")]
    assert kept and all(name.startswith("entries-dirhtml/filters.") for name in kept)

    # An entry edited: of the files of the pages listing it, those holding it are written.
    def stamps() -> dict[str, int]:
        return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}

    before = stamps()
    replace_in_file(srcdir / "refs.bib", "A Thesis about Caf", "A Thesis on Caf")
    edited = make_app("dirhtml", **kwargs)
    edited.build()
    edited.cleanup()
    after = stamps()
    # The file holding it on each page (its lists are short: one file each).
    changed = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert 0 < len(changed) <= len(listing)
    # A page gone: its entries go too.
    (srcdir / "filters.md").unlink()
    last = make_app("dirhtml", **kwargs)
    last.build()
    last.cleanup()
    assert pages() == listing[1:]


def _attached(node: Any) -> bool:
    """Whether the node is still in its document: each node up is among its parent's."""
    while node.parent is not None:
        if not any(child is node for child in node.parent.children):
            return False
        node = node.parent
    return True


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="entry-html-freed")
def test_the_nodes_an_entry_was_written_from_are_freed_at_once(make_app, app_params) -> None:
    _, kwargs = app_params
    in_entries: list[weakref.ref[Any]] = []

    def record(app: Any, doctree: nodes.document, docname: str) -> None:
        # Once the page is resolved, before it is written: each list entry has its nodes.
        for entry in doctree.findall(nodes.Element):
            if "sp-pub" in entry["classes"]:
                in_entries.extend(weakref.ref(node) for node in entry.findall(include_self=False))

    # Without the collector, only reference counting frees them: no cycles may be left.
    gc.disable()
    try:
        app = make_app("dirhtml", **{**kwargs, "freshenv": True})
        app.connect("doctree-resolved", record, priority=100)
        app.build()
        app.cleanup()
        assert warning_lines(app.warning) == []
        assert len(in_entries) > 100
        # What is left of an entry once written: the nodes still in their page.
        left = [node for ref in in_entries if (node := ref()) is not None]
        assert [node for node in left if not _attached(node)] == []
    finally:
        gc.enable()


def _entries_by_id(page: Path) -> dict[str, str]:
    """Each entry of the page's lists, as written, by its id."""
    return {str(entry["id"]): str(entry) for entry in read_html(page).select("div.sp-pub[id]")}


def test_one_entry_edited_in_a_long_list_changes_only_that_entry(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-publications", srcdir)
    # A list long enough to be written in rows of kept entries, with a search box.
    (srcdir / "everything.md").write_text(LIST_FIRST, encoding="utf-8")
    bib = srcdir / "refs.bib"
    template = (
        "\n@article{{filler{n},\n  title = {{Filler Number {n}}},\n"
        "  author = {{Doe, J. Q.}},\n  journal = {{J. Tests}},\n  year = {{20{n:02d}}}\n}}\n"
    )
    with bib.open("a", encoding="utf-8") as database:
        database.write("".join(template.format(n=n) for n in range(40)))
    page = "everything/index.html"

    first = make_app("dirhtml", srcdir=srcdir, builddir=tmp_path / "kept", freshenv=True)
    first.build()
    assert warning_lines(first.warning) == []
    before = _entries_by_id(Path(first.outdir) / page)
    first.cleanup()
    assert len(before) > 40

    replace_in_file(bib, "Filler Number 17}", "Filler Number Seventeen}")
    again = make_app("dirhtml", srcdir=srcdir, builddir=tmp_path / "kept")
    again.build()
    assert warning_lines(again.warning) == []
    written_again = _outputs(Path(again.outdir))
    after = _entries_by_id(Path(again.outdir) / page)
    again.cleanup()

    # The edited entry changed, and no other: each is written as it was, in its place.
    assert list(after) == list(before)
    changed = [ident for ident in before if before[ident] != after[ident]]
    assert changed == ["filler17"]
    assert "Filler Number Seventeen" in after["filler17"]

    # And the whole site is what a first build of the edited sources writes.
    clean = make_app("dirhtml", srcdir=srcdir, builddir=tmp_path / "clean", freshenv=True)
    clean.build()
    written_clean = _outputs(Path(clean.outdir))
    clean.cleanup()
    assert written_again.keys() == written_clean.keys()
    for name, text in written_clean.items():
        assert written_again[name] == text, name
