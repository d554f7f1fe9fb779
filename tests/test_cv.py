"""The CV: a page and its PDF from one data file (JSON Resume) and publications.bib."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typst
from pypdf import PdfReader

from helpers import clean_build, read_html, replace_in_file, warning_lines

SECTIONS = [
    "Experience",
    "Volunteering",
    "Education",
    "Awards",
    "Grants",
    "Service",
    "Certificates",
    "Publications",
    "Talks",
    "Skills",
    "Languages",
    "Interests",
    "References",
    "Projects",
    "Teaching",
    "Hobbies",
]
PAPERS = ["A Journal Paper on Café Models", "A Conference Paper", "A Preprint about O(n²) Things"]


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def pdf_links(path: Path) -> set[str]:
    return {
        str(annotation.get_object()["/A"]["/URI"])
        for page in PdfReader(path).pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }


@pytest.mark.sphinx("dirhtml", testroot="cv", freshenv=True)
def test_cv_page_has_a_section_per_part_of_the_data_and_reports_bad_data(app) -> None:
    app.build()
    outdir = Path(app.outdir)
    page = read_html(outdir / "cv/index.html")
    article = page.find("article")
    assert [h.get_text(strip=True).rstrip("#") for h in article.find_all("h2")] == SECTIONS
    # Sections are headings, so the page's table of contents lists them.
    assert [a.get_text(strip=True) for a in page.select(".page-toc a")] == SECTIONS
    text = article.get_text(" ", strip=True)
    for expected in (
        "Jane Q. Doe",
        "Assistant Professor",
        "September 2021 – present",
        "Leads the Example Lab",
        "PhD, Computer Science",
        "2015 – 2020",
        "summa cum laude",
        "Five years of funding.",
        "Program Committee",
        "Introduction to Examples",
        "A Talk on Testing",  # from the site's talks/ folder
        # Bad data is shown as written, never dropped silently.
        "sometime in 2019 – August 2021",
        "Undated Corp",
        "favouriteColour",
        "Chess",
    ):
        assert expected in text, expected
    # Text is text: the data file's markup is escaped.
    assert "<b>counterexamples</b>" in text
    assert article.find("b") is None
    hrefs = [a["href"] for a in article.find_all("a", href=True)]
    assert not [href for href in hrefs if href.startswith("javascript")]
    assert "https://example.edu/" in hrefs
    assert "../cv.pdf" in hrefs
    # Publications come from the .bib, grouped by type, the owner highlighted.
    publications = article.select_one("section#publications")
    titles = [p.get_text("", strip=True) for p in publications.select(".sp-pub-title")]
    # Math as the characters MathML shows, where Unicode has them.
    assert titles == [*PAPERS[:2], "A Preprint about 𝑂(𝑛²) Things"]
    assert [g.get_text() for g in publications.select(".sp-group")] == [
        "Journal articles",
        "Conference papers",
        "Preprints",
    ]
    assert {s.get_text() for s in publications.select(".sp-owner")} == {"Jane Q. Doe"}
    assert "A paper listed by hand" not in text
    # The author card's cv link leads to the PDF.
    home = read_html(outdir / "index.html")
    assert "cv.pdf" in [a["href"] for a in home.select("a[href]")]

    source = Path(app.srcdir) / "cv.yaml"
    warnings = warning_lines(app.warning)
    expected_warnings = {
        16: "cv.link",
        26: "cv.date",
        28: "cv.date",
        61: "cv.publications",
        78: "cv.key",
        84: "cv.key",
    }
    for line, subtype in expected_warnings.items():
        assert any(
            f"{source}:{line}: WARNING" in w and f"[scholarpages.{subtype}]" in w for w in warnings
        ), (line, subtype, warnings)
    assert len(warnings) == len(expected_warnings), warnings


@pytest.mark.sphinx("dirhtml", testroot="cv", freshenv=True)
def test_cv_pdf_lists_every_publication_and_section_with_working_links(app) -> None:
    app.build()
    pdf = Path(app.outdir) / "cv.pdf"
    text = pdf_text(pdf)
    for expected in [*SECTIONS, *PAPERS, "Jane Q. Doe", "A Talk on Testing", "Richard Roe"]:
        assert expected in text, expected
    links = pdf_links(pdf)
    assert {
        "mailto:jane@example.org",
        "https://github.com/janedoe",
        "https://example.edu/",
        "https://doi.org/10.1234/jex.2020",
        "https://arxiv.org/abs/2401.00001",
        "https://example.org/conf2022",
    } <= links
    assert not [link for link in links if not link.startswith(("https:", "mailto:"))]


@pytest.mark.sphinx("dirhtml", testroot="cv", copy_test_root=True)
def test_cv_pdf_is_the_same_bytes_in_two_clean_builds(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, kwargs = app_params
    build = Path(kwargs["srcdir"]) / "_build"
    first = (clean_build(make_app, kwargs) / "cv.pdf").read_bytes()
    shutil.rmtree(build)
    second = (clean_build(make_app, kwargs) / "cv.pdf").read_bytes()
    assert first == second
    assert b"20231114" in first  # the PDF's date is SOURCE_DATE_EPOCH's


@pytest.mark.sphinx("dirhtml", testroot="cv", copy_test_root=True)
def test_cv_pdf_is_written_again_only_when_its_inputs_change(
    make_app, app_params, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, kwargs = app_params
    source = Path(kwargs["srcdir"])
    pdf = clean_build(make_app, kwargs) / "cv.pdf"
    written = pdf.stat().st_mtime_ns

    # A rebuild with nothing changed does not typeset anything.
    with monkeypatch.context() as patch:

        def no_typesetting(*args: object, **kwargs: object) -> bytes:
            raise AssertionError("Typst was called")

        patch.setattr(typst, "compile", no_typesetting)
        make_app("dirhtml", **kwargs).build()
    assert pdf.stat().st_mtime_ns == written

    replace_in_file(source / "cv.yaml", "Leads the Example Lab", "Leads the Sample Lab")
    make_app("dirhtml", **kwargs).build()
    assert "Leads the Sample Lab" in pdf_text(pdf)
    written = pdf.stat().st_mtime_ns

    replace_in_file(source / "refs.bib", "A Conference Paper", "A Renamed Conference Paper")
    make_app("dirhtml", **kwargs).build()
    assert pdf.stat().st_mtime_ns != written
    assert "A Renamed Conference Paper" in pdf_text(pdf)


@pytest.mark.sphinx("dirhtml", testroot="cv", copy_test_root=True)
def test_adding_or_removing_the_cv_page_updates_the_cards_and_the_pdf(make_app, app_params) -> None:
    _, kwargs = app_params
    source = Path(kwargs["srcdir"])
    page = (source / "cv.md").read_text("utf-8")
    (source / "cv.md").unlink()
    outdir = clean_build(make_app, kwargs)

    def card_links() -> list[str]:
        return [a["href"] for a in read_html(outdir / "index.html").select("a[href]")]

    assert "cv.pdf" not in card_links()
    (source / "cv.md").write_text(page, encoding="utf-8")
    make_app("dirhtml", **kwargs).build()
    assert "cv.pdf" in card_links()
    assert (outdir / "cv.pdf").is_file()
    (source / "cv.md").unlink()
    make_app("dirhtml", **kwargs).build()
    assert "cv.pdf" not in card_links()
    assert not (outdir / "cv.pdf").exists()  # as in a clean build
