"""Importing an academicpages site: every page, item and URL comes across, and it builds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from jekyll_variations import COUNTS, write_variations

from scholarpages.frontmatter.urls import site_path
from scholarpages.importer import DestinationNotEmptyError, import_site
from scholarpages.importer.cli import main

from browser_support import find_chromium, launch_chromium, open_and_settle, serve_directory
from helpers import read_html

TEMPLATE = Path(__file__).resolve().parents[2] / "shared/fixtures/academicpages-template"


def build(project: Path, builder: str = "dirhtml") -> tuple[Path, list[str]]:
    outdir = project / "_build" / builder
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "--keep-going", "-b", builder, "docs", str(outdir)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return outdir, [line for line in result.stderr.splitlines() if "WARNING" in line]


def follow(outdir: Path, url: str) -> Path:
    """The file a static host shows for ``url``, after following redirect stubs."""
    static = outdir / unquote(url).lstrip("/")
    if static.is_file() and static.suffix not in {".html", ".htm"}:
        return static
    file = outdir / site_path(url).file
    for _ in range(5):
        assert file.is_file(), f"{url}: {file} does not exist"
        script = read_html(file).find("script", attrs={"data-target": True})
        target = script["data-target"] if script else None
        if target is None:
            return file
        assert not str(target).startswith("http"), f"{url} leaves the site: {target}"
        file = (file.parent / unquote(str(target))).resolve()
        if str(target).endswith("/") or file.is_dir():
            file = file / "index.html"
    raise AssertionError(f"{url}: redirect loop")


def title_of(file: Path) -> str:
    heading = read_html(file).find("h1")
    assert heading is not None, file
    for marker in heading.select("a.headerlink"):
        marker.decompose()
    return heading.get_text(strip=True)


@pytest.fixture(scope="module")
def variations(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list, object]:
    root = tmp_path_factory.mktemp("jekyll")
    urls = write_variations(root)
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    dest = tmp_path_factory.mktemp("imported")
    report = import_site(root, dest)
    after = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    assert before == after, "the Jekyll site was modified"
    return root, dest, urls, report


def test_every_variation_is_reported_by_file(variations) -> None:
    _, _, _, report = variations
    looks = "\n".join(f"{path}: {why}" for path, why in report.review)
    skips = "\n".join(f"{path}: {why}" for path, why in report.skipped)
    settled = "\n".join(f"{item.path}: {item.detail}" for item in report.settled)
    assert "_pages/nospace.md: front matter needed a space after a colon" in looks
    assert "_pages/badyaml.md: front matter is not valid YAML" in looks
    assert "_pages/commented.md: its front matter is commented out" in looks
    assert "_pages/same-b.md: permalink '/same/' is also claimed by _pages/same-a.md" in settled
    assert "_pages/full.html: a complete HTML document" in settled
    assert "_pages/hidden.md: published: false" in skips
    assert "_talks/2014-unpublished.md: published: false" in skips
    assert "_posts/2199-01-01-future-post.md: dated 2199-01-01, in the future" in skips


def test_counts_survive_the_round_trip(variations) -> None:
    _, dest, _, report = variations
    for kind, count in COUNTS.items():
        assert report.counts[kind] == (count, count), kind
    assert report.complete
    bib = (dest / "publications.bib").read_text("utf-8")
    assert "other2020" in bib  # a .bib file of the site comes across as it is
    text = (dest / "IMPORT_REPORT.md").read_text("utf-8")
    assert "- talks: 2 → 2 (ok)" in text


def test_imported_site_builds_and_serves_every_old_url(variations) -> None:
    _, dest, urls, report = variations
    for builder in ("dirhtml", "html"):
        outdir, warnings = build(dest, builder)
        assert warnings == [], warnings
        for url, title in urls:
            landing = follow(outdir, url)
            if title:  # a page: it is the right one
                assert title_of(landing) == title, (builder, url)
    assert report.counts


def test_publications_become_entries_with_their_old_urls(variations) -> None:
    _, dest, _, _ = variations
    bib = (dest / "publications.bib").read_text("utf-8")
    entry = bib[bib.index("@article{2009-10-01-paper-title-number-1") :].split("\n}\n")[0]
    for field in (
        'journal = "Journal 1"',
        'pdf = "/files/paper1.pdf"',  # the old host's own file, now within the site
        'abstract = "About the number 1."',
        'redirect_from = "/publication/2009-10-01-paper-title-number-1"',
        'year = "2009"',
        "page_text = ",
    ):
        assert field in entry, field
    assert 'author = "Example, Ada"' in entry
    assert "@inproceedings{2015-conference" in bib


def test_generated_project_files(variations) -> None:
    _, dest, _, _ = variations
    conf = (dest / "docs/conf.py").read_text("utf-8")
    assert "html_baseurl = 'https://ada.example/'" in conf
    assert "'Publications', '/publications/'" in conf
    assert (dest / ".readthedocs.yaml").is_file()
    assert (dest / "pyproject.toml").is_file()
    assert (dest / "ext/scholarpages/__init__.py").is_file()
    assert (dest / "docs/files/cv.pdf").is_file()


def test_refuses_a_non_empty_destination(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_variations(root)
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DestinationNotEmptyError):
        import_site(root, dest)
    assert main(["import-jekyll", str(root), str(dest)]) == 2
    assert main(["import-jekyll", str(root), str(dest), "--force"]) == 0
    assert (dest / "keep.txt").read_text("utf-8") == "mine"


@pytest.mark.skipif(
    not TEMPLATE.is_dir(), reason="the academicpages fixture is not beside the repo"
)
def test_template_imports_and_builds_with_only_reported_warnings(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    report = import_site(TEMPLATE, dest)
    assert report.complete
    _, warnings = build(dest)
    reported = "\n".join(why for _, why in report.review)
    for warning in warnings:
        links = re.findall(r"'(/[^']+)'|(images/[\w.-]+)", warning)
        target = next((a or b for a, b in links), None)
        assert target is not None and target.lstrip("/") in reported, warning


@pytest.mark.browser
def test_every_old_url_opens_its_page_in_chromium(variations) -> None:
    find_chromium()
    _, dest, urls, _ = variations
    outdir, warnings = build(dest, "dirhtml")
    assert warnings == [], warnings
    failures = []
    with serve_directory(outdir) as base, launch_chromium() as browser:
        page = browser.new_page()
        for url, title in urls:
            landing = open_and_settle(page, base + url)
            if not landing.settled:
                failures.append(f"{url}: {landing.describe()}")
            elif title and [text.rstrip("#¶").strip() for text in landing.h1] != [title]:
                failures.append(f"{url}: expected {title!r}, got {landing.describe()}")
    assert failures == [], "\n".join(failures)
