"""In a real browser: an entry's abstract and BibTeX open in place (or, without JavaScript,
on the paper's page), and a link on the Research page leads to the paper it cites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser_support import (
    find_chromium,
    launch_chromium,
    open_and_settle,
    serve_directory,
    sphinx_build,
)

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent


def _build(source: Path, outdir: Path) -> Path:
    find_chromium()  # skip before spending time on a build
    sphinx_build(source, outdir, "-q", "-W", "--keep-going")
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
        assert entry.locator("pre").count() == 0  # not in the list until asked for
        bibtex = entry.locator("a.sp-reveal-bibtex")
        bibtex.click()
        code = entry.locator(".sp-revealed-bibtex pre")
        code.wait_for(state="visible")
        assert "@article{leavitt2017correlated," in code.inner_text()
        assert "doi = " in code.inner_text()
        assert bibtex.get_attribute("aria-expanded") == "true"
        # Opening it did not load another page.
        assert page.evaluate("window.__still_here") is True
        assert page.url == f"{base}/publications/"
        # A second click hides it again.
        bibtex.click()
        assert not code.is_visible()
        assert bibtex.get_attribute("aria-expanded") == "false"
        button = entry.locator("a.sp-button-doi")
        assert button.get_attribute("href") == "https://doi.org/10.1073/pnas.1619949114"


def test_abstract_and_bibtex_open_in_place_from_the_keyboard(test_root_site: Path) -> None:
    with serve_directory(test_root_site) as base, launch_chromium() as browser:
        page = browser.new_page()
        open_and_settle(page, f"{base}/publications/")
        entry = page.locator("#doe2021journal")
        entry.locator("a.sp-reveal-abstract").focus()
        page.keyboard.press("Enter")
        abstract = entry.locator(".sp-revealed-abstract p")
        abstract.wait_for(state="visible")
        assert abstract.text_content() == "We study graphs with n nodes and show fast results."
        # Its math is kept as the paper's page shows it, without any attribute it had.
        assert abstract.locator("math mi").count() == 1
        page.keyboard.press("Tab")  # to the BibTeX link, next in the entry
        page.keyboard.press("Enter")
        code = entry.locator(".sp-revealed-bibtex pre")
        code.wait_for(state="visible")
        assert code.inner_text().startswith("@article{doe2021journal,")
        assert code.locator("*").count() == 0  # plain text
        assert page.url == f"{base}/publications/"
        # The abstract stays above the BibTeX, whichever was opened first.
        order = entry.evaluate(
            "node => Array.from(node.querySelectorAll('.sp-revealed'), n => n.className)"
        )
        assert order == ["sp-revealed sp-revealed-abstract", "sp-revealed sp-revealed-bibtex"]


def test_without_javascript_the_links_lead_to_the_paper_page(test_root_site: Path) -> None:
    with serve_directory(test_root_site) as base, launch_chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        for label, anchor, text in (
            ("Abstract", "abstract", "fast results"),
            ("BibTeX", "bibtex", "@article{doe2021journal,"),
        ):
            page.goto(f"{base}/publications/")
            page.locator("#doe2021journal").get_by_role("link", name=label).click()
            page.wait_for_url(f"{base}/publications/doe2021journal/#{anchor}")
            shown = page.locator(f"#{anchor}")
            assert shown.is_visible()
            assert text in shown.inner_text()
        context.close()


HOSTILE = '<img src=x onerror="window.__ran = 1"> & <b>bold</b>'


def test_what_is_shown_in_place_is_text(tmp_path: Path) -> None:
    # Markup in a .bib reaches the page as the text it is, in the list as on the paper page.
    source = tmp_path / "src"
    shutil.copytree(REPO / "tests/roots/test-publications", source)
    bib = source / "refs.bib"
    text = bib.read_text("utf-8")
    text = text.replace("show \\emph{fast} results.", f"show {HOSTILE} results.")
    bib.write_text(text.replace("{BERT} Representations", "{BERT} <script>x</script>"), "utf-8")
    site = _build(source, tmp_path / "site")
    with serve_directory(site) as base, launch_chromium() as browser:
        page = browser.new_page()
        open_and_settle(page, f"{base}/publications/")
        entry = page.locator("#doe2021journal")
        entry.locator("a.sp-reveal-abstract").click()
        entry.locator("a.sp-reveal-bibtex").click()
        code = entry.locator(".sp-revealed-bibtex pre")
        code.wait_for(state="visible")
        abstract = entry.locator(".sp-revealed-abstract p")
        assert HOSTILE in abstract.text_content()
        assert "<script>x</script>" in code.text_content()
        assert entry.locator(".sp-revealed img, .sp-revealed b, .sp-revealed script").count() == 0
        assert page.evaluate("window.__ran") is None


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
