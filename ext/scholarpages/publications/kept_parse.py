"""What a parse of the database keeps in the store for the next build, in parts an edit of
one entry rewrites few of.

- **Blocks**: the entries of each block of the files, by a digest of what they are read
  from (see database.chunk_key), spread over tables by its first character: an edit writes
  the table its new text falls in, not every block's.
- **Entries**: the database's entries as the build uses them, for a later build that does
  not parse but needs them; kept in slices of a few hundred, each in a table of its own
  place in the list and keyed by a digest of its content, with an index of the slices: an
  edit writes the slice it changed and the index.

Only what the last parse made is kept (keep=1): a table that gains a part drops those no
longer used. A part that is damaged or gone reads as missing: the parse reads the blocks
again, and the entries are parsed again from the files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from ..store import Store
from .database import ParsedChunks, Publication, Records

_BLOCKS = "chunks"
_ENTRIES = "entries"
_INDEX = "index"
# Entries to a slice: each written in about a millisecond.
_SLICE = 256


class KeptBlocks:
    """The blocks read by earlier parses, as database.KnownChunks."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @staticmethod
    def _table(key: str) -> str:
        return f"{_BLOCKS}/{key[:1]}"

    def get(self, key: str) -> Records | None:
        found: Records | None = self._store.find(self._table(key), key, keep=1)
        return found

    def keep(self, chunks: ParsedChunks) -> None:
        for key, records in chunks.items():
            # Only a table that gains a block is written again.
            if self.get(key) is None:
                self._store.put(self._table(key), key, records, keep=1)


def _slice_key(entries: Sequence[Publication], digests: Mapping[str, str]) -> str:
    """A digest of what the entries are: the digest of each one's type, fields and persons
    (Database.entry_digests), its line and its BibTeX, which the rest is made from."""
    digest = hashlib.sha256()
    for entry in entries:
        bibtex = entry.bibtex.encode("utf-8", "surrogatepass")
        said = (entry.key, digests.get(entry.key), entry.line, len(bibtex))
        digest.update(repr(said).encode("utf-8", "surrogatepass"))
        digest.update(bibtex)
    return digest.hexdigest()


class KeptEntries:
    """The entries of the last parse, in slices."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def keep(
        self, database_digest: str, entries: list[Publication], digests: Mapping[str, str]
    ) -> None:
        before = self._index()
        kept = before[1] if before is not None else []
        keys = []
        for place, start in enumerate(range(0, len(entries), _SLICE)):
            part = entries[start : start + _SLICE]
            key = _slice_key(part, digests)
            keys.append(key)
            if place >= len(kept) or kept[place] != key:
                self._store.put(f"{_ENTRIES}/{place}", key, part, keep=1)
        self._store.put(_ENTRIES, _INDEX, (database_digest, keys), keep=1)

    def read(self, database_digest: str) -> list[Publication] | None:
        """The entries of the database with this digest; None if some are not kept."""
        index = self._index()
        if index is None or index[0] != database_digest:
            return None
        entries: list[Publication] = []
        for place, key in enumerate(index[1]):
            part = self._store.find(f"{_ENTRIES}/{place}", key, keep=1)
            if not isinstance(part, list):
                # Damaged or gone: the entries parsed again are kept whole.
                self._store.put(_ENTRIES, _INDEX, None, keep=1)
                return None
            entries.extend(part)
        return entries

    def _index(self) -> tuple[str, list[str]] | None:
        found = self._store.find(_ENTRIES, _INDEX, keep=1)
        return found if isinstance(found, tuple) else None
