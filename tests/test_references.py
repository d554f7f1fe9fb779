"""Works a page cites that are not the owner's: references.bib, beside publications.bib.

They are cited and listed where they are cited, and are nowhere the owner's publications
are: no paper page, no list entry, no feed entry, no sitemap entry, no Scholar tags.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from helpers import html_files, read_html, replace_in_file, warning_lines

ROOT = Path(__file__).parent / "roots" / "test-references"
REFERENCE_KEYS = ("vaswani2017attention", "knuth1977fast", "stoc1977", "erd1947graphs")
REFERENCE_TITLES = ("Attention Is All You Need", "Fast Pattern Matching", "Some Remarks")
OWN_TITLES = {"Our Own Journal Paper", "A Paper of Ours Also Pasted into the References"}
ATOM = "{http://www.w3.org/2005/Atom}"


def _page(app: SphinxTestApp, name: str) -> Path:
    """A page's file, as the builder names it."""
    outdir = Path(app.outdir)
    if app.builder.name == "dirhtml":
        return outdir / ("index.html" if name == "index" else f"{name}/index.html")
    return outdir / f"{name}.html"


@pytest.fixture(params=["html", "dirhtml"])
def built(make_app, tmp_path: Path, request: pytest.FixtureRequest) -> SphinxTestApp:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    app = make_app(request.param, srcdir=source, freshenv=True)
    app.build()
    return app


def test_cited_references_are_listed_where_cited(built: SphinxTestApp) -> None:
    home = read_html(_page(built, "index"))
    listed = home.select_one(".citation").parent.get_text(" ", strip=True)
    # The entries' fields: LaTeX decoded, @string macros expanded, crossref applied.
    assert "Attention is all you need" in listed
    assert "Łukasz Kaiser" in listed
    assert "Advances in Neural Information Processing Systems" in listed
    assert "5998–6008" in listed
    assert "Proceedings of the Ninth Symposium on Theory of Computing" in listed
    assert "ACM, 1977" in listed
    markers = [a.get_text() for a in home.select("a") if a.get("href", "").startswith("#id")]
    assert "Knuth et al., 1977" in markers
    # Footnotes too.
    notes = read_html(_page(built, "notes")).select_one(".footnote-list")
    assert "Paul Erdős" in notes.get_text()
    assert "Some remarks on the theory of graphs" in notes.get_text()


