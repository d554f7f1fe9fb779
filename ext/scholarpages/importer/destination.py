"""Where the importer writes: inside DEST, never outside it and never into SRC.

Names from the imported site become paths of the new project (a collection's folder, a
page's file name). Every file the importer writes goes through :class:`Destination`, which
resolves the target (``..`` and symbolic links already in DEST included) and writes only
inside DEST and outside SRC; anything else is reported with the file it came from, and the
rest of the site is still imported.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..confinement import is_inside, resolve_inside
from .report import Report

# What the importer writes at the top of DEST; SRC inside one of them would be overwritten.
WRITTEN = (
    "docs",
    "publications.bib",
    "ext",
    "pyproject.toml",
    ".readthedocs.yaml",
    "README.md",
    "IMPORT_REPORT.md",
)


class ImportRefusedError(Exception):
    """SRC and DEST are such that the import would write where it must not; nothing written."""


def overlap(src: Path, dest: Path) -> str | None:
    """Why importing ``src`` into ``dest`` would write into SRC or read its own output."""
    if is_inside(dest, src) and is_inside(src, dest):
        return f"{dest} is the site being imported; the importer never writes into it"
    if is_inside(dest, src):
        return (
            f"{dest} is inside the site being imported ({src}); the importer never writes "
            "into it, and a later import would read the new project back as part of the site"
        )
    for name in WRITTEN:
        if is_inside(src, dest / name):
            return (
                f"{src} is inside {dest / name}, which the import writes: the site being "
                "imported would be overwritten"
            )
    return None


class Destination:
    def __init__(self, root: Path, src: Path, report: Report) -> None:
        self.root = root
        self.src = src
        self.report = report

    def _target(self, relative: str, source: str) -> Path | None:
        target = resolve_inside(self.root, relative)
        if target is None or is_inside(target, self.src):
            where = "inside the site being imported" if target else "outside the destination"
            self.report.skip(
                source,
                f"not written: {relative!r} would be {where}; rename it (or remove the "
                "symbolic link in the destination) and import again",
            )
            return None
        return target

    def _write(self, relative: str, source: str, content: bytes | Path) -> bool:
        """Write DEST/relative, if it stays inside DEST; else report it against ``source``.

        ``content`` is the bytes, or a file of SRC already found to be inside it.
        """
        target = self._target(relative, source)
        if target is None:
            return False
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, target)  # streamed: a site's PDFs can be large
            else:
                target.write_bytes(content)
        except OSError as error:
            self.report.skip(source, f"not written to {relative!r}: {error.strerror or error}")
            return False
        return True

    def write_text(self, relative: str, text: str, source: str) -> bool:
        return self._write(relative, source, text.encode("utf-8"))

    def copy(self, path: Path, relative: str, source: str) -> bool:
        return self._write(relative, source, path)
