"""Cache files of ours beside the doctrees, each stamped with the version that wrote it.

A file that is missing, unreadable, or written by another version (of the code, the
libraries, the settings that shape what it holds) reads as nothing, and is made again.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any, NamedTuple


class _Stamped(NamedTuple):
    version: object
    value: Any


def read_cache_file(path: Path, version: object) -> Any:
    """What ``path`` holds if ``version`` wrote it; None otherwise."""
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)  # noqa: S301 - our own cache file
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError):
        return None
    return stored.value if isinstance(stored, _Stamped) and stored.version == version else None


def write_cache_file(path: Path, version: object, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        pickle.dump(_Stamped(version, value), stream, pickle.HIGHEST_PROTOCOL)
