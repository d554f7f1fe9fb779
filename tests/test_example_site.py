"""The example site in docs/ is a test of its own: it builds with -W --keep-going -n."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import headings, read_html, stub_target

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module", params=["dirhtml", "html"])
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    builder = request.param
    outdir = tmp_path_factory.mktemp(builder)
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-b", builder]
    result = subprocess.run(
        [*command, "-d", str(outdir / ".doctrees"), "docs", str(outdir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


def test_about_and_research_pages(built_site: Path) -> None:
    about = read_html(built_site / "index.html")
    assert headings(about, "h1") == ["About me"]
    assert about.find("meta", attrs={"name": "description"})["content"] == "About me"
    text = about.get_text()
    assert "Single-unit_recording" not in str(about)  # commented out in the source
    assert "library for self-supervised learning" in text
    images = [a["href"] for a in about.select("a[href*='images/']")]
    assert len(images) == 3
    for href in images:
        assert not href.startswith("/"), href
        assert (built_site / href).is_file(), href


def test_claimed_urls_resolve(built_site: Path) -> None:
    research_is_file = (built_site / "research.html").is_file()
    if research_is_file:  # html builder: /research/ is a stub to research.html
        assert stub_target(built_site / "research/index.html") == "../research.html"
    else:
        assert headings(read_html(built_site / "research/index.html"), "h1") == ["Research"]
    about_target = "../index.html" if research_is_file else "../"
    assert stub_target(built_site / "about/index.html") == about_target
    assert (built_site / "about.html").is_file()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages live outside this repository")
def test_seed_pages_are_carried_unmodified() -> None:
    assert (REPO / "docs/index.md").read_bytes() == (
        SEEDS / "000_c2222666da8a9cd0.txt"
    ).read_bytes()
    assert (REPO / "docs/research.md").read_bytes() == (
        SEEDS / "004_43cb7c7afdd5df2d.txt"
    ).read_bytes()


def test_works_of_others_are_not_listed_as_the_owners(built_site: Path) -> None:
    # references.bib holds the "straightforward recipe" the Research page links to, by others;
    # the papers the page calls "my research" stay publications, with pages of their own.
    listing = built_site / "publications.html"  # html; dirhtml writes a folder's index
    if not listing.is_file():
        listing = built_site / "publications" / "index.html"
    listed = read_html(listing).get_text()
    feed = (built_site / "publications.atom").read_text("utf-8")
    assert not list(built_site.glob("publications/hestness2017deep*"))
    assert "Hestness" not in listed and "Hestness" not in feed
    assert list(built_site.glob("publications/scarvelis2024orient*"))
    assert "Scarvelis" in listed and "Leavitt" in listed


def test_cv_page_and_pdf(built_site: Path) -> None:
    """The CV lists every entry of publications.bib, on the page and in its PDF."""
    page_file = built_site / ("cv.html" if (built_site / "cv.html").is_file() else "cv/index.html")
    page = read_html(page_file)
    assert headings(page, "h1") == ["CV"]
    assert "Publications" in headings(page, "h2")
    listed = page.select("section#publications .sp-pub-title")
    publications_file = (
        "publications.html" if page_file.name == "cv.html" else "publications/index.html"
    )
    every_entry = read_html(built_site / publications_file).select(".sp-pub-title")
    assert sorted(t.get_text() for t in listed) == sorted(t.get_text() for t in every_entry)
    assert len(listed) == 13
    pdf = built_site / "cv.pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Matthew L. Leavitt" in text
    assert "Symmetry-Robust 3D Orientation Estimation" in text
    assert "Closed-Form Diffusion Models" in text
    # The navbar and the author card lead to the page and the PDF.
    home = read_html(built_site / "index.html")
    hrefs = [a["href"] for a in home.select("a[href]")]
    assert "cv.pdf" in hrefs
    assert any(href.rstrip("/").endswith("cv") or href == "cv.html" for href in hrefs)
