"""publications.bib drives the lists, the paper pages and the cross-references."""

from __future__ import annotations

import json
import multiprocessing
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp
from sphinx.util.build_phase import BuildPhase
from sphinx.util.docutils import new_document

import scholarpages.publications.paper_writing as paper_writing
from scholarpages.build_state import state_of

from helpers import clean_build, html_files, read_html, stub_target, warning_lines


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    uri = app.builder.get_target_uri(name)
    file = f"{uri}index.html" if uri == "" or uri.endswith("/") else uri
    return read_html(Path(app.outdir) / file)


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
    # Math is MathML, made when the site is built.
    assert title.select_one("math msup").get_text() == "n2"
    assert title.select_one("math").get_text() == "O(n2)"
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
    journal = entry(page(built, "publications"), "doe2021journal")
    abstract = journal.select_one("details.sp-abstract")
    assert abstract.summary.get_text() == "Abstract"
    assert "open" not in abstract.attrs
    assert "nodes and show fast results" in abstract.get_text()
    bibtex = journal.select_one("details.sp-bibtex")
    code = bibtex.select_one("pre").get_text()
    assert code.startswith("@article{doe2021journal,")
    assert "doi = " in code
    for private in ("abstract", "selected", "abbr", "award", "pdf =", "code =", "keywords"):
        assert private not in code, private
    assert bibtex.select_one("a.sp-download")["href"] == "doe2021journal.bib"
    download = (Path(built.outdir) / "publications/doe2021journal.bib").read_text("utf-8")
    assert download.strip() == code.strip()
    whole = (Path(built.outdir) / "publications.bib").read_text("utf-8")
    assert whole.count("@") == 5


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


