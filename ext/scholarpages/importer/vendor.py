"""A copy of this package inside the imported project, so that it builds with no index holding it.

No package index serves ``scholarpages``, so the new project carries it as this repository
does: its source in ``ext/scholarpages/`` and a ``pyproject.toml`` that installs it with the
libraries it needs (taken from this package's own metadata, so the two never drift).
``scholarpages vendor DEST`` writes the same files again, which is how a project upgrades.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib.metadata import requires
from pathlib import Path

import scholarpages

from ..confinement import resolve_inside
from .destination import Destination
from .report import Report

VENDORED = "ext/scholarpages"


def package_root() -> Path:
    return Path(scholarpages.__file__).resolve().parent


def package_files() -> Iterator[tuple[str, Path]]:
    """Each source file of this package, by its path in DEST; compiled caches left out."""
    root = package_root()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            yield f"{VENDORED}/{relative.as_posix()}", path


def dependencies() -> list[str]:
    """What this package needs to run (its extras, for tests and development, left out)."""
    return [item for item in requires("scholarpages") or [] if "extra ==" not in item]


def pyproject_toml() -> str:
    lines = "".join(f'    "{item}",\n' for item in dependencies())
    return f"""\
# Installs the site's tools: the copy of scholarpages in ext/ and the libraries it needs.
# `scholarpages vendor .` rewrites this file and ext/scholarpages/ (see README.md).
[build-system]
requires = ["setuptools>=64"]  # editable installs (PEP 660)
build-backend = "setuptools.build_meta"

[project]
name = "scholarpages-site"
version = "0"
requires-python = ">=3.11"
dependencies = [
{lines}]

[project.scripts]
scholarpages = "scholarpages.importer.cli:main"

[tool.setuptools.packages.find]
where = ["ext"]

[tool.setuptools.package-data]
scholarpages = ["**/templates/*", "**/static/*", "static/*"]
"""


def write_vendored(dest: Destination) -> None:
    """Write this package's source and the ``pyproject.toml`` that installs it into DEST."""
    for relative, path in package_files():
        dest.copy(path, relative, "(scholarpages)")
    dest.write_text("pyproject.toml", pyproject_toml(), "(project files)")


class OwnCopyError(Exception):
    """The scholarpages running is the project's own copy: it cannot replace itself."""


def vendor(root: Path) -> Report:
    """Replace DEST's copy of scholarpages by this one (files it no longer has go away)."""
    report = Report()
    old = resolve_inside(root, VENDORED)
    if old is not None and old.resolve() == package_root():
        msg = (
            f"the scholarpages running is {old} itself; run the vendor command of the newer "
            "scholarpages (installed elsewhere) instead"
        )
        raise OwnCopyError(msg)
    if old is not None and old.is_dir() and not old.is_symlink():
        shutil.rmtree(old)
    write_vendored(Destination(root, package_root(), report))
    return report
