"""Safe speed: after any sequence of edits, an incremental build writes what a clean build
writes; and two clean builds of the same sources are identical."""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
from pathlib import Path

import pytest

import scholarpages.publications.paper_page.paper_writing as paper_writing

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
    make_app,
    srcdir: Path,
    builddir: Path,
    fresh: bool,
    parallel: int = 1,
    builder: str = "dirhtml",
) -> dict[str, bytes]:
    """Every file the build wrote, by path, but Sphinx's record of the settings; and every
    folder, by its path and a "/", so that a folder left empty shows.

    That record (.buildinfo) hashes bibtex_bibfiles, which names the copy of the database
    in the build's own folder: builds in two folders differ there and nowhere else.
    """
    app = make_app(builder, srcdir=srcdir, builddir=builddir, freshenv=fresh, parallel=parallel)
    app.build()
    outdir = Path(app.outdir)
    files = {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.name not in (".buildinfo", ".buildinfo.bak")
    }
    files.update(
        (path.relative_to(outdir).as_posix() + "/", b"")
        for path in outdir.rglob("*")
        if path.is_dir()
    )
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


# A paper that takes its year and venue from the proceedings it crossrefs.
CROSSREF_PAIR = """
@inproceedings{inside1999,
  title    = {A Paper Inside a Volume},
  author   = {Doe, Jane Q.},
  crossref = {volume1999}
}

@proceedings{volume1999,
  title     = {Proceedings of the Volume},
  publisher = {Press},
  year      = {1999}
}
"""

EDITS = [
    "add",
    "parent year",
    "remove",
    "change",
    "identifier",
    "page",
    "config",
    "empty",
    "delete",
    "restore",
    "remove keys",
]
# The entries of the test project's database, as the edits below find them.
_ENTRY = re.compile(r"^@(\w+)\{([^,\s]*),", re.MULTILINE)


def _entry_keys(text: str) -> list[str]:
    return [key for kind, key in _ENTRY.findall(text) if kind.lower() != "string"]


def _without_entries(text: str, keys: set[str]) -> str:
    """The database without these entries: each runs from its "@" to the next one."""
    starts = [match.start() for match in _ENTRY.finditer(text)]
    chunks = [
        text[start:end] for start, end in zip([0, *starts], [*starts, len(text)], strict=True)
    ]
    kept = [chunk for chunk in chunks if (m := _ENTRY.match(chunk)) is None or m[2] not in keys]
    return "".join(kept)


def _edit_database(bib: Path, choice: str, rng: random.Random) -> None:
    """Empty the database, delete it, restore it, or remove some of its first entries."""
    original = (ROOT / "refs.bib").read_text("utf-8")
    if choice == "empty":
        bib.write_bytes(b"")
    elif choice == "no entries":  # a file that is there, with text but no entry
        bib.write_text("% Nothing yet.\n@string{jmlr = {JMLR}}\n", encoding="utf-8")
    elif choice == "delete":
        bib.unlink(missing_ok=True)
    elif choice == "restore":
        bib.write_text(original, encoding="utf-8")
    elif choice == "remove keys":  # one or more of the entries, never all
        text = bib.read_text("utf-8") if bib.is_file() else ""
        present = [key for key in _entry_keys(original) if key in _entry_keys(text)]
        if present:
            gone = rng.sample(present, rng.randint(1, max(1, len(present) - 1)))
            bib.write_text(_without_entries(text, set(gone)), encoding="utf-8")


# What the thesis's edits change: its title (which no list is read by), and its year,
# keywords and "selected" (which lists choose their entries by); each (text, edited text).
THESIS_EDITS = {
    "thesis title": ("A Thesis about Caf{\\'e}s", "A Thesis about Tea"),
    "thesis year": ("year   = {2019}", "year   = {2017}"),
    "thesis keywords": ("McGill University},", "McGill University},\n  keywords = {language},"),
    "thesis selected": ("Jane Q.},\n  school", "Jane Q.},\n  selected = {yes},\n  school"),
}


def _edit_thesis(text: str, choice: str) -> str:
    """The database with one of the thesis's edits made, or undone if it was made."""
    start = text.find("@phdthesis{doe2019thesis")
    if start < 0:
        return text
    end = text.find("\n}", start)
    entry = text[start:end]
    plain, edited = THESIS_EDITS[choice]
    entry = entry.replace(edited, plain) if edited in entry else entry.replace(plain, edited)
    return text[:start] + entry + text[end:]


