"""A copy of this package inside the imported project, so that it builds with no index holding it.

No package index serves ``scholarpages``, so the new project carries it as this repository
does: its source in ``ext/scholarpages/`` and a ``pyproject.toml`` that installs it with the
libraries it needs (taken from this package's own metadata, so the two never drift).
``scholarpages vendor DEST`` writes the same files again, which is how a project upgrades.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from importlib.metadata import requires
from pathlib import Path

from packaging.requirements import Requirement

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


VENDORED_PAGES = "docs"
# A fence or directive of scholarpages.diagrams: ```mermaid, ~~~plotly, ```{mermaid}.
_DIAGRAM = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?(?:mermaid|plotly)\b", re.MULTILINE)


def dependencies(diagrams: bool = False) -> list[str]:
    """What this package needs to run, with the ``diagrams`` extra's libraries if asked
    (the extras for tests and development left out)."""
    needed = []
    for item in requires("scholarpages") or []:
        requirement = Requirement(item)
        if requirement.marker is None:
            needed.append(item)
        elif diagrams and requirement.marker.evaluate({"extra": "diagrams"}):
            requirement.marker = None
            needed.append(str(requirement))
    return needed


def uses_diagrams(root: Path) -> bool:
    """Whether the project's pages have mermaid diagrams or plotly charts to draw."""
    pages = resolve_inside(root, VENDORED_PAGES)
    if pages is None or not pages.is_dir():
        return False
    return any(
        _DIAGRAM.search(path.read_text("utf-8", errors="replace"))
        for path in pages.rglob("*.md")
        if path.is_file() and not path.is_symlink()
    )


def pyproject_toml(diagrams: bool = False) -> str:
    lines = "".join(f'    "{item}",\n' for item in dependencies(diagrams))
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
    dest.write_text("pyproject.toml", pyproject_toml(uses_diagrams(dest.root)), "(project files)")


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
