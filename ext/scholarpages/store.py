"""What a build keeps for the next one, in one folder beside the doctrees.

Two kinds of things are kept:

- **Memos**: a result worked out from content (a decoded LaTeX string, a parsed database),
  in a table that maps a key made of that content to the result. A table is read when first
  used and written back when the build added to it; one written by other code (the package's
  source files or the libraries' versions, see code_version) reads as empty. Results no
  build used are dropped after a number of builds that added to the table, so a table does
  not grow without end as the content is edited.
- **Records**: what a part of the build noted for the next build of the same project (the
  redirect files it wrote, the entries of a page as written), read and written whole under
  a name. A record written by other code reads as nothing, like a memo table.
- **Outputs**: for each file the build writes only when its inputs change (a feed, the
  whole database's BibTeX), a digest of those inputs and of the code's version. A build
  asks whether a file is current for its inputs, and marks it when it writes it (or finds
  it current); files marked by an earlier build that no handler marked in this one are
  removed when the build ends, as a clean build would not make them.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from sphinx.util import logging

from .confinement import is_inside

T = TypeVar("T")

logger = logging.getLogger(__name__)

# Builds that add to a table, through which a result no build used is still kept.
KEPT_FOR = 100

_OUTPUTS = "outputs"


class _Stored(NamedTuple):
    version: str
    generation: int  # how many builds added to the table
    results: dict[Any, tuple[Any, int]]  # key -> (result, the generation that last used it)


@dataclass
class _Table:
    generation: int
    results: dict[Any, tuple[Any, int]]
    keep: int
    used: set[Any] = field(default_factory=set)
    grew: bool = False


def _digest(inputs: object) -> str:
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


class Store:
    """The memo tables and the outputs manifest of one project's doctree folder."""

    def __init__(self, folder: Path, version: str) -> None:
        self._folder = folder
        self._version = version
        self._tables: dict[str, _Table] = {}
        self._outputs: dict[str, str] | None = None  # output path -> digest of its inputs
        self._produced: dict[str, str] = {}  # the outputs this build made or found current

    # Memos

    def memo(
        self, table: str, key: Hashable, compute: Callable[[], T], keep: int | None = None
    ) -> T:
        """The result kept for ``key`` in ``table``, or ``compute()``'s, kept from now on.

        ``keep``: builds adding to the table through which an unused result stays
        (KEPT_FOR unless given).
        """
        found = self._look_up(table, key, keep)
        if found is None:
            stored = self._tables[table]
            found = stored.results[key] = (compute(), stored.generation)
            stored.grew = True
        result: T = found[0]
        return result

    def find(self, table: str, key: Hashable, keep: int | None = None) -> Any:
        """The result kept for ``key`` in ``table`` (kept on, as used), or None: for a caller
        that decides itself what to keep, with ``put``."""
        found = self._look_up(table, key, keep)
        return None if found is None else found[0]

    def _look_up(self, table: str, key: Hashable, keep: int | None) -> tuple[Any, int] | None:
        """(result, the generation that last used it) kept for ``key``; the key is used."""
        stored = self._table(table, keep)
        stored.used.add(key)
        return stored.results.get(key)

    def put(self, table: str, key: Hashable, value: object, keep: int | None = None) -> None:
        """Keep ``value`` for ``key``, in place of what was kept (a result kept for reuse by
        the next build's work, not for the same input)."""
        if keep == 1 and table not in self._tables:
            # Only what this build uses is kept: what the table held need not be read.
            self._tables[table] = _Table(0, {}, 1)
        stored = self._table(table, keep)
        stored.used.add(key)
        stored.results[key] = (value, stored.generation)
        stored.grew = True

    def _table(self, name: str, keep: int | None) -> _Table:
        table = self._tables.get(name)
        if table is None:
            stored = self._read(self._folder / f"{name}.memo")
            if isinstance(stored, _Stored) and stored.version == self._version:
                table = _Table(stored.generation, stored.results, KEPT_FOR)
            else:
                table = _Table(0, {}, KEPT_FOR)
            self._tables[name] = table
        table.keep = KEPT_FOR if keep is None else keep
        return table

    def _save_tables(self) -> None:
        # Keeping a table makes a tuple a result: collections meanwhile would walk every
        # object the build holds, again and again, and find nothing to free.
        with collector_paused():
            for name, table in self._tables.items():
                self._save_table(name, table)

    def _save_table(self, name: str, table: _Table) -> None:
        if not table.grew:
            table.used = set()
            return
        generation = table.generation + 1
        kept = {
            key: (result, generation if key in table.used else last)
            for key, (result, last) in table.results.items()
            if key in table.used or generation - last < table.keep
        }
        self._write(self._folder / f"{name}.memo", _Stored(self._version, generation, kept))
        table.generation, table.results, table.used, table.grew = generation, kept, set(), False

    # Records

    def load(self, name: str, *, any_version: bool = False) -> Any:
        """The record ``name`` as this code saved it; None if there is none such.

        ``any_version``: as any code saved it. A record of the files a build wrote must
        outlive an upgrade: the next build removes those it no longer writes.
        """
        stored = self._read(self._record(name))
        matches = isinstance(stored, tuple) and len(stored) == 2
        return stored[1] if matches and (any_version or stored[0] == self._version) else None

    def save(self, name: str, value: object) -> None:
        self._write(self._record(name), (self._version, value))

    def discard(self, name: str) -> None:
        self._record(name).unlink(missing_ok=True)

    def names(self, folder: str) -> set[str]:
        """The names of the records in ``folder`` (``folder/...``)."""
        return {f"{folder}/{path.stem}" for path in (self._folder / folder).glob("*.record")}

    def _record(self, name: str) -> Path:
        return self._folder / f"{name}.record"

    # Outputs

    def current(self, path: Path, inputs: object) -> bool:
        """True if ``path`` was written from ``inputs`` and is still there; it is then kept."""
        if self._outputs is None:
            self._outputs = self._read_outputs()
        digest = _digest((self._version, inputs))
        if self._outputs.get(str(path)) == digest and path.exists():
            self._produced[str(path)] = digest
            return True
        return False

    def mark(self, path: Path, inputs: object) -> None:
        """``path`` has just been written from ``inputs``."""
        self._produced[str(path)] = _digest((self._version, inputs))

    def _read_outputs(self) -> dict[str, str]:
        stored = self._read(self._folder / f"{_OUTPUTS}.manifest")
        return stored if isinstance(stored, dict) else {}

    def _close_outputs(self, outdir: Path) -> None:
        before = self._outputs if self._outputs is not None else self._read_outputs()
        after = dict(self._produced)
        for name, digest in before.items():
            if name in after:
                continue
            if is_inside(Path(name), outdir):
                remove_output(Path(name), outdir)
            else:
                after[name] = digest  # another builder's output: not this build's to judge
        if after != before:
            self._write(self._folder / f"{_OUTPUTS}.manifest", after)
        self._outputs, self._produced = after, {}

    def close(self, outdir: Path | None) -> None:
        """The end of a build: tables that grew are saved, and, given the output folder of
        a build that succeeded, outputs no longer made are removed."""
        self._save_tables()
        if outdir is not None:
            self._close_outputs(outdir)

    # Files

    @staticmethod
    def _read(path: Path) -> Any:
        logger.debug("kept from the last build: %s read", path)
        try:
            with path.open("rb") as stream, collector_paused():
                return pickle.load(stream)  # noqa: S301 - our own file
        # ImportError: a class it names was moved by an upgrade of the package.
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            ValueError,
            AttributeError,
            TypeError,
            ImportError,
        ):
            return None

    def _write(self, path: Path, value: object) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as stream, collector_paused():
            pickle.dump(value, stream, pickle.HIGHEST_PROTOCOL)
        # A build stopped while writing leaves the file it had, not half a file.
        partial.replace(path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Unpickling makes only objects that are kept, and pickling only its own bookkeeping:
    collections during either find nothing to free, and with a large table they would go
    through it again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it; True if it was written.

    An unchanged file keeps its modification time: the web server's caches, rsync and
    sphinxcontrib-bibtex's own cache all see that nothing changed.
    """
    # Compared as bytes: a file of megabytes is not decoded into a string again.
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
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
