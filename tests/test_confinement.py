"""The one rule for paths from content: resolved, and inside the folder they belong to."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from scholarpages.confinement import (
    fits_file_system,
    is_inside,
    is_safe_name,
    resolve_inside,
    resolve_inside_any,
    walk_inside,
)


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "images").mkdir(parents=True)
    (root / "images" / "a.png").write_bytes(b"png")
    return root


def test_paths_inside_are_resolved(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert resolve_inside(root, "/images/a.png") == (root / "images" / "a.png").resolve()
    assert resolve_inside(root, "images/../images/a.png") == (root / "images/a.png").resolve()
    assert resolve_inside(root, "images/new.png") == (root / "images/new.png").resolve()


def test_paths_that_leave_are_refused(tmp_path: Path) -> None:
    root = _site(tmp_path)
    for hostile in [
        "/../../../../../../etc/passwd",
        "/../../../../../../proc/self/environ",
        "../outside",
        "images/../../outside",
        "/images/\0x",
        "images\\..\\..\\x",
        "x" * 300,
    ]:
        assert resolve_inside(root, hostile) is None, hostile


def test_symlinks_are_followed_before_the_check(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "images" / "passwd").symlink_to("/etc/passwd")
    (root / "images" / "inside.png").symlink_to(root / "images" / "a.png")
    (root / "loop").symlink_to(root / "loop")
    assert resolve_inside(root, "images/passwd") is None
    assert resolve_inside(root, "images/inside.png") == (root / "images/a.png").resolve()
    assert resolve_inside(root, "loop") is None
    assert not is_inside(root / "images" / "passwd", root)
    assert is_inside(root / "images" / "inside.png", root)


def test_the_first_root_that_holds_a_path_answers(tmp_path: Path) -> None:
    root = _site(tmp_path)
    other = tmp_path / "static"
    other.mkdir()
    assert resolve_inside_any([other, root], "/../docs/images/a.png") is not None
    assert resolve_inside_any([other], "/../docs/images/a.png") is None


def test_names(tmp_path: Path) -> None:
    assert is_safe_name("talks")
    assert is_safe_name("日本語")
    for bad in ["", ".", "..", "a/b", "/tmp/x", "a\\b", "a\0b", "x" * 256]:
        assert not is_safe_name(bad), bad


def test_paths_whose_names_a_file_system_refuses() -> None:
    assert fits_file_system("publication/" + "s" * 255 + "/")
    assert fits_file_system("/" + "日" * 85)
    assert not fits_file_system("publication/" + "s" * 256 + "/")
    assert not fits_file_system("日" * 86)


def test_walk_follows_only_links_that_stay_inside(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "files").mkdir(parents=True)
    (root / "files" / "paper.pdf").write_bytes(b"%PDF")
    (root / "files" / "passwd.txt").symlink_to("/etc/passwd")
    (root / "etc").symlink_to("/etc")
    (root / "again").symlink_to(root / "files")
    (root / "self").symlink_to(root)
    walk = walk_inside(root)
    found = [item.relative for item in walk.files]
    assert "files/paper.pdf" in found
    assert not any("passwd" in name for name in found)
    assert not any(name.startswith("etc/") for name in found)
    assert sorted(item.relative for item in walk.refused_links) == ["etc", "files/passwd.txt"]
    # A folder reached twice (itself and a link to it) is listed once, under its own name.
    assert len([name for name in found if name.endswith("paper.pdf")]) == 1


@given(st.text(max_size=80))
def test_no_path_raises_or_escapes(relative: str) -> None:
    root = Path(os.environ.get("TMPDIR", "/tmp")) / "scholarpages-confinement-root"
    found = resolve_inside(root, relative)
    assert found is None or found.is_relative_to(root.resolve())
    is_safe_name(relative)