def test_references_are_not_publications(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    written = [path.relative_to(outdir).as_posix() for path in outdir.rglob("*")]
    made = [path for path in written if not path.startswith("_sources/")]
    for key in REFERENCE_KEYS:
        assert not [path for path in made if key in path.lower()], key
    listing = read_html(_page(built, "publications"))
    assert {entry["id"] for entry in listing.select(".sp-publications [id]")} >= {
        "doe2021own",
        "doe2022shared",
    }
    listed = listing.select_one(".sp-publications").get_text()
    feed = ElementTree.parse(outdir / "publications.atom").getroot()
    feed_titles = {entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")}
    assert feed_titles == OWN_TITLES
    sitemap = (outdir / "sitemap.xml").read_text("utf-8")
    database = (outdir / "publications.bib").read_text("utf-8")
    scholar_titles = {
        meta["content"]
        for page in html_files(outdir).values()
        for meta in BeautifulSoup(page, "html.parser").find_all(
            "meta", attrs={"name": "citation_title"}
        )
    }
    assert scholar_titles == OWN_TITLES
    for title in REFERENCE_TITLES:
        assert title.lower() not in listed.lower()
        assert title not in database
    for key in REFERENCE_KEYS:
        assert key not in sitemap
        assert key not in database


def test_problems_are_warnings_at_their_line(built: SphinxTestApp) -> None:
    warnings = warning_lines(built.warning)
    source = Path(built.srcdir)
    broken = [line for line in warnings if "broken2000" in line]
    assert len(broken) == 1
    assert f"{source / 'references.bib'}:11:" in broken[0]
    assert "[scholarpages.bib.syntax]" in broken[0]
    # The key in both databases: one warning naming both files and lines.
    both = [line for line in warnings if "DOE2022SHARED" in line]
    assert len(both) == 1
    assert f"{source / 'references.bib'}:28:" in both[0]
    assert f"{source / 'publications.bib'}:8" in both[0]
    # A key in neither: sphinxcontrib-bibtex's warning, once.
    missing = [line for line in warnings if "nobody1999" in line]
    assert len(missing) == 1
    assert "could not find bibtex key" in missing[0]
    assert len(warnings) == 3, warnings


def test_a_key_in_both_databases_is_the_publication(built: SphinxTestApp) -> None:
    own = read_html(_page(built, "own"))
    shared = [a for a in own.select("a") if "doe2022shared" in a.get("href", "")]
    assert shared and "publications" in shared[0]["href"]
    paper = Path(built.outdir) / "publications" / "doe2022shared"
    assert paper.is_dir() or paper.with_suffix(".html").is_file()
    assert "Pasted Here" not in _page(built, "own").read_text("utf-8")


def _write_project(folder: Path, conf: str, bibs: dict[str, str]) -> Path:
    """A project with its site in ``docs/``: a page citing two works, and these .bib files."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "conf.py").write_text(
        'extensions = ["scholarpages"]\nproject = "P"\nexclude_patterns = ["_build"]\n' + conf,
        encoding="utf-8",
    )
    (docs / "index.md").write_text(
        "# Home\n\nSee {cite:p}`graph1959` and {cite:p}`paths1959`.\n\n"
        "```{bibliography}\n:filter: docname in docnames\n```\n",
        encoding="utf-8",
    )
    for name, text in bibs.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return docs


GRAPH = "@article{graph1959, title = {A Note on Two Problems}, author = {Dijkstra, E. W.},\n"
GRAPH += "  journal = numer, year = {1959}}\n"
PATHS = "@article{paths1959, title = {Shortest Paths}, author = {Moore, E. F.},\n"
PATHS += "  journal = numer, year = {1959}, note = {A \x07bell}}\n"
MACROS = "@string{numer = {Numerische Mathematik}}\n"


def test_references_bib_beside_docs_is_read_by_default(make_app, tmp_path: Path) -> None:
    docs = _write_project(tmp_path / "project", "", {"references.bib": MACROS + GRAPH + PATHS})
    app = make_app("dirhtml", srcdir=docs, freshenv=True)
    app.build()
    warnings = warning_lines(app.warning)
    outdir = Path(app.outdir)
    # The control character is taken out, with a warning at its entry's line.
    assert len(warnings) == 1 and "references.bib:4:" in warnings[0], warnings
    listed = read_html(outdir / "index.html").select_one(".citation").parent.get_text()
    assert "Numerische Mathematik" in listed and "A bell" in listed
    # No publications at all: no feed, no paper pages, and the database served is empty.
    assert not (outdir / "publications.atom").exists()
    assert not (outdir / "publications").exists()
    assert (outdir / "publications.bib").read_text("utf-8").strip() == ""


def test_references_in_several_files_share_their_macros(make_app, tmp_path: Path) -> None:
    conf = 'scholarpages_references = ["../bib/macros.bib", "../bib/works.bib"]\n'
    docs = _write_project(
        tmp_path / "project",
        conf,
        {"bib/macros.bib": MACROS, "bib/works.bib": GRAPH + "@article{x,\n" + PATHS},
    )
    app = make_app("dirhtml", srcdir=docs, freshenv=True)
    app.build()
    warnings = warning_lines(app.warning)
    listed = read_html(Path(app.outdir) / "index.html").select_one(".citation").parent
    assert listed.get_text().count("Numerische Mathematik") == 2
    # The unclosed entry is reported in its own file, at its own line.
    assert any("works.bib:3:" in line and "'x'" in line for line in warnings), warnings


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_edit_of_references_updates_citing_pages_as_a_clean_build(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    incremental = tmp_path / "incremental"

    def build(builddir: Path, fresh: bool) -> tuple[dict[str, str], list[str]]:
        app = make_app(builder, srcdir=source, builddir=builddir, freshenv=fresh)
        app.build()
        files = html_files(Path(app.outdir))
        for name in ("publications.atom", "sitemap.xml", "publications.bib"):
            files[name] = (Path(app.outdir) / name).read_text("utf-8")
        warnings = warning_lines(app.warning)
        app.cleanup()
        return files, warnings

    build(incremental, fresh=True)
    # With nothing edited, nothing is read again.
    noop = make_app(builder, srcdir=source, builddir=incremental)
    noop.build()
    assert "0 added, 0 changed, 0 removed" in noop.status.getvalue()
    noop.cleanup()
    bib = source / "references.bib"
    edits = [
        ("Attention Is All You Need", "Attention Is Not All You Need"),  # a cited entry
        ("{Erd{\\H{o}}s, Paul}", "{Erd{\\H{o}}s, P{\\'a}l}"),  # one cited in a footnote
        ("year      = {1977}", "year      = {1978}"),  # a crossref'd volume
        # a new entry, cited by a page that cited nothing found
        (
            "@misc{erd1947graphs",
            "@misc{nobody1999, title = {Now Found}, year = 1999}\n\n@misc{erd1947graphs",
        ),
    ]
    for step, (old, new) in enumerate(edits):
        replace_in_file(bib, old, new)
        updated, _ = build(incremental, fresh=False)
        clean, _ = build(tmp_path / f"clean{step}", fresh=True)
        assert updated == clean, step
    home = _page_text(updated, builder, "index")
    assert "Attention is not all you need" in home and "1978" in home
    assert "Pál Erdős" in _page_text(updated, builder, "notes")
    assert "Now found" in _page_text(updated, builder, "missing")
    # Removed from the references: the page's bibliography no longer lists it.
    replace_in_file(bib, "@inproceedings{knuth1977fast,", "@inproceedings{gone1977,")
    updated, warnings = build(incremental, fresh=False)
    clean, _ = build(tmp_path / "clean-last", fresh=True)
    assert updated == clean
    assert "Fast pattern matching" not in _page_text(updated, builder, "index")
    assert any('could not find bibtex key "knuth1977fast"' in line for line in warnings)


def _page_text(files: dict[str, str], builder: str, name: str) -> str:
    if builder == "html":
        return files[f"{name}.html"]
    return files["index.html" if name == "index" else f"{name}/index.html"]


def test_references_outside_the_project_are_not_read(make_app, tmp_path: Path) -> None:
    conf = 'scholarpages_references = "../../outside.bib"\n'
    docs = _write_project(tmp_path / "project", conf, {"references.bib": MACROS + GRAPH})
    (tmp_path / "outside.bib").write_text(MACROS + PATHS, encoding="utf-8")
    app = make_app("dirhtml", srcdir=docs, freshenv=True)
    app.build()
    warnings = warning_lines(app.warning)
    assert any(
        "references database '../../outside.bib'" in line and "[scholarpages.confinement]" in line
        for line in warnings
    ), warnings
    page = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert "Shortest Paths" not in page and "Shortest paths" not in page


@pytest.mark.sphinx("dirhtml", testroot="cited_math", freshenv=True)
def test_math_in_cited_entries_reads_as_text_in_the_bibliography(app: SphinxTestApp) -> None:
    # sphinxcontrib-bibtex's styles showed "$o(n^2)$": the TeX as written, lower-cased.
    app.build()
    assert warning_lines(app.warning) == []
    cited = [
        " ".join(item.get_text(" ", strip=True).split())
        for item in read_html(Path(app.outdir) / "index.html").select("div.citation")
    ]
    # Braces are markup to the styles: a set's braces go, its content stays.
    assert any("Sorting in O(n²) time over 𝒳 with 50% less x." in text for text in cited)
    assert any("Journal of α-Tests" in text for text in cited)
    assert any("Tight bounds for k-means over ℝ^d" in text for text in cited)
    assert not any("$" in text or "\\" in text for text in cited)
