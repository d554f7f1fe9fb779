"""Every use of another library's internals, in one place.

Public events and APIs come first; what is left is here, one module per library. Each use
is checked when the extension is set up (``check``) against the installed version, so an
upstream rename stops the build with a message naming the library and its version instead
of leaving a stale page; each replacement comes with its undo, run when the build finishes.
The tests assert on the installed versions that every name used here is still there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import metadata
from types import ModuleType

from sphinx.errors import ExtensionError


class UpstreamChangedError(ExtensionError):
    """A library no longer has a name scholarpages relies on."""


def changed(distribution: str, names: str) -> UpstreamChangedError:
    """The error for ``names`` (``Class.attribute``...) missing from ``distribution``."""
    return UpstreamChangedError(
        f"scholarpages relies on {names} of {distribution}, which {distribution} "
        f"{metadata.version(distribution)} does not have; install a version pyproject.toml "
        "allows."
    )


def require(distribution: str, holder: type | ModuleType, names: Iterable[str]) -> None:
    """Fail loudly unless ``holder`` (a class, a module) has every one of ``names``."""
    missing = [name for name in names if not hasattr(holder, name)]
    if missing:
        where = getattr(holder, "__qualname__", None) or holder.__name__
        raise changed(distribution, ", ".join(f"{where}.{name}" for name in missing))


Undo = Callable[[], None]
