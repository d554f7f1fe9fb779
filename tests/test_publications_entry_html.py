"""A list's entries are written from the HTML kept from the last build, when nothing they
show has changed; that HTML is what writing their nodes gives, search index included."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path
from typing import Any

import pytest

import scholarpages.publications.entry_cache as entry_cache
import scholarpages.publications.entry_html as entry_html
import scholarpages.store as store

from helpers import clean_build, html_files, read_html, replace_in_file, warning_lines

# A list with no text before it: the page's description is made from its entries.
LIST_FIRST = "---\ntitle: Everything\n---\n\n```{publications}\n:group-by: none\n```\n"


def _outputs(outdir: Path) -> dict[str, str]:
    files = html_files(outdir)
    files["searchindex.js"] = (outdir / "searchindex.js").read_text("utf-8")
    return files


def _count_filled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Keys of the list entries given nodes from now on (not taken from kept HTML)."""
    filled: list[str] = []
    fill_entry = entry_html.fill_entry

    def counting(entry: Any, publication: Any, *args: Any, **kwargs: Any) -> None:
        filled.append(publication.key)
        fill_entry(entry, publication, *args, **kwargs)

    monkeypatch.setattr(entry_html, "fill_entry", counting)
    return filled


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_kept_html_equals_html_written_from_nodes(
    make_app, rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    srcdir = tmp_path / "src"
    # A copy: links out of the project would be refused (see confinement).
    shutil.copytree(rootdir / "test-publications", srcdir)
    (srcdir / "everything.md").write_text(LIST_FIRST, encoding="utf-8")
    filled = _count_filled(monkeypatch)

    first = make_app(builder, srcdir=srcdir, builddir=tmp_path / "kept", freshenv=True)
    first.build()
    assert warning_lines(first.warning) == []
    written_first = _outputs(Path(first.outdir))
    first.cleanup()
    assert len(filled) > 10

    # Every page written again: every entry comes from the HTML kept by the first build.
    filled.clear()
    again = make_app(builder, srcdir=srcdir, builddir=tmp_path / "kept")
    again.build(force_all=True)
    assert warning_lines(again.warning) == []
    written_again = _outputs(Path(again.outdir))
    again.cleanup()
    assert filled == []

    # Nothing kept: the page's own translator writes the entries' nodes.
    monkeypatch.setattr(entry_cache, "writes_site", lambda app: False)
    plain = make_app(builder, srcdir=srcdir, builddir=tmp_path / "plain", freshenv=True)
    plain.build()
    written_plain = _outputs(Path(plain.outdir))
    plain.cleanup()

    assert written_first.keys() == written_plain.keys() == written_again.keys()
    for name, text in written_plain.items():
        assert written_first[name] == text, name
        assert written_again[name] == text, name
    # What those equal pages hold: math as MathML, the description reads the entries.
    suffix = ".html" if builder == "html" else "/index.html"
    page = read_html(Path(again.outdir) / f"publications{suffix}")
    assert page.find("math") and not page.find("script", src=lambda src: src and "mathjax" in src)
    description = read_html(Path(again.outdir) / f"everything{suffix}").find(
        "meta", attrs={"property": "og:description"}
    )
    assert "Doe" in description["content"]
    assert '"learn":' in written_again["searchindex.js"]


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="entry-html-edit")
def test_an_edited_entry_is_the_only_one_written_again(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, kwargs = app_params
    clean_build(make_app, kwargs)
    filled = _count_filled(monkeypatch)
    bib = Path(kwargs["srcdir"]) / "refs.bib"
    replace_in_file(bib, "A Conference Paper with Slides", "A Conference Paper with Posters")
    again = make_app("dirhtml", **kwargs)
    again.build()
    assert warning_lines(again.warning) == []
    outdir = Path(again.outdir)
    again.cleanup()
    # Once per list that shows it; every other entry was written from kept HTML.
    assert set(filled) == {"doe2023conference"}
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
def test_kept_html_is_read_only_for_pages_with_lists_written_again(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, kwargs = app_params
    folder = clean_build(make_app, kwargs).parent / "doctrees" / "scholarpages" / "entries-dirhtml"
    listing = ["filters.record", "index.record", "publications.record"]
    assert sorted(path.name for path in folder.iterdir()) == listing
    reads: list[str] = []
    load = store.Store.load

    def counting(self: Any, name: str, **options: Any) -> Any:
        if name.startswith("entries-"):
            reads.append(name)
        return load(self, name, **options)

    monkeypatch.setattr(store.Store, "load", counting)
    srcdir = Path(kwargs["srcdir"])
    # A page without a list: no kept entries are read.
    replace_in_file(srcdir / "research.md", "See the", "Do see the")
    again = make_app("dirhtml", **kwargs)
    again.build()
    again.cleanup()
    assert reads == []
    # A page gone: its entries go too.
    (srcdir / "filters.md").unlink()
    last = make_app("dirhtml", **kwargs)
    last.build()
    last.cleanup()
    assert sorted(path.name for path in folder.iterdir()) == listing[1:]


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="entry-html-freed")
def test_the_nodes_an_entry_was_written_from_are_freed_at_once(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, kwargs = app_params
    written_from: list[weakref.ref[Any]] = []
    let_go = entry_html._let_go

    def recording(content: list[Any]) -> None:
        written_from.extend(weakref.ref(node) for child in content for node in child.findall())
        let_go(content)

    monkeypatch.setattr(entry_html, "_let_go", recording)
    # Without the collector, only reference counting frees them: no cycles may be left.
    gc.disable()
    try:
        app = make_app("dirhtml", **{**kwargs, "freshenv": True})
        app.build()
        app.cleanup()
        assert warning_lines(app.warning) == []
        assert written_from
        assert [ref() for ref in written_from if ref() is not None] == []
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
