"""The imported project installs and builds on its own: scholarpages comes with it in ext/."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import setuptools
import yaml

from scholarpages.importer import import_site
from scholarpages.importer.cli import main
from scholarpages.importer.project import BUILD, INSTALL, UPGRADE
from scholarpages.importer.vendor import dependencies, package_files

TEMPLATE = Path(__file__).resolve().parents[2] / "shared/fixtures/academicpages-template"

PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
PIP_WHEEL += ["--no-index"]
SPHINX_STRICT = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "dirhtml"]

pytestmark = pytest.mark.skipif(not TEMPLATE.is_dir(), reason="template fixture missing")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("imported") / "site"
    import_site(TEMPLATE, dest)
    return dest


def test_the_project_carries_this_scholarpages(project: Path) -> None:
    vendored = {
        path.relative_to(project).as_posix()
        for path in (project / "ext/scholarpages").rglob("*")
        if path.is_file()
    }
    assert vendored == {relative for relative, _ in package_files()}
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in vendored)
    for relative, source in package_files():
        assert (project / relative).read_bytes() == source.read_bytes(), relative


def test_its_pyproject_installs_exactly_what_scholarpages_needs(project: Path) -> None:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    needed = pyproject["project"]["dependencies"]
    assert needed == dependencies(diagrams=True)  # the template has diagrams and charts
    assert "sphinx<10,>=8.2" in needed
    assert not any("extra" in item or item.startswith(("pytest", "ruff")) for item in needed)
    assert pyproject["tool"]["setuptools"]["packages"]["find"]["where"] == ["ext"]
    assert not (project / "requirements.txt").exists()


def _can_build_wheels_offline() -> bool:
    """setuptools builds wheels itself from 70.1; before, it needs the ``wheel`` package."""
    major, minor = (int(part) for part in setuptools.__version__.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.mark.skipif(not _can_build_wheels_offline(), reason="setuptools here cannot build wheels")
def test_a_wheel_of_it_holds_the_templates_and_static_files(project: Path, tmp_path: Path) -> None:
    """What ``pip install .`` (Read the Docs) installs, built offline."""
    subprocess.run(
        [*PIP_WHEEL, "-w", str(tmp_path), str(project)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for relative, _ in package_files():
        assert relative.removeprefix("ext/") in names, relative


def test_readme_and_read_the_docs_agree_with_the_layout(project: Path) -> None:
    readme = (project / "README.md").read_text("utf-8")
    assert INSTALL in readme
    assert BUILD in readme
    assert "pip install -e ." in INSTALL
    assert UPGRADE in readme
    assert "scholarpages vendor ." in UPGRADE
    rtd = yaml.safe_load((project / ".readthedocs.yaml").read_text("utf-8"))
    assert rtd["python"]["install"] == [{"method": "pip", "path": "."}]
    assert (project / rtd["sphinx"]["configuration"]).is_file()
    assert rtd["sphinx"]["fail_on_warning"] is True
    source_dir = re.search(r"-b dirhtml (\S+) ", BUILD)
    assert source_dir is not None
    assert (project / source_dir.group(1) / "conf.py").is_file()


def test_the_vendored_copy_builds_the_site_with_warnings_as_errors(project: Path) -> None:
    """The copy in DEST/ext, not this repository's, is what runs."""
    env = {**os.environ, "PYTHONPATH": str(project / "ext")}
    where = subprocess.run(
        [sys.executable, "-c", "import scholarpages; print(scholarpages.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).parent == project / "ext/scholarpages"
    result = subprocess.run(
        [*SPHINX_STRICT, "docs", str(project / "_build_w")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_vendor_replaces_the_copy_of_an_older_version(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    import_site(TEMPLATE, dest)
    stale = dest / "ext/scholarpages/removed_module.py"
    stale.write_text("x = 1\n", "utf-8")
    (dest / "ext/scholarpages/__init__.py").write_text("# old\n", "utf-8")
    (dest / "pyproject.toml").write_text("[project]\nname='x'\n", "utf-8")
    assert main(["vendor", str(dest)]) == 0
    assert not stale.exists()
    for relative, source in package_files():
        assert (dest / relative).read_bytes() == source.read_bytes(), relative
    pyproject = tomllib.loads((dest / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["dependencies"] == dependencies(diagrams=True)


def test_vendor_refuses_a_folder_that_is_not_a_project(tmp_path: Path) -> None:
    assert main(["vendor", str(tmp_path)]) == 2
    assert not (tmp_path / "ext").exists()


def test_the_projects_own_copy_refuses_to_replace_itself(tmp_path: Path) -> None:
    """Run from DEST/ext, ``scholarpages vendor .`` would delete the code that runs it."""
    dest = tmp_path / "site"
    import_site(TEMPLATE, dest)
    result = subprocess.run(
        [sys.executable, "-m", "scholarpages", "vendor", "."],
        cwd=dest,
        env={**os.environ, "PYTHONPATH": str(dest / "ext")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "itself" in result.stderr
    assert (dest / "ext/scholarpages/__init__.py").is_file()
