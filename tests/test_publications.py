"""publications.bib drives the lists, the paper pages and the cross-references."""

from __future__ import annotations

import _multiprocessing
import errno
import json
import os
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from helpers import (
    built_page,
    clean_build,
    html_files,
    paper_pages_by_process,
    read_html,
    stub_target,
    warning_lines,
)


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return built_page(app, name)


def entries(container: BeautifulSoup | Tag) -> list[str]:
    """The keys of the listed entries, read from the link to each entry's page."""
    links = [str(a["href"]) for a in container.select(".sp-pub .sp-pub-title a")]
    return [link.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") for link in links]


def entry(soup: BeautifulSoup, key: str) -> Tag:
    found = soup.select_one(f".sp-pub#{key}")
    assert found is not None, key
    return found


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert warning_lines(app.warning) == []
    return app


pytestmark = pytest.mark.sphinx("dirhtml", testroot="publications", freshenv=True)


def test_publications_page_lists_every_entry_grouped_by_year(built: SphinxTestApp) -> None:
    soup = page(built, "publications")
    groups = [heading.get_text(strip=True) for heading in soup.select(".sp-group")]
    assert groups == ["2024", "2023", "2021", "2019", "2018"]
    assert entries(soup) == [
        "doe2024preprint",
        "doe2023conference",
        "doe2021journal",
        "doe2019thesis",
        "other2018",
    ]
    assert soup.select_one("a.sp-download-all")["href"] == "../publications.bib"


def test_entry_shows_title_authors_venue_and_decoded_latex(built: SphinxTestApp) -> None:
    journal = entry(page(built, "publications"), "doe2021journal")
    title = journal.select_one(".sp-pub-title a")
    assert title["href"] == "doe2021journal/"
    assert "Schön–Ørsted" in title.get_text()
    assert "BERT" in title.get_text()  # brace-protected: case kept
    # Math is made when the site is built: characters where Unicode writes it exactly, as
    # MathML shows it.
    assert "𝑂(𝑛²)" in title.get_text() and title.find("math") is None
    assert journal.select_one(".sp-badge").get_text() == "JMLR"
    assert "Best Paper" in journal.select_one(".sp-award").get_text()
    authors = journal.select_one(".sp-pub-authors")
    assert authors.get_text(" ", strip=True).startswith("Jane Q. Doe")
    assert "Hans Müller" in authors.get_text()
    assert "Lars Østergaard" in authors.get_text()
    assert [owner.get_text() for owner in authors.select(".sp-owner")] == ["Jane Q. Doe"]
    venue = journal.select_one(".sp-pub-venue").get_text(" ", strip=True)
    assert venue.startswith("Journal of Machine Learning Research, 22(4), 1–30")  # @string
    assert "2021" in venue


def test_owner_is_found_in_any_name_form(built: SphinxTestApp) -> None:
    soup = page(built, "publications")
    owners = {
        key: [node.get_text() for node in entry(soup, key).select(".sp-owner")]
        for key in entries(soup)
    }
    assert owners["doe2023conference"] == ["J. Q. Doe"]
    assert owners["doe2024preprint"] == ["Jane Doe"]
    assert owners["other2018"] == []


def test_long_author_lists_are_shortened_and_expandable(built: SphinxTestApp) -> None:
    preprint = entry(page(built, "publications"), "doe2024preprint")
    more = preprint.select_one("details.sp-more-authors")
    assert more.summary.get_text() == "and 4 more"
    assert "G. Author7" in more.get_text()
    assert "G. Author7" not in preprint.select_one(".sp-pub-authors").get_text().split("more")[0]
    # As a browser parses it: the disclosure stays within the author list, no empty paragraph.
    parsed = BeautifulSoup((Path(built.outdir) / "publications/index.html").read_bytes(), "lxml")
    listed = parsed.select_one("#doe2024preprint")
    assert listed.select_one(".sp-pub-authors > details.sp-more-authors") is not None
    assert not [p for p in listed.find_all("p") if not p.get_text(strip=True)]


def test_buttons_for_every_link_and_only_safe_ones(built: SphinxTestApp) -> None:
    soup = page(built, "publications")

    def buttons(key: str) -> dict[str, str]:
        return {a.get_text(): a["href"] for a in entry(soup, key).select("a.sp-button")}

    assert buttons("doe2021journal") == {
        "PDF": "../files/doe2021.pdf",
        "DOI": "https://doi.org/10.5555/jmlr.2021.1",
        "Code": "https://github.com/jane/bert-graphs",
    }
    assert buttons("doe2023conference") == {
        "arXiv": "https://arxiv.org/abs/2301.00001",
        "Slides": "https://slides.example/doe2023.pdf",
        "Poster": "https://slides.example/doe2023-poster.pdf",
        "Video": "https://video.example/talk",
        "Website": "https://project.example/",
    }
    # The url is the arXiv page already linked by the arXiv button: shown once.
    assert buttons("doe2024preprint") == {"arXiv": "https://arxiv.org/abs/2402.00002"}
    assert (Path(built.outdir) / "files/doe2021.pdf").is_file()


def test_abstract_and_clean_bibtex_on_demand(built: SphinxTestApp) -> None:
    # The list links to them on the paper's page, which shows them; it does not hold them.
    journal = entry(page(built, "publications"), "doe2021journal")
    links = {a.get_text(): a["href"] for a in journal.select("a.sp-reveal")}
    assert links == {"Abstract": "doe2021journal/#abstract", "BibTeX": "doe2021journal/#bibtex"}
    assert not journal.select("details.sp-abstract, details.sp-bibtex, pre")
    assert "fast results" not in journal.get_text()
    # The site's search finds the list by words of its abstracts all the same.
    assert '"studi"' in (Path(built.outdir) / "searchindex.js").read_text("utf-8")
    paper = read_html(Path(built.outdir) / "publications/doe2021journal/index.html")
    abstract = paper.select_one("#abstract")
    assert "sp-abstract" in abstract["class"] and abstract["open"] == "open"
    assert "nodes and show fast results" in abstract.get_text()
    bibtex = paper.select_one("#bibtex")
    assert "sp-bibtex" in bibtex["class"] and bibtex["open"] == "open"
    code = bibtex.select_one("pre").get_text()
    assert code.startswith("@article{doe2021journal,")
    assert "doi = " in code
    for private in ("abstract", "selected", "abbr", "award", "pdf =", "code =", "keywords"):
        assert private not in code, private
    assert bibtex.select_one("a.sp-download")["href"] == "../doe2021journal.bib"
    # The file the list's script shows, beside the paper's page.
    download = (Path(built.outdir) / "publications/doe2021journal.bib").read_text("utf-8")
    assert download.strip() == code.strip()
    whole = (Path(built.outdir) / "publications.bib").read_text("utf-8")
    assert whole.count("@") == 5


def test_entries_without_abstract_or_shown_bibtex_have_no_such_link(built: SphinxTestApp) -> None:
    soup = page(built, "publications")
    thesis = [a.get_text() for a in entry(soup, "doe2019thesis").select("a.sp-reveal")]
    assert thesis == ["BibTeX"]


def test_list_entries_stay_light(built: SphinxTestApp) -> None:
    # At most 15 elements in an entry (its root included), as a browser parses the page:
    # thousands of entries stay a page a phone can show. Math in a title adds its own.
    soup = BeautifulSoup((Path(built.outdir) / "publications/index.html").read_bytes(), "lxml")
    sizes = {}
    for listed in soup.select("div.sp-pub"):
        maths = sum(1 + len(math.find_all(True)) for math in listed.find_all("math"))
        sizes[listed["id"]] = 1 + len(listed.find_all(True)) - maths
    assert len(sizes) == 5
    assert max(sizes.values()) <= 15, sizes
    # The script that shows the abstract and BibTeX in place: loaded once, from the site.
    scripts = [str(s["src"]) for s in soup.find_all("script", src=True) if "reveal" in s["src"]]
    assert len(scripts) == 1 and scripts[0].startswith("../_static/scholarpages-reveal.js")
    assert (Path(built.outdir) / "_static/scholarpages-reveal.js").is_file()
    paper = read_html(Path(built.outdir) / "publications/doe2021journal/index.html")
    assert not [s for s in paper.find_all("script", src=True) if "reveal" in s["src"]]


def test_directive_options_choose_order_group_and_limit(built: SphinxTestApp) -> None:
    lists = page(built, "filters").select(".sp-publications")
    chosen = [entries(found) for found in lists]
    assert chosen == [
        ["doe2024preprint"],  # :type: preprint
        ["doe2019thesis", "doe2021journal"],  # :years: 2019-2021, oldest first
        ["doe2021journal"],  # :keyword: language
        ["doe2023conference"],  # :author: Smith, A.
        ["doe2019thesis", "other2018"],  # keys in the content
        ["doe2021journal", "doe2023conference", "doe2024preprint", "doe2019thesis"],
    ]
    headings = [h.get_text(strip=True) for h in lists[-1].select(".sp-group")]
    assert headings == ["Journal articles", "Conference papers", "Preprints", "Theses"]
    assert {h.name for h in lists[-1].select(".sp-group")} == {"h3"}


def test_selected_entries_and_cite_roles_link_to_the_list(built: SphinxTestApp) -> None:
    home = page(built, "index")
    assert entries(home) == ["doe2024preprint", "doe2023conference", "doe2021journal"][1:]
    citations = {a.get_text(" ", strip=True): a["href"] for a in home.select(".bibtex-citation a")}
    assert citations["Doe et al. , 2021"] == "publications/#doe2021journal"
    assert citations["2023"] == "publications/#doe2023conference"


def test_links_to_a_listed_paper_are_cross_references(built: SphinxTestApp) -> None:
    research = page(built, "research")
    markers = {a["href"]: a.get_text() for a in research.select("a.sp-xref")}
    assert markers == {
        "../publications/doe2024preprint/": "[Doe et al., 2024]",
        "../publications/doe2021journal/": "[Doe et al., 2021]",
        "../publications/other2018/": "[Roe, 2018]",
    }
    originals = [a["href"] for a in research.select("a.sp-cites")]
    assert "https://arxiv.org/abs/2402.00002v1" in originals  # the link itself still works
    assert research.find("a", string="unrelated page")["href"] == "https://unrelated.example/"


def test_each_paper_has_a_page_with_scholar_tags_and_json_ld(built: SphinxTestApp) -> None:
    paper = read_html(Path(built.outdir) / "publications/doe2021journal/index.html")
    assert paper.title.get_text().startswith("Learning BERT Representations")

    def meta(name: str) -> list[str]:
        return [str(tag["content"]) for tag in paper.find_all("meta", attrs={"name": name})]

    assert meta("citation_title") == ["Learning BERT Representations for Schön–Ørsted O(n²) Graphs"]
    assert meta("citation_author") == ["Jane Q. Doe", "Hans Müller", "Lars Østergaard"]
    assert meta("citation_publication_date") == ["2021/03"]
    assert meta("citation_journal_title") == ["Journal of Machine Learning Research"]
    assert meta("citation_doi") == ["10.5555/jmlr.2021.1"]
    assert meta("citation_pdf_url") == ["https://jane.example/files/doe2021.pdf"]
    data = json.loads(paper.find("script", type="application/ld+json").string)
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"].startswith("Learning BERT")
    assert data["author"][0]["name"] == "Jane Q. Doe"
    assert data["sameAs"] == ["https://doi.org/10.5555/jmlr.2021.1"]
    assert paper.select_one("details.sp-abstract")["open"] == "open"
    referenced = [a["href"] for a in paper.select(".sp-cited-by a")]
    assert referenced == ["../../", "../../research/"]

    conference = read_html(Path(built.outdir) / "publications/doe2023conference/index.html")
    titles = conference.find_all("meta", attrs={"name": "citation_conference_title"})
    assert [tag["content"] for tag in titles] == [
        "Proceedings of the International Conference on Tests (ICT)"
    ]
    arxiv = conference.find("meta", attrs={"name": "citation_arxiv_id"})
    assert arxiv["content"] == "2301.00001"

    # Search results show a description: the abstract, or the citation when there is none.
    assert meta("description") == ["We study graphs with n nodes and show fast results."]
    thesis = read_html(Path(built.outdir) / "publications/doe2019thesis/index.html")
    described = thesis.find("meta", attrs={"name": "description"})["content"]
    assert described.startswith("Jane Q. Doe. PhD thesis") and described.endswith("2019")


@pytest.mark.sphinx("html", testroot="publications", freshenv=True)
def test_paper_pages_under_the_html_builder(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app.warning) == []
    outdir = Path(app.outdir)
    assert (outdir / "publications/doe2021journal.html").is_file()
    assert (outdir / "publications/doe2021journal.bib").is_file()
    listing = read_html(outdir / "publications.html")
    link = entry(listing, "doe2021journal").select_one(".sp-pub-title a")
    assert link["href"] == "publications/doe2021journal.html"


def _site_files(outdir: Path) -> dict[str, str]:
    files = html_files(outdir)
    files["sitemap.xml"] = (outdir / "sitemap.xml").read_text("utf-8")
    # Each entry's BibTeX is written with its page, by whichever process writes it.
    files.update((path.name, path.read_text("utf-8")) for path in outdir.rglob("*.bib"))
    return files


def _clean_build_with(
    make_app: Any,
    kwargs: dict[str, Any],
    builddir: Path,
    jobs: int,
    written: list[dict[int, int]] | None = None,
) -> dict[str, str]:
    """The files of a clean build with ``-j jobs``, which must give no warning; ``written``
    is given the paper pages each process wrote from the workers' queue."""
    settings = {**kwargs, "freshenv": True, "parallel": jobs, "builddir": builddir}
    app = make_app("dirhtml", **settings, verbosity=2)
    app.build()
    assert warning_lines(app.warning) == []
    files = _site_files(Path(app.outdir))
    if written is not None:
        written.append(paper_pages_by_process(app.status))
    app.cleanup()
    return files


# Enough paper pages for -j workers to be worth starting (fewer are written by one process).
_MANY = 80


def _add_entries(srcdir: Path, count: int = _MANY) -> None:
    bib = srcdir / "refs.bib"
    extra = "".join(
        f"\n@misc{{many{index},\n  author = {{Doe, Jane Q.}},\n"
        f"  title = {{Many Papers, Number {index}}},\n  year = {{2020}},\n}}\n"
        for index in range(count)
    )
    bib.write_text(bib.read_text("utf-8") + extra, encoding="utf-8")


@pytest.mark.sphinx(testroot="publications", copy_test_root=True)
def test_parallel_build_writes_the_same_site(make_app, app_params, tmp_path: Path) -> None:
    _, kwargs = app_params
    _add_entries(Path(kwargs["srcdir"]))
    outputs: list[dict[str, str]] = []
    written: list[dict[int, int]] = []
    for jobs in (1, 2):
        outputs.append(_clean_build_with(make_app, kwargs, tmp_path / f"j{jobs}", jobs, written))
    assert outputs[0].keys() == outputs[1].keys()
    assert outputs[0] == outputs[1]
    assert "publications/doe2021journal/" in outputs[1]["sitemap.xml"]
    assert "doe2021journal.bib" in outputs[1]
    # Without -j, Sphinx writes the paper pages; with -j 2 a worker process writes some.
    assert written[0] == {}
    assert sum(written[1].values()) == _MANY + 5
    assert written[1].keys() - {os.getpid()}


@pytest.mark.sphinx(testroot="publications", copy_test_root=True)
def test_paper_pages_wait_until_sphinx_has_prepared_its_pages(
    make_app, app_params, tmp_path: Path
) -> None:
    _, kwargs = app_params
    _add_entries(Path(kwargs["srcdir"]))
    expected = _clean_build_with(make_app, kwargs, tmp_path / "j1", 1)
    # A document resolved before Sphinx prepares its templates and global context (by an
    # extension, as writing starts) starts no workers: they would write pages without them.
    settings = {**kwargs, "freshenv": True, "parallel": 2, "builddir": tmp_path / "j2"}
    app = make_app("dirhtml", **settings)
    app.connect(
        "write-started", lambda app, builder: app.env.get_and_resolve_doctree("index", builder)
    )
    app.build()
    assert warning_lines(app.warning) == []
    assert _site_files(Path(app.outdir)) == expected
    app.cleanup()


@pytest.mark.sphinx(testroot="publications", copy_test_root=True)
def test_paper_pages_alone_are_written_by_this_process_and_workers(make_app, app_params) -> None:
    _, kwargs = app_params
    _add_entries(Path(kwargs["srcdir"]))
    outdir = clean_build(make_app, kwargs)
    expected = _site_files(outdir)
    for page in (outdir / "publications").glob("*/index.html"):
        page.unlink()
    # Sphinx has no document to write again: the paper pages are written when it asks for
    # extra pages, this process taking them a few at a time beside a worker.
    again = make_app("dirhtml", **{**kwargs, "freshenv": False, "parallel": 2}, verbosity=2)
    again.build()
    assert warning_lines(again.warning) == []
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    again.cleanup()
    written = paper_pages_by_process(again.status)
    assert sum(written.values()) == _MANY + 5
    assert written.get(os.getpid(), 0) >= 1
    assert _site_files(outdir) == expected


@pytest.mark.sphinx(testroot="publications", copy_test_root=True)
def test_paper_pages_where_processes_cannot_share_memory(
    make_app, app_params, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoSemaphores:
        """The operating system's semaphores, which shared memory needs, where making one
        fails (sem_open, in some sandboxes)."""

        SEM_VALUE_MAX = _multiprocessing.SemLock.SEM_VALUE_MAX

        def __init__(self, *args: object) -> None:
            raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(_multiprocessing, "SemLock", NoSemaphores)
    _, kwargs = app_params
    _add_entries(Path(kwargs["srcdir"]))
    written: list[dict[int, int]] = []
    outputs = [
        _clean_build_with(make_app, kwargs, tmp_path / f"j{jobs}", jobs, written) for jobs in (1, 2)
    ]
    assert "doe2021journal.bib" in outputs[1]
    assert outputs[0] == outputs[1]
    # Sphinx wrote the paper pages, in this process: no workers were started.
    assert written == [{}, {}]


def test_atom_feed_lists_entries_newest_first_and_is_linked(built: SphinxTestApp) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(Path(built.outdir) / "publications.atom").getroot()
    items = feed.findall(f"{atom}entry")
    ids = [item.findtext(f"{atom}id") for item in items]
    assert ids == [
        "https://jane.example/publications/doe2024preprint/",
        "https://jane.example/publications/doe2023conference/",
        "https://jane.example/publications/doe2021journal/",
        "https://jane.example/publications/doe2019thesis/",
        "https://jane.example/publications/other2018/",
    ]
    journal = items[2]
    assert journal.findtext(f"{atom}title").startswith("Learning BERT Representations")
    authors = [a.findtext(f"{atom}name") for a in journal.findall(f"{atom}author")]
    assert authors == ["Jane Q. Doe", "Hans Müller", "Lars Østergaard"]
    assert journal.findtext(f"{atom}updated").startswith("2021-03-01")
    assert feed.findtext(f"{atom}updated").startswith("2024-01-01")  # from the data, not a clock
    for name in ("index", "research", "publications"):
        link = page(built, name).find("link", attrs={"type": "application/atom+xml"})
        assert link is not None, name
    assert page(built, "research").find("link", type="application/atom+xml")["href"] == (
        "../publications.atom"
    )


@pytest.mark.sphinx("dirhtml", testroot="publications", confoverrides={"scholarpages_feed_size": 2})
def test_atom_feed_holds_the_newest_entries(app: SphinxTestApp) -> None:
    app.build()
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(Path(app.outdir) / "publications.atom").getroot()
    ids = [item.findtext(f"{atom}id") for item in feed.findall(f"{atom}entry")]
    assert ids == [
        "https://jane.example/publications/doe2024preprint/",
        "https://jane.example/publications/doe2023conference/",
    ]


def test_preview_thumbnail_from_the_site(built: SphinxTestApp) -> None:
    conference = entry(page(built, "publications"), "doe2023conference")
    image = conference.select_one("img.sp-pub-preview")
    assert image["alt"] == ""
    assert (Path(built.outdir) / "publications" / image["src"]).resolve().is_file()


def test_paper_page_with_math_loads_no_script_for_it(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    paper = read_html(outdir / "publications/doe2021journal/index.html")
    assert paper.select_one(".sp-paper math")  # $O(n^2)$ in its title, as MathML
    assert not any("mathjax" in str(s.get("src", "")).lower() for s in paper.find_all("script"))


def test_old_urls_of_a_paper_redirect_to_its_page(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    assert stub_target(outdir / "publication/2021-doe-journal/index.html") == (
        "../../publications/doe2021journal/"
    )
    assert stub_target(outdir / "old/doe.html") == "../publications/doe2021journal/"
    paper = read_html(outdir / "publications/doe2021journal/index.html")
    assert "redirect_from" not in paper.select_one("#bibtex pre").get_text()


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_formats_build_with_entries_and_no_warnings(
    make_app, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    # Lists are filled when their page is written: for formats without URLs, with nodes.
    app = make_app(
        builder, srcdir=rootdir / "test-publications", builddir=tmp_path / "build", freshenv=True
    )
    app.build()
    assert warning_lines(app.warning) == []
    written = "".join(
        path.read_text("utf-8")
        for path in Path(app.outdir).rglob("*")
        if path.suffix in {".txt", ".tex"}
    )
    app.cleanup()
    if builder == "text":
        assert "A Conference Paper with Slides" in written
        # No paper pages to link to: the list holds the abstracts and BibTeX.
        assert "@article{doe2021journal," in written
        assert "nodes and show fast results" in written
    else:
        assert "\\begin{document}" in written
