"""Loading the database once per change of the .bib file or of the settings that shape it.

The parsed database is cached on disk, keyed by a hash of the file's content and of those
settings, so an unchanged .bib is never parsed again; after an edit, the entries whose
text did not change are reused from the last parse. From the cache, what a rebuild needs
first (digests, problems, old URLs, identifiers) is read at once, and the entries only if
it asks. The problems found (syntax errors, repeated keys, unsafe links...) are kept with
it and reported on every build, so a build with ``-W`` fails for as long as they are there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..code_version import code_version
from ..confinement import is_inside, project_root
from .bib_files import read_bib_bytes, read_bib_files
from .buttons import buttons, safe_target
from .cache_file import read_cache_file, write_cache_file
from .database import Database, ParsedChunks, Publication
from .identifiers import identifier_index
from .problems import Problem
from .settings import private_fields

logger = logging.getLogger(__name__)

# The database of each project being built, by its source directory.
_DATABASES: dict[str, Database] = {}


DEFAULT_BIBFILE = "../publications.bib"


def bibfile_paths(app: Sphinx, config: Config) -> list[Path]:
    """The database's files, in the order they are read; none when none is configured and
    the default does not exist."""
    return configured_paths(
        app, config.scholarpages_bibfile, DEFAULT_BIBFILE, "publications database"
    )


def configured_paths(
    app: Sphinx, configured: str | Sequence[str] | None, default: str, what: str
) -> list[Path]:
    """The files a setting names (one or a list, relative to conf.py), in order; when it
    names none, ``default`` if that file exists."""
    if not configured:
        path = (Path(app.confdir) / default).resolve()
        return _confined(app, [(default, path)], what) if path.is_file() else []
    names = [configured] if isinstance(configured, str) else [str(name) for name in configured]
    return _confined(app, [(name, (Path(app.confdir) / name).resolve()) for name in names], what)


def _confined(app: Sphinx, files: list[tuple[str, Path]], what: str) -> list[Path]:
    inside = []
    for name, path in files:
        if is_inside(path, project_root(app.srcdir)):
            inside.append(path)
            continue
        # A symlink or a path out of the project would publish any file as the database.
        logger.warning(
            f"{what} {name!r} leads to {path}, outside the project; it is not read",
            type="scholarpages",
            subtype="confinement",
        )
    return inside


@lru_cache(maxsize=32)
def _site_key(srcdir: str) -> str:
    # Resolving a path costs a system call per folder, and pages ask once or more each.
    return str(Path(srcdir).resolve())


def database_of(srcdir: str | Path) -> Database:
    return _DATABASES.get(_site_key(str(srcdir))) or Database(path="")


def cache_dir(app: Sphinx) -> Path:
    folder = Path(app.doctreedir) / "scholarpages"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _Inputs(NamedTuple):
    """What a parse depends on."""

    file: str  # digest of the files' bytes, in order
    fields: str  # the site-only fields, which shape each entry's BibTeX
    links: str  # the button settings, which decide which links are refused


class _Cached(NamedTuple):
    inputs: _Inputs
    database: Database  # without its entries: they are in the file _entries_file names


class _CachedChunks(NamedTuple):
    fields: str  # the site-only fields the entries were read with
    chunks: ParsedChunks  # the entries read, for the next parse to reuse


def _entries_file(app: Sphinx, digest: str) -> Path:
    # Named by the database's digest: whether it is there is known without reading it.
    return cache_dir(app) / f"entries-{digest[:32]}.pickle"


def _unsafe_links(database: Database, config: Config) -> list[Problem]:
    labels, file_base = dict(config.scholarpages_buttons), config.scholarpages_file_base
    problems = [
        Problem(
            publication.line,
            f"entry {publication.key!r}: {link.field} {link.value!r} is not an http(s) URL "
            "or a path of this site; it is not linked",
            "unsafe_link",
        )
        for publication in database.publications
        for link in buttons(publication, labels, file_base)[1]
    ]
    problems.extend(
        Problem(
            publication.line,
            f"entry {publication.key!r}: preview {publication.get('preview')!r} is not an "
            "http(s) URL or an image of this site; it is not shown",
            "unsafe_link",
        )
        for publication in database.publications
        if publication.get("preview") and safe_target(publication.get("preview"), "/") is None
    )
    return problems


def _read_database(app: Sphinx, config: Config, paths: list[Path]) -> Database:
    """The database in ``paths``, from the cache when neither they nor its settings changed.

    From the cache, its entries are read only when something asks for them.
    """
    raw = [read_bib_bytes(path, "publications database") for path in paths]
    fields = private_fields(config)
    files = hashlib.sha256()
    for content in raw:
        # Each file's digest, so that no two lists of files hash alike.
        files.update(hashlib.sha256(content).digest())
    inputs = _Inputs(
        files.hexdigest(),
        ",".join(sorted(fields)),
        repr((sorted(config.scholarpages_buttons.items()), config.scholarpages_file_base)),
    )
    cached = read_cache_file(cache_dir(app) / "database.pickle", code_version())
    if isinstance(cached, _Cached) and cached.inputs == inputs:
        entries = _entries_file(app, cached.database.digest)
        if entries.is_file():
            database = cached.database

            def read_entries() -> list[Publication]:
                stored = read_cache_file(entries, code_version())
                if isinstance(stored, list):
                    return stored
                # Gone or damaged since the build started: read from the text it was made of.
                return _parse(app, config, paths, raw, inputs).publications

            database.read_entries = read_entries
            _name_files(database, paths)
            return database
    return _name_files(_parse(app, config, paths, raw, inputs), paths)


def _name_files(database: Database, paths: list[Path]) -> Database:
    """The database with its files' paths as they are now (the cache may come from another
    folder: it is keyed by content)."""
    database.path = str(paths[0])
    starts = [first for _, first in database.files] or [1]
    database.files = [(str(path), first) for path, first in zip(paths, starts, strict=False)]
    return database


def _parse(
    app: Sphinx, config: Config, paths: list[Path], raw: list[bytes], inputs: _Inputs
) -> Database:
    """Parse the database, reusing the entries whose text did not change, and cache it."""
    # The entries as read are kept apart: a build needs them only when the file changed.
    folder = cache_dir(app)
    read_before = read_cache_file(folder / "chunks.pickle", code_version())
    same_fields = isinstance(read_before, _CachedChunks) and read_before.fields == inputs.fields
    known = read_before.chunks if same_fields else {}
    database, chunks = read_bib_files(paths, raw, private_fields(config), known)
    database.problems.extend(_unsafe_links(database, config))
    database.identifiers = identifier_index(database.publications)
    database.digest = hashlib.sha256(repr(inputs).encode()).hexdigest()
    entries = _entries_file(app, database.digest)
    for stale in folder.glob("entries-*.pickle"):
        if stale != entries:
            stale.unlink(missing_ok=True)
    write_cache_file(entries, code_version(), database.publications)
    summary = replace(database, entries=None, read_entries=None)
    write_cache_file(folder / "database.pickle", code_version(), _Cached(inputs, summary))
    write_cache_file(folder / "chunks.pickle", code_version(), _CachedChunks(inputs.fields, chunks))
    return database


def load_database(app: Sphinx, config: Config) -> None:
    paths = bibfile_paths(app, config)
    if not paths:
        _DATABASES[_site_key(str(app.srcdir))] = Database(path="")
        return
    database = _read_database(app, config, paths)
    for problem in database.problems:
        logger.warning(
            problem.message,
            location=database.location(problem.line),
            type="scholarpages",
            subtype=f"bib.{problem.subtype}",
        )
    _DATABASES[_site_key(str(app.srcdir))] = database
