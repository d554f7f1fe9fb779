"""What the build keeps between builds is keyed by the code that made it, not by a number."""

from __future__ import annotations

from pathlib import Path

from scholarpages.code_version import code_version, source_digest


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
