"""``scholarpages preview``: sphinx-autobuild also watches .bib files outside the docs folder."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from scholarpages.importer.cli import main


def _watched(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[list[str], list[str]]:
    assert main(["preview", *arguments, "--dry-run"]) == 0
    command = shlex.split(capsys.readouterr().out)
    assert command[1:3] == ["-m", "sphinx_autobuild"]
    watched = [command[i + 1] for i, word in enumerate(command) if word == "--watch"]
    return command, watched


def test_the_default_database_beside_docs_is_watched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text('extensions = ["scholarpages"]\n', encoding="utf-8")
    (tmp_path / "publications.bib").write_text("", encoding="utf-8")
    command, watched = _watched(capsys, str(docs))
    assert watched == [str((tmp_path / "publications.bib").resolve())]
    assert command[3:5] == [str(docs), str(docs / "_build" / "preview")]


def test_every_configured_bib_file_and_outside_folder_is_watched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "site" / "docs"
    for folder in (docs / "_static", tmp_path / "shared" / "static", tmp_path / "more"):
        folder.mkdir(parents=True)
    for bib in ("site/a.bib", "more/b.bib", "site/c.bib", "site/docs/inside.bib"):
        (tmp_path / bib).write_text("", encoding="utf-8")
    (docs / "conf.py").write_text(
        'scholarpages_bibfile = ["../a.bib", "../../more/b.bib", "inside.bib"]\n'
        'bibtex_bibfiles = ["../c.bib"]\n'
        'html_static_path = ["_static", "../../shared/static"]\n',
        encoding="utf-8",
    )
    _, watched = _watched(capsys, str(docs), str(tmp_path / "out"), "--port", "0")
    expected = ["site/a.bib", "more/b.bib", "site/c.bib", "shared/static"]
    # What is inside docs/ sphinx-autobuild watches already.
    assert watched == [str((tmp_path / name).resolve()) for name in expected]


def test_a_folder_without_conf_py_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", str(tmp_path), "--dry-run"]) == 2
    assert "no conf.py" in capsys.readouterr().err


def test_the_works_cited_are_watched_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text('extensions = ["scholarpages"]\n', encoding="utf-8")
    for bib in ("publications.bib", "references.bib", "cited.bib"):
        (tmp_path / bib).write_text("", encoding="utf-8")
    _, watched = _watched(capsys, str(docs))
    # The default references.bib beside publications.bib.
    assert watched == [
        str((tmp_path / name).resolve()) for name in ("publications.bib", "references.bib")
    ]
    (docs / "conf.py").write_text('scholarpages_references = ["../cited.bib"]\n', encoding="utf-8")
    _, watched = _watched(capsys, str(docs))
    assert watched == [
        str((tmp_path / name).resolve()) for name in ("publications.bib", "cited.bib")
    ]
