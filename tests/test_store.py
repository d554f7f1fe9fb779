"""The one store a build keeps for the next: memos keyed by content and the code's version,
and the outputs manifest that removes what no build makes any more."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from scholarpages.store import KEPT_FOR, Store


def _computed(store: Store, key: str, calls: list[str]) -> str:
    def compute() -> str:
        calls.append(key)
        return key.upper()

    return store.memo("texts", key, compute)


def test_a_memo_is_worked_out_once_per_content_and_version(tmp_path: Path) -> None:
    calls: list[str] = []
    first = Store(tmp_path, "v1")
    assert _computed(first, "a", calls) == "A"
    assert _computed(first, "a", calls) == "A"
    first.close(None)
    again = Store(tmp_path, "v1")
    assert _computed(again, "a", calls) == "A"
    assert calls == ["a"]
    # Other code wrote it: worked out again.
    other = Store(tmp_path, "v2")
    assert _computed(other, "a", calls) == "A"
    assert calls == ["a", "a"]


def test_a_damaged_table_reads_as_empty(tmp_path: Path) -> None:
    calls: list[str] = []
    store = Store(tmp_path, "v1")
    _computed(store, "a", calls)
    store.close(None)
    for table in tmp_path.glob("*.memo"):
        table.write_bytes(b"not a pickle")
    assert _computed(Store(tmp_path, "v1"), "a", calls) == "A"
    assert calls == ["a", "a"]


def test_a_record_naming_a_module_that_moved_reads_as_nothing(tmp_path: Path) -> None:
    # An upgrade that moves a class the store pickled (a module renamed) must not stop
    # the build: what was kept is made again.
    store = Store(tmp_path, "v1")
    store.save("pages", {"a": 1})
    record = next(tmp_path.glob("*.record"))
    # protocol 0: GLOBAL opcode naming a module no longer there, then the call.
    record.write_bytes(b"cscholarpages.gone_module\nThing\n(tR.")
    assert Store(tmp_path, "v1").load("pages") is None
    assert Store(tmp_path, "v1").load("pages", any_version=True) is None


def test_unused_results_go_after_builds_that_added_to_the_table(tmp_path: Path) -> None:
    calls: list[str] = []
    store = Store(tmp_path, "v1")
    for key in ("old", "kept"):
        store.memo("texts", key, lambda key=key: key, keep=2)
    store.close(None)
    for added in ("b", "c"):
        store = Store(tmp_path, "v1")
        store.memo("texts", "kept", lambda: "kept", keep=2)
        store.memo("texts", added, lambda added=added: added, keep=2)
        store.close(None)
    store = Store(tmp_path, "v1")
    assert store.memo("texts", "kept", lambda: calls.append("kept") or "x", keep=2) == "kept"
    assert store.memo("texts", "old", lambda: calls.append("old") or "x", keep=2) == "x"
    assert calls == ["old"]


def test_a_result_put_in_a_table_kept_for_one_build_replaces_the_table(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Putting a result in a table that keeps only what one build uses (keep=1) does not
    read what it held: none of that would be kept."""
    store = Store(tmp_path, "v1")
    store.put("entries", "old", "before", keep=1)
    store.close(None)
    caplog.set_level(logging.DEBUG)
    store = Store(tmp_path, "v1")
    store.put("entries", "new", "after", keep=1)
    assert store.memo("entries", "new", lambda: "computed", keep=1) == "after"
    store.close(None)
    assert [r.getMessage() for r in caplog.records if "entries.memo read" in r.getMessage()] == []
    store = Store(tmp_path, "v1")
    assert store.memo("entries", "new", lambda: "computed", keep=1) == "after"
    assert store.memo("entries", "old", lambda: "computed", keep=1) == "computed"
    assert [r.getMessage() for r in caplog.records if "entries.memo read" in r.getMessage()]


def test_by_default_an_unused_result_stays_through_kept_for_builds(tmp_path: Path) -> None:
    def computed_after(builds: int, folder: Path) -> list[str]:
        """Work out a result, then ``builds`` builds that add to its table and do not use
        it; what working it out once more computes."""
        calls: list[str] = []
        store = Store(folder, "v1")
        _computed(store, "unused", calls)
        store.close(None)
        for added in range(builds):
            store = Store(folder, "v1")
            _computed(store, f"added {added}", calls)
            store.close(None)
        calls.clear()
        _computed(Store(folder, "v1"), "unused", calls)
        return calls

    assert computed_after(KEPT_FOR - 1, tmp_path / "kept") == []
    assert computed_after(KEPT_FOR, tmp_path / "gone") == ["unused"]


def test_outputs_nothing_makes_any_more_are_removed(tmp_path: Path) -> None:
    outdir, doctrees = tmp_path / "out", tmp_path / "doctrees"
    feed, page = outdir / "feed.atom", outdir / "papers" / "a" / "index.html"
    elsewhere = tmp_path / "copy.bib"
    for path in (feed, page, elsewhere):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    store = Store(doctrees, "v1")
    assert not store.current(feed, ("feed", 1))
    for path in (feed, page, elsewhere):
        store.mark(path, ("inputs", 1))
    store.close(outdir)

    store = Store(doctrees, "v1")
    assert store.current(feed, ("inputs", 1))
    assert not store.current(page, ("inputs", 2))  # other inputs: to be written again
    store.close(outdir)
    # The page was not marked in this build: gone, with the folders it leaves empty. A file
    # outside the output folder is not this build's to remove.
    assert feed.is_file() and elsewhere.is_file()
    assert not page.exists() and not (outdir / "papers").exists()

    # Written by other code: not current.
    assert not Store(doctrees, "v2").current(feed, ("inputs", 1))


def test_a_failed_build_removes_nothing(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    feed = outdir / "feed.atom"
    outdir.mkdir()
    feed.write_text("x", encoding="utf-8")
    store = Store(tmp_path / "doctrees", "v1")
    store.mark(feed, 1)
    store.close(outdir)
    Store(tmp_path / "doctrees", "v1").close(None)
    assert feed.is_file()
