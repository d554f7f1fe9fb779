"""Safe speed: after any sequence of edits, an incremental build writes what a clean build
writes; and two clean builds of the same sources are identical."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest

import scholarpages.publications.paper_writing as paper_writing

ROOT = Path(__file__).parent / "roots" / "test-publications"
NEW_ENTRY = """
@misc{added{n},
  title  = {An Added Entry Number {n}},
  author = {Doe, Jane Q. and Zed, Zoe},
  year   = {2020},
  eprint = {2001.0000{n}},
  archivePrefix = {arXiv}
}
"""


def _build(
    make_app, srcdir: Path, builddir: Path, fresh: bool, parallel: int = 1
) -> dict[str, bytes]:
    """Every file the build wrote, by path, but Sphinx's record of the settings.

    That record (.buildinfo) hashes bibtex_bibfiles, which names the copy of the database
    in the build's own folder: builds in two folders differ there and nowhere else.
    """
    app = make_app("dirhtml", srcdir=srcdir, builddir=builddir, freshenv=fresh, parallel=parallel)
    app.build()
    outdir = Path(app.outdir)
    files = {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.name != ".buildinfo"
    }
    app.cleanup()
    files["searchindex.js"] = _without_unused_words(files["searchindex.js"])
    return files


def _without_unused_words(search_index: bytes) -> bytes:
    """Sphinx's search index, less the words no page holds any longer.

    When a page is written again, Sphinx's IndexBuilder takes it out of the pages of every
    word, but keeps the words: one no page holds stays in the index, with no page.
    """
    prefix, suffix = b"Search.setIndex(", b")"
    assert search_index.startswith(prefix) and search_index.endswith(suffix)
    index = json.loads(search_index[len(prefix) : -len(suffix)])
    for table in ("terms", "titleterms"):
        index[table] = {word: pages for word, pages in index[table].items() if pages != []}
    return json.dumps(index, sort_keys=True).encode()


EDITS = ["add", "remove", "change", "identifier", "page", "config"]


def _edit(source: Path, choice: str, rng: random.Random, step: int) -> None:
    bib = source / "refs.bib"
    text = bib.read_text("utf-8")
    if choice == "add":
        bib.write_text(text + NEW_ENTRY.replace("{n}", str(step)), encoding="utf-8")
    elif choice == "remove" and "@misc{added" in text:
        start = text.rindex("@misc{added")
        bib.write_text(text[:start], encoding="utf-8")
    elif choice == "change":  # a cited and linked entry: its title and its first author
        text = re.sub(r"Learning (\(\d+\) )?\{BERT\}", f"Learning ({step}) {{BERT}}", text)
        text = re.sub(r"\{\w+, Jane Q\. and M", f"{{Doe{step}, Jane Q. and M", text)
        bib.write_text(text, encoding="utf-8")
    elif choice == "identifier":  # an entry now is, or no longer is, where notes.md links
        site = "  html          = {https://project.example/},"
        moved = "  html          = {https://moving.example/work},"
        bib.write_text(
            text.replace(site, moved) if site in text else text.replace(moved, site),
            encoding="utf-8",
        )
    elif choice == "page":
        page = source / "research.md"
        page.write_text(page.read_text("utf-8") + f"\nEdit {step}.\n", encoding="utf-8")
    else:
        conf = source / "conf.py"
        owner = rng.choice(['["Doe, Jane Q."]', '["Smith, Alice"]'])
        lines = [
            ln for ln in conf.read_text("utf-8").splitlines() if "scholarpages_owner" not in ln
        ]
        conf.write_text("\n".join([*lines, f"scholarpages_owner = {owner}"]) + "\n", "utf-8")


@pytest.mark.parametrize("parallel", [1, 2])
def test_incremental_builds_match_clean_builds(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: int
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    # With -j 2, worker processes write the paper pages however few are to be written.
    monkeypatch.setattr(paper_writing, "_PARALLEL_MINIMUM", 1)
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    # A page whose only link leads to no entry until an edit gives one that address.
    (source / "notes.md").write_text(
        "---\norphan: true\n---\n\n# Notes\n\nSee [the work](https://moving.example/work).\n",
        encoding="utf-8",
    )
    rng = random.Random(20261123)
    incremental = tmp_path / "incremental"
    _build(make_app, source, incremental, fresh=True, parallel=parallel)
    # Every kind of edit at least once, in a random order, then a few more at random.
    choices = rng.sample(EDITS, len(EDITS)) + [rng.choice(EDITS) for _ in range(3)]
    for step, choice in enumerate(choices):
        _edit(source, choice, rng, step)
        after_edit = _build(make_app, source, incremental, fresh=False, parallel=parallel)
        clean = _build(make_app, source, tmp_path / f"clean{step}", fresh=True)
        assert after_edit.keys() == clean.keys(), (step, choice)
        different = [name for name in clean if clean[name] != after_edit[name]]
        assert different == [], (step, choice, different)


def test_two_clean_builds_are_identical(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    first = _build(make_app, ROOT, tmp_path / "one", fresh=True)
    second = _build(make_app, ROOT, tmp_path / "two", fresh=True)
    assert first == second
