"""Where a path taken from content may lead: the one rule, for the build and the importer.

A ``.bib`` field, a page's front matter, a ``conf.py`` value or a file of a site being
imported can name a path. Whoever wrote it may not be the site's owner (a pull request, a
site made by someone else), so every such path is resolved (``..`` and symlinks included)
and used only if the result is inside the folder it belongs to: the docs source and its
static folders for a build; SRC for what the importer reads, DEST for what it writes.
Everything here answers None or False rather than raising: the caller refuses the path
with a warning naming the file and line, and the rest of the site still builds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

# Most file systems refuse longer names; a longer one would fail when written.
MAX_NAME_BYTES = 255


def project_root(srcdir: str | Path) -> Path:
    """The project a site is built from: the folder that holds its source directory
    (``docs/``), where ``publications.bib`` and the README are."""
    return Path(srcdir).parent


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL, a name too long
        return None


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symlinks resolved, is ``root`` or inside it."""
    resolved, base = _resolved(path), _resolved(root)
    return resolved is not None and base is not None and resolved.is_relative_to(base)


def resolve_inside(root: Path, relative: str) -> Path | None:
    """``root/relative`` with ``..`` and symlinks resolved, if that stays inside ``root``.

    ``relative`` is a path as content writes it, with ``/`` between folders; a leading
    ``/`` means ``root`` itself (a site path such as ``/images/x.png``).
    """
    if "\0" in relative or "\\" in relative or not fits_file_system(relative):
        return None
    base = _resolved(root)
    if base is None:
        return None
    candidate = _resolved(base / relative.lstrip("/"))
    return candidate if candidate is not None and candidate.is_relative_to(base) else None


def fits_file_system(relative: str) -> bool:
    """Whether no folder or file name of the ``/``-separated path is too long to be written."""
    return all(len(part.encode()) <= MAX_NAME_BYTES for part in relative.split("/"))


def resolve_inside_any(roots: Iterable[Path], relative: str) -> Path | None:
    """``relative`` resolved inside the first of ``roots`` that holds it (see resolve_inside)."""
    for root in roots:
        found = resolve_inside(root, relative)
        if found is not None:
            return found
    return None


def is_safe_name(name: str) -> bool:
    """Whether ``name`` can be one file or folder name: no separator, no ``..``, not too long."""
    return (
        bool(name)
        and name not in {".", ".."}
        and not any(character in name for character in "/\\\0")
        and len(name.encode()) <= MAX_NAME_BYTES
    )


class FoundFile(NamedTuple):
    path: Path  # as found under the root (a link keeps its own name)
    relative: str  # from the root, with "/"


class Walk(NamedTuple):
    files: list[FoundFile]
    # Links (to files or folders) whose target is outside the root: never read, reported.
    refused_links: list[FoundFile]


def walk_inside(root: Path) -> Walk:
    """The files under ``root``, sorted, following only the symlinks that stay inside it.

    A link to a file inside the root is listed under its own name (an alias the site may
    serve); a link to a folder inside the root is not walked, since that folder's files are
    listed under their own names already, and it could make a loop.
    """
    files: list[FoundFile] = []
    refused: list[FoundFile] = []
    base = _resolved(root)
    if base is None or not base.is_dir():
        return Walk(files, refused)
    for folder, folders, names in os.walk(root, followlinks=False):
        for name in [*folders, *names]:
            path = Path(folder) / name
            found = FoundFile(path, path.relative_to(root).as_posix())
            if path.is_symlink():
                target = _resolved(path)
                if target is None or not target.is_relative_to(base):
                    refused.append(found)
                elif target.is_file():
                    files.append(found)
            elif name in names and path.is_file():
                files.append(found)
    files.sort(key=lambda found: found.relative)
    refused.sort(key=lambda found: found.relative)
    return Walk(files, refused)
