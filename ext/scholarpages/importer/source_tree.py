"""What the importer may read of SRC: files inside it, symbolic links resolved.

A site made by someone else can hold links to any file of the machine (``files/cv.pdf ->
/etc/passwd``, a linked ``_pages/`` entry, a linked ``.bib``). Following one would copy that
file into the new site, and from there onto the web. So every read of SRC goes through
here: a link that leads outside SRC is never read, and is reported as skipped, once.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..confinement import FoundFile, is_inside, resolve_inside, walk_inside
from .report import Report


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
        except OSError:
            target = "a path that cannot be resolved"
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

    def files(self, folder: str = "") -> list[FoundFile]:
        """The files under SRC/folder (relative to SRC), sorted as paths, links out refused."""
        if folder and not self.has_folder(folder):
            return []
        walk = walk_inside(self.root / folder)
        found = list(walk.files)
        for link in walk.refused_links:
            # Out of the folder walked but still inside SRC: read like any file of the site.
            if is_inside(link.path, self.root):
                if link.path.is_file():
                    found.append(link)
            else:
                self._refuse(link.path, _joined(folder, link.relative))
        found = [FoundFile(item.path, _joined(folder, item.relative)) for item in found]
        return sorted(found, key=lambda item: PurePosixPath(item.relative))

    def read_bytes(self, item: FoundFile) -> bytes | None:
        try:
            return item.path.read_bytes()
        except OSError as error:
            self.report.skip(item.relative, f"could not be read ({error.strerror or error})")
            return None


def _joined(folder: str, relative: str) -> str:
    return f"{folder}/{relative}" if folder else relative
