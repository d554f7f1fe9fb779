"""In a real browser: an entry's abstract and BibTeX open in place, and a link on the
Research page leads to the paper it cites."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import find_chromium, launch_chromium, open_and_settle, serve_directory

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent


def _build(source: Path, outdir: Path) -> Path:
    find_chromium()  # skip before spending time on a build
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "dirhtml"]
    result = subprocess.run(
        [*command, str(source), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return outdir


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(REPO / "docs", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def test_root_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(REPO / "tests/roots/test-publications", tmp_path_factory.mktemp("root"))


def test_abstract_and_bibtex_open_without_reloading(site: Path) -> None:
    with serve_directory(site) as base, launch_chromium() as browser:
        page = browser.new_page()
        open_and_settle(page, f"{base}/publications/")
        page.evaluate("window.__still_here = true")
        entry = page.locator("#leavitt2017correlated")
        bibtex = entry.locator("details.sp-bibtex")
        assert bibtex.evaluate("node => node.open") is False
        assert not entry.locator("details.sp-bibtex pre").is_visible()
        bibtex.locator("summary").click()
        code = entry.locator("details.sp-bibtex pre")
        code.wait_for(state="visible")
        assert "@article{leavitt2017correlated," in code.inner_text()
        assert "doi = " in code.inner_text()
        # Opening it did not load another page.
        assert page.evaluate("window.__still_here") is True
        button = entry.locator("a.sp-button-doi")
        assert button.get_attribute("href") == "https://doi.org/10.1073/pnas.1619949114"


def test_abstract_opens_in_place(test_root_site: Path) -> None:
    with serve_directory(test_root_site) as base, launch_chromium() as browser:
        page = browser.new_page()
        open_and_settle(page, f"{base}/publications/")
        abstract = page.locator("#doe2021journal details.sp-abstract")
        text = abstract.locator("p").first
        assert not text.is_visible()
        abstract.locator("summary").click()
        text.wait_for(state="visible")
        assert "fast results" in text.inner_text()
        assert page.url == f"{base}/publications/"


def test_research_link_leads_to_the_cited_paper(site: Path) -> None:
    with serve_directory(site) as base, launch_chromium() as browser:
        page = browser.new_page()
        open_and_settle(page, f"{base}/research/")
        original = page.get_by_role("link", name="3D orienter")
        assert original.get_attribute("href") == "https://arxiv.org/abs/2410.02101"
        # The first marker: the "straightforward recipe" before it is a work by others
        # (references.bib), which gets no marker.
        marker = page.locator("a.sp-xref").first
        assert "Scarvelis" in marker.inner_text()
        assert "Hestness" not in page.locator("main").inner_text().split("3D orienter")[0]
        marker.click()
        page.wait_for_url(f"{base}/publications/scarvelis2024orient/")
        heading = page.locator("h1").first.inner_text()
        assert "Symmetry-Robust 3D Orientation Estimation" in heading
        referrers = page.locator(".sp-cited-by a")
        assert "Research" in referrers.all_inner_texts()