def _edit(source: Path, choice: str, rng: random.Random, step: int) -> None:
    bib = source / "refs.bib"
    text = bib.read_text("utf-8") if bib.is_file() else ""
    if choice in ("empty", "delete", "restore", "remove keys"):
        _edit_database(bib, choice, rng)
    elif choice == "add":
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
    elif choice == "parent year":  # the volume's year, which its paper shows as its own
        if "@proceedings{volume1999" not in text:
            bib.write_text(text + CROSSREF_PAIR, encoding="utf-8")
        elif "year      = {1999}" in text:
            bib.write_text(text.replace("year      = {1999}", "year      = {1998}"), "utf-8")
        else:
            bib.write_text(text.replace("year      = {1998}", "year      = {1999}"), "utf-8")
    elif choice in THESIS_EDITS:
        bib.write_text(_edit_thesis(text, choice), encoding="utf-8")
    elif choice == "page":
        page = source / "research.md"
        page.write_text(page.read_text("utf-8") + f"\nEdit {step}.\n", encoding="utf-8")
    elif choice == "config":
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
    bib = source / "refs.bib"
    bib.write_text(bib.read_text("utf-8") + CROSSREF_PAIR, encoding="utf-8")
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


# The database emptied, deleted or thinned, each time restored: the next incremental build
# writes what a clean build of the same sources writes, no stale feed or empty folder left.
DATABASE_SEQUENCE = [
    "empty",
    "restore",
    "no entries",
    "restore",
    "delete",
    "restore",
    "remove one",
    "remove several",
    "keep one",
    "restore",
]


def _apply(bib: Path, choice: str) -> None:
    if choice.startswith(("remove ", "keep ")):
        text = bib.read_text("utf-8")
        gone = {
            "remove one": {"other2018"},
            "remove several": {"doe2023conference", "doe2019thesis"},
            "keep one": set(_entry_keys(text)) - {"doe2024preprint"},
        }[choice]
        bib.write_text(_without_entries(text, gone), encoding="utf-8")
    else:
        _edit_database(bib, choice, random.Random(0))


def _sources_digest(*paths: Path) -> str:
    """What a clean build is made from: the files under these paths, and which are missing."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file).encode() + b"\0")
            digest.update(file.read_bytes() if file.is_file() else b"\0missing")
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("builder", "layout"),
    [("dirhtml", "configured"), ("html", "configured"), ("dirhtml", "default")],
)
def test_database_emptied_deleted_or_thinned_then_restored(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str, layout: str
) -> None:
    """With "default", conf.py names no database: the file beside the docs is read if there."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    bib = source / "refs.bib"
    if layout == "default":
        bib = bib.rename(tmp_path / "publications.bib")
        conf = source / "conf.py"
        lines = conf.read_text("utf-8").splitlines()
        conf.write_text("\n".join(ln for ln in lines if "bibfile" not in ln) + "\n", "utf-8")

    def build(builddir: Path, fresh: bool) -> dict[str, bytes]:
        return _build(make_app, source, builddir, fresh, builder=builder)

    incremental = tmp_path / "incremental"
    build(incremental, True)
    clean_builds: dict[str, dict[str, bytes]] = {}
    for step, choice in enumerate(DATABASE_SEQUENCE):
        _apply(bib, choice)
        after_edit = build(incremental, False)
        state = _sources_digest(source, bib)
        if state not in clean_builds:
            clean_builds[state] = build(tmp_path / f"clean{step}", True)
        clean = clean_builds[state]
        extra, missing = after_edit.keys() - clean.keys(), clean.keys() - after_edit.keys()
        assert (sorted(extra), sorted(missing)) == ([], []), (step, choice)
        different = [name for name in clean if clean[name] != after_edit[name]]
        assert different == [], (step, choice, different)


# Each of the thesis's edits made, then each undone in another order: lists read again
# or only written again must show what a clean build shows.
THESIS_SEQUENCE = [
    "thesis title",
    "thesis year",
    "thesis keywords",
    "thesis selected",
    "thesis year",
    "thesis selected",
    "thesis title",
    "thesis keywords",
]


