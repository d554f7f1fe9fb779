"""What the build keeps between builds is keyed by the code that made it, not by a number."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import scholarpages
from scholarpages.code_version import code_version, source_digest

from helpers import read_html

ROOTS = Path(__file__).parent / "roots"


def test_an_edit_of_any_source_file_changes_the_version(tmp_path: Path) -> None:
    package = tmp_path / "package"
    (package / "templates").mkdir(parents=True)
    (package / "render.py").write_text("A = 1\n", encoding="utf-8")
    (package / "templates" / "page.html").write_text("<p>", encoding="utf-8")
    first = source_digest(package, ("sphinx",))
    assert source_digest(package, ("sphinx",)) == first
    (package / "render.py").write_text("A = 2\n", encoding="utf-8")
    second = source_digest(package, ("sphinx",))
    assert second != first
    (package / "templates" / "page.html").write_text("<div>", encoding="utf-8")
    third = source_digest(package, ("sphinx",))
    assert third != second
    # Compiled files are not the source.
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "render.cpython-311.pyc").write_bytes(b"\0")
    assert source_digest(package, ("sphinx",)) == third


def test_a_library_upgrade_changes_the_version(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("", encoding="utf-8")
    assert source_digest(tmp_path, ("sphinx",)) != source_digest(tmp_path, ("docutils",))
    assert source_digest(tmp_path, ("no-such-library-here",))  # missing ones count too


def test_the_package_has_one_version() -> None:
    assert code_version() == code_version()
    assert len(code_version()) == 24


def _build(package: Path, site: Path, outdir: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(package), "SOURCE_DATE_EPOCH": "1735689600"}
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml", str(site), str(outdir)]
    command += ["-d", str(outdir.parent / "doctrees")]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_an_edited_renderer_changes_list_entries_and_paper_pages(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(
        Path(scholarpages.__file__).parent,
        package / "scholarpages",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    site = tmp_path / "site"
    shutil.copytree(ROOTS / "test-publications", site)
    outdir = tmp_path / "_build" / "dirhtml"
    _build(package, site, outdir)

    def marked() -> tuple[bool, bool]:
        listing = read_html(outdir / "publications/index.html")
        paper = read_html(outdir / "publications/doe2021journal/index.html")
        return bool(listing.select(".sp-edited")), bool(paper.select(".sp-edited"))

    assert marked() == (False, False)
    render = package / "scholarpages" / "publications" / "render.py"
    source = render.read_text("utf-8")
    edited = source.replace('classes=["sp-pub-authors"]', 'classes=["sp-pub-authors", "sp-edited"]')
    assert edited != source
    render.write_text(edited, "utf-8")

    # Nothing of the site changed: only the code that renders it.
    _build(package, site, outdir)
    assert marked() == (True, True)
