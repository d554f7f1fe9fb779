"""Text worked out from text, kept between builds: decoded LaTeX, highlighted BibTeX.

Both take milliseconds a string, and an edited .bib changes few of its strings. A cache maps
each source string to its result. It is read from beside the doctrees when first used, and
written back when the build added to it. A version (the libraries and settings that shape
the results) discards it whole when it changes.

A build may use only a few of the strings (lists are written from the HTML kept for their
entries, and only changed paper pages are written): those it did not use are kept, and
dropped once they have gone unused through many builds that added to the cache, so the
cache does not grow without end as entries are edited.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx

from .cache_file import read_cache_file, write_cache_file

# Builds that add to a cache, through which a result no build used is still kept.
KEPT_FOR = 100


class _Stored(NamedTuple):
    generation: int  # how many builds added to the cache
    results: dict[str, tuple[str, int]]  # text -> (result, the generation that last used it)


class TextCache:
    def __init__(self, name: str) -> None:
        self._name = name
        self._path: Path | None = None
        self._version: tuple[str, ...] = ()
        # text -> (result, the last generation of the cache that used it)
        self._results: dict[str, tuple[str, int]] | None = None
        self._generation = 0
        self._used: set[str] = set()
        self._grew = False

    def start(self, app: Sphinx, version: tuple[str, ...]) -> None:
        self._path = Path(app.doctreedir) / "scholarpages" / f"{self._name}.pickle"
        self._version = version
        self._results, self._generation, self._used, self._grew = None, 0, set(), False

    def _load(self) -> dict[str, tuple[str, int]]:
        stored = None if self._path is None else read_cache_file(self._path, self._version)
        if not isinstance(stored, _Stored):
            return {}
        self._generation = stored.generation
        return stored.results

    def get(self, text: str, compute: Callable[[], str]) -> str:
        if self._results is None:
            self._results = self._load()
        self._used.add(text)
        found = self._results.get(text)
        if found is None:
            found = self._results[text] = (compute(), self._generation)
            self._grew = True
        return found[0]

    def save(self) -> None:
        if not self._grew or self._results is None or self._path is None:
            return
        generation = self._generation + 1
        kept = {
            text: (result, generation if text in self._used else last)
            for text, (result, last) in self._results.items()
            if text in self._used or generation - last < KEPT_FOR
        }
        write_cache_file(self._path, self._version, _Stored(generation, kept))
        self._results, self._generation, self._grew = kept, generation, False