@pytest.mark.parametrize("parallel", [1, 2])
def test_edits_of_what_lists_choose_by_match_clean_builds(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: int
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    source = tmp_path / "source"
    shutil.copytree(ROOT, source)
    bib = source / "refs.bib"
    incremental = tmp_path / "incremental"
    _build(make_app, source, incremental, fresh=True, parallel=parallel)
    clean_builds: dict[str, dict[str, bytes]] = {}
    for step, choice in enumerate(THESIS_SEQUENCE):
        bib.write_text(_edit_thesis(bib.read_text("utf-8"), choice), encoding="utf-8")
        after_edit = _build(make_app, source, incremental, fresh=False, parallel=parallel)
        state = _sources_digest(source)
        if state not in clean_builds:
            clean_builds[state] = _build(make_app, source, tmp_path / f"clean{step}", fresh=True)
        clean = clean_builds[state]
        assert after_edit.keys() == clean.keys(), (step, choice)
        different = [name for name in clean if clean[name] != after_edit[name]]
        assert different == [], (step, choice, different)


LIST_PAGES_ROOT = Path(__file__).parent / "roots" / "test-list_pages"
# Edits of a list cut into pages (four entries a page): each (file, text, edited text). The
# pages an edit does not reach are kept as written; the others are made again.
LIST_PAGE_EDITS = [
    # The title of an entry on a further page: that page alone changes.
    ("publications.bib", "Soil Moisture from Space", "Soil Moisture, Seen"),
    # A year: the entry moves to another page.
    (
        "publications.bib",
        "title = {Ocean Currents Measured},\n  journal = {Marine Science},\n  year = {2022}",
        "title = {Ocean Currents Measured},\n  journal = {Marine Science},\n  year = {2019}",
    ),
    # A preview image: its entry is no longer written from kept HTML alone.
    (
        "publications.bib",
        "title = {Report on Benchmarks},",
        "title = {Report on Benchmarks},\n  preview = {https://images.example/report.png},",
    ),
    # Smaller pages: every page's entries and links change.
    ("publications.md", ":group-by: year", ":group-by: year\n:page-size: 3"),
    # An entry added, then its title edited: a page is written with an entry it never had.
    (
        "publications.bib",
        "@article{doe2024graphs,",
        "@article{doe2020added,\n  author = {Doe, Jane Q.},\n  title = {Added Later},\n"
        "  journal = {Letters},\n  year = {2020}\n}\n@article{doe2024graphs,",
    ),
    ("publications.bib", "title = {Added Later}", "title = {Added, Then Edited}"),
    # A site link in an entry of a further page, to a page not there yet: it leads nowhere.
    (
        "publications.bib",
        "title = {Rivers and Deltas},",
        "title = {Rivers and Deltas},\n  html = {/kinds/},",
    ),
    # The page it names comes: the link leads there, though the entry did not change...
    ("by-type.md", "title: By type", "title: By type\npermalink: /kinds/"),
    # ...and goes: the link leads nowhere again.
    ("by-type.md", "title: By type\npermalink: /kinds/", "title: By type"),
    # The preview taken away again.
    ("publications.bib", "\n  preview = {https://images.example/report.png},", ""),
]


def test_list_pages_kept_as_written_match_clean_builds(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    source = tmp_path / "source"
    shutil.copytree(LIST_PAGES_ROOT, source)
    incremental = tmp_path / "incremental"
    _build(make_app, source, incremental, fresh=True)
    for step, (name, text, edited) in enumerate(LIST_PAGE_EDITS):
        file = source / name
        content = file.read_text("utf-8")
        assert text in content, (step, text)
        file.write_text(content.replace(text, edited, 1), encoding="utf-8")
        if step == 0:
            # A page's file gone: it is written again, though what it shows did not change.
            (incremental / "dirhtml" / "publications" / "2019" / "index.html").unlink()
        if step == 1:
            # What was kept of the pages damaged: they are made again, and nothing raises.
            kept = list((incremental / "doctrees" / "scholarpages").glob("list-pages-*/*"))
            assert kept
            for record in kept:
                record.write_bytes(b"\x80\x05not a pickle")
        after_edit = _build(make_app, source, incremental, fresh=False)
        clean = _build(make_app, source, tmp_path / f"clean{step}", fresh=True)
        assert after_edit.keys() == clean.keys(), step
        different = [name for name in clean if clean[name] != after_edit[name]]
        assert different == [], (step, different)
