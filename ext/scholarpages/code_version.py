"""One version for what the build keeps between builds: the code that made it.

A cache of entries, pages or parsed databases is valid only for the code that wrote it:
this package's own files and the libraries that shape what it writes. Hashing them, rather
than numbering versions by hand, means an edit can never leave stale pages behind.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

# The libraries whose versions change what the build writes from the same input.
_LIBRARIES = (
    "sphinx",
    "docutils",
    "myst-parser",
    "pybtex",
    "latexcodec",
    "latex2mathml",
    "nh3",
    "pygments",
    # The search index's stems of words, kept in the store (stem_cache).
    "snowballstemmer",
    "sphinxcontrib-bibtex",
    "pydata-sphinx-theme",
    "feedgen",
    # The diagrams extra: installing it (or a new version) draws the diagrams again.
    "mermaidx",
    "plotly",
)
_SOURCE_SUFFIXES = {".py", ".html", ".css", ".js"}


@cache
def code_version() -> str:
    """A digest of this package's source files and of the libraries' versions."""
    return source_digest(Path(__file__).parent, _LIBRARIES)


def environment_version() -> int:
    """``code_version`` as the number Sphinx compares to keep or discard a saved environment.

    What the directives of pages read before made may differ with other code: a build after
    an edit of the package or an upgrade of a library reads every page again, as a clean
    build would.
    """
    return int(code_version()[:12], 16)


def source_digest(package: Path, libraries: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in _SOURCE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for name in libraries:
        digest.update(f"{name}\0{_installed(name)}\0".encode())
    return digest.hexdigest()[:24]


def _installed(name: str) -> str:
    """What tells one installed release of a library from another: its metadata file, read
    as text (the version is in it; parsing it as mail headers would take longer)."""
    try:
        found = distribution(name)
    except PackageNotFoundError:
        return "-"
    return found.read_text("METADATA") or found.read_text("PKG-INFO") or found.version