class _PagesWrittenHere:
    """The pages handle_page writes in this process; workers record in their own copy."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        handle_page = StandaloneHTMLBuilder.handle_page

        def recording(builder, pagename, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.names.append(pagename)
            return handle_page(builder, pagename, *args, **kwargs)

        monkeypatch.setattr(StandaloneHTMLBuilder, "handle_page", recording)

    def papers(self) -> int:
        return sum(name.startswith("publications/") for name in self.names)


def _site_files(outdir: Path) -> dict[str, str]:
    files = html_files(outdir)
    files["sitemap.xml"] = (outdir / "sitemap.xml").read_text("utf-8")
    # Each entry's BibTeX is written with its page, by whichever process writes it.
    files.update((path.name, path.read_text("utf-8")) for path in outdir.rglob("*.bib"))
    return files


def _clean_build_with(
    make_app: Any, kwargs: dict[str, Any], builddir: Path, jobs: int
) -> dict[str, str]:
    """The files of a clean build with ``-j jobs``, which must give no warning."""
    settings = {**kwargs, "freshenv": True, "parallel": jobs, "builddir": builddir}
    app = make_app("dirhtml", **settings)
    app.build()
    assert warning_lines(app.warning) == []
    files = _site_files(Path(app.outdir))
    app.cleanup()
    return files


@pytest.mark.sphinx(testroot="publications", copy_test_root=True)
def test_parallel_build_writes_the_same_site(
    make_app, app_params, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Paper pages are written by the -j workers however few there are.
    monkeypatch.setattr(paper_writing, "_PARALLEL_MINIMUM", 1)
    started: list[tuple[int, list[str]]] = []
    start_workers = paper_writing._start_workers

    def recording(app, pages):  # type: ignore[no-untyped-def]
        started.append((len(pages), list(written_here.names)))
        return start_workers(app, pages)

    monkeypatch.setattr(paper_writing, "_start_workers", recording)
    written_here = _PagesWrittenHere(monkeypatch)
    _, kwargs = app_params
    outputs = []
    for jobs in (1, 2):
        written_here.names.clear()
        outputs.append(_clean_build_with(make_app, kwargs, tmp_path / f"j{jobs}", jobs))
    assert outputs[0].keys() == outputs[1].keys()
    assert outputs[0] == outputs[1]
    assert "publications/doe2021journal/" in outputs[1]["sitemap.xml"]
    assert "doe2021journal.bib" in outputs[1]
    # With -j 2 a worker is set writing the five paper pages before Sphinx has written any
    # page of its own.
    assert started == [(5, [])]


@pytest.mark.sphinx("dirhtml", testroot="publications", parallel=2)
def test_paper_pages_wait_until_sphinx_has_prepared_its_pages(app: SphinxTestApp) -> None:
    # A document resolved before Sphinx prepares its templates and global context (by an
    # extension checking the environment, say) starts no workers.
    app.builder.phase = BuildPhase.RESOLVING
    paper_writing.start_paper_pages(app, new_document("index"), "index")
    assert state_of(app).paper_plan is None
    app.build()
    assert warning_lines(app.warning) == []
    assert (Path(app.outdir) / "publications/doe2021journal/index.html").is_file()


@pytest.mark.sphinx(testroot="publications", copy_test_root=True)
def test_paper_pages_alone_are_written_by_this_process_and_workers(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paper_writing, "_PARALLEL_MINIMUM", 1)
    monkeypatch.setattr(paper_writing, "_BATCH", 1)
    _, kwargs = app_params
    outdir = clean_build(make_app, kwargs)
    expected = _site_files(outdir)
    for page in (outdir / "publications").glob("*/index.html"):
        page.unlink()
    # Sphinx has no document to write again: the paper pages are written when it asks for
    # extra pages, this process taking them one by one beside a worker.
    written_here = _PagesWrittenHere(monkeypatch)
    again = make_app("dirhtml", **{**kwargs, "freshenv": False, "parallel": 2})
    again.build()
    assert warning_lines(again.warning) == []
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    again.cleanup()
    assert 1 <= written_here.papers() <= 5
    assert _site_files(outdir) == expected


@pytest.mark.sphinx(testroot="publications", copy_test_root=True)
def test_paper_pages_where_processes_cannot_share_memory(
    make_app, app_params, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paper_writing, "_PARALLEL_MINIMUM", 1)

    def no_shared_memory(pages: object) -> None:
        raise OSError("[Errno 38] Function not implemented")  # sem_open, in some sandboxes

    monkeypatch.setattr(paper_writing, "_PageQueue", no_shared_memory)
    _, kwargs = app_params
    outputs = [_clean_build_with(make_app, kwargs, tmp_path / f"j{jobs}", jobs) for jobs in (1, 2)]
    assert "doe2021journal.bib" in outputs[1]
    assert outputs[0] == outputs[1]


def test_page_queue_hands_each_page_to_one_process() -> None:
    pages = [(None, f"publications/paper{number}", []) for number in range(100)]
    queue = paper_writing._PageQueue(pages)  # type: ignore[arg-type]
    fork = multiprocessing.get_context("fork")

    def take_all() -> list[str]:
        taken = []
        while batch := queue.take():
            taken += [pagename for _, pagename, _ in batch]
            time.sleep(0.001)  # the processes take turns
        return taken

    def in_worker(send: Connection) -> None:
        send.send(take_all())

    receivers, workers = [], []
    for _ in range(2):
        receive, send = fork.Pipe(duplex=False)
        worker = fork.Process(target=in_worker, args=(send,))
        worker.start()
        receivers.append(receive)
        workers.append(worker)
    taken = [take_all(), *(receive.recv() for receive in receivers)]
    for worker in workers:
        worker.join()
    everything = [pagename for share in taken for pagename in share]
    assert sorted(everything) == sorted(pagename for _, pagename, _ in pages)


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
    bibtex = entry(page(built, "publications"), "doe2021journal").select_one("pre").get_text()
    assert "redirect_from" not in bibtex


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
        assert "Download .bib" in written
    else:
        assert "\\begin{document}" in written
