"""Outputs written again only when their inputs change.

A stamp beside the doctrees holds a hash of what an output was made from; a build whose
inputs hash the same, with the output still there, leaves it alone.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..confinement import is_inside


def _stamp(app: Sphinx, name: str) -> Path:
    return Path(app.doctreedir) / "scholarpages" / f"{name}-{app.builder.name}.sha256"


def _digest(inputs: Any) -> str:
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def is_current(app: Sphinx, name: str, output: Path, inputs: Any) -> bool:
    stamp = _stamp(app, name)
    return output.exists() and stamp.is_file() and stamp.read_text("utf-8") == _digest(inputs)


def mark_current(app: Sphinx, name: str, inputs: Any) -> None:
    stamp = _stamp(app, name)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(_digest(inputs), encoding="utf-8")


def forget(app: Sphinx, name: str) -> bool:
    """Remove the stamp of an output; True if there was one (the build wrote that output)."""
    stamp = _stamp(app, name)
    if not stamp.is_file():
        return False
    stamp.unlink()
    return True


def remove_output(path: Path, outdir: Path) -> None:
    """Remove an output the build no longer makes, and the folders it leaves empty.

    A clean build makes no such folder (``publications/<key>/`` of a removed entry).
    """
    path.unlink(missing_ok=True)
    root, folder = outdir.resolve(), path.parent
    while is_inside(folder, root) and folder.resolve() != root:
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone already
            return
        folder = folder.parent


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it; True if it was written.

    An unchanged file keeps its modification time: the web server's caches, rsync and
    sphinxcontrib-bibtex's own cache all see that nothing changed.
    """
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
