"""What the importer may read of SRC: files inside it, symbolic links resolved.

A site made by someone else can hold links to any file of the machine (``files/cv.pdf ->
/etc/passwd``, a linked ``_pages/`` entry, a linked ``.bib``). Following one would copy that
file into the new site, and from there onto the web. So every read of SRC goes through
here: a link that leads outside SRC is never read, and is reported as skipped, once.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..confinement import FoundFile, is_inside, resolve_inside, walk_inside
from .report import Report

# Whether the importer reads a file (is_folder False) or looks into a folder (True).
Wanted = Callable[[str, bool], bool]


def everything(relative: str, is_folder: bool) -> bool:
    return True


class SourceTree:
    def __init__(self, root: Path, report: Report) -> None:
        self.root = root
        self.report = report
        self._refused: set[str] = set()

    def _refuse(self, path: Path, relative: str) -> None:
        if relative in self._refused:
            return
        self._refused.add(relative)
        try:
            target = str(path.readlink())
        except OSError:  # not a link itself: a folder on its way is
            target = "through a linked folder"
        self.report.skip(
            relative,
            f"a symbolic link to outside the site ({target}); not read. "
            "Copy what it points to into the site if it belongs there",
        )

    def _lexists(self, relative: str) -> bool:
        try:
            return os.path.lexists(self.root / relative)
        except (OSError, ValueError):
            return False

    def path(self, relative: str) -> Path | None:
        """SRC/relative resolved, if it is inside SRC; a link that leaves it is reported."""
        resolved = resolve_inside(self.root, relative)
        if resolved is None and self._lexists(relative):
            self._refuse(self.root / relative, relative)
        return resolved

    def file(self, relative: str) -> Path | None:
        resolved = self.path(relative)
        return resolved if resolved is not None and resolved.is_file() else None

    def has_folder(self, relative: str) -> bool:
        resolved = self.path(relative)
        return resolved is not None and resolved.is_dir()

    def files(self, folder: str = "", wanted: Wanted = everything) -> list[FoundFile]:
        """The wanted files under SRC/folder (relative to SRC), sorted as paths.

        Links out of SRC are reported when the importer would have read them (``wanted``),
        so that links in folders it never reads (``node_modules/``, say) are not.
        """
        if folder and not self.has_folder(folder):
            return []
        walk = walk_inside(self.root / folder)
        found = [
            FoundFile(item.path, relative)
            for item in walk.files
            if wanted(relative := _joined(folder, item.relative), False)
        ]
        for link in walk.refused_links:
            relative = _joined(folder, link.relative)
            is_folder = link.path.is_dir()
            if not wanted(relative, is_folder):
                continue
            if not is_inside(link.path, self.root):
                self._refuse(link.path, relative)
            elif link.path.is_file():  # not a pipe or a device, which a read would wait on
                # Out of the folder walked but still inside SRC: a file of the site.
                found.append(FoundFile(link.path, relative))
        return sorted(found, key=lambda item: PurePosixPath(item.relative))

    def read_bytes(self, item: FoundFile) -> bytes | None:
        try:
            return item.path.read_bytes()
        except OSError as error:
            self.report.skip(item.relative, f"could not be read ({error.strerror or error})")
            return None


def _joined(folder: str, relative: str) -> str:
    return f"{folder}/{relative}" if folder else relative
