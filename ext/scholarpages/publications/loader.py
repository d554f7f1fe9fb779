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
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple, TypeVar

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..build_state import state_of
from ..confinement import is_inside, project_root
from ..math.mathml import RenderedMath, render_math
from ..store import Store, collector_paused
from .bib_files import read_bib_bytes, read_bib_files
from .bib_split import Split
from .buttons import buttons, safe_target
from .database import Database, Publication
from .entry_checks import Check
from .identifiers import identifier_index
from .kept_parse import KeptBlocks, KeptEntries
from .problems import Problem
from .settings import private_fields

logger = logging.getLogger(__name__)

DEFAULT_BIBFILE = "../publications.bib"
_SPLITS = "publications"
T = TypeVar("T")


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


def database_of(owner: Sphinx | BuildEnvironment) -> Database:
    """The database of the build, as loaded when its configuration was read."""
    return state_of(owner).database or Database(path="")


def cache_dir(app: Sphinx) -> Path:
    folder = Path(app.doctreedir) / "scholarpages"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _Inputs(NamedTuple):
    """What a parse depends on."""

    file: str  # digest of the files' bytes, in order
    fields: str  # the site-only fields, which shape each entry's BibTeX
    links: str  # the button settings, which decide which links are refused


def _link_checks(config: Config) -> list[tuple[str, Check]]:
    """The checks of an entry's links and preview: refused values are said."""
    labels, file_base = dict(config.scholarpages_buttons), config.scholarpages_file_base

    def links(publication: Publication) -> tuple[None, list[Problem]]:
        return None, [
            Problem(
                publication.line,
                f"entry {publication.key!r}: {link.field} {link.value!r} is not an http(s) "
                "URL or a path of this site; it is not linked",
                "unsafe_link",
            )
            for link in buttons(publication, labels, file_base)[1]
        ]

    def preview(publication: Publication) -> tuple[None, list[Problem]]:
        image = publication.get("preview")
        if not image or safe_target(image, "/") is not None:
            return None, []
        message = (
            f"entry {publication.key!r}: preview {image!r} is not an "
            "http(s) URL or an image of this site; it is not shown"
        )
        return None, [Problem(publication.line, message, "unsafe_link")]

    # The refused links of every entry, then the refused previews.
    return [("links", links), ("preview", preview)]


def _read_database(app: Sphinx, config: Config, paths: list[Path]) -> Database:
    """The database in ``paths``, from the store when neither they nor its settings changed.

    From the store, its entries are read only when something asks for them: they are kept
    apart (see kept_parse).
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
    store = state_of(app).store
    parsed: list[Database] = []

    def parse() -> Database:
        # What a parse makes is nearly all kept (the entries, the tables it reads): a
        # collection meanwhile would walk thousands of entries and find nothing to free.
        with collector_paused():
            database = _parse(app, config, paths, raw, inputs)
        parsed.append(database)
        # Only the last database is kept: an earlier one is not worth its size.
        KeptEntries(store).keep(database.digest, database.publications, database.entry_digests)
        return replace(database, entries=None, read_entries=None)

    summary = store.memo("database", inputs, parse, keep=1)
    if parsed:
        return _name_files(parsed[0], paths)
    database = replace(summary)

    def read_entries() -> list[Publication]:
        kept = KeptEntries(store)
        entries = kept.read(database.digest)
        if entries is None:
            # Gone or damaged since: read from the text it was made of.
            with collector_paused():
                again = _parse(app, config, paths, raw, inputs)
            entries = again.publications
            kept.keep(again.digest, entries, again.entry_digests)
        return entries

    database.read_entries = read_entries
    return _name_files(database, paths)


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
    # The entries as last read, for this parse to reuse those whose text did not change.
    store = state_of(app).store
    known = KeptBlocks(store)
    # How the files were cut into blocks: after an edit, only the edited part is cut again.
    splits: list[Split] = list(store.memo("splits", _SPLITS, list, keep=1))

    def remember(key: Hashable, compute: Callable[[], T]) -> T:
        # What an entry's checks found, for the settings they were made with.
        return store.memo("checks", (inputs.fields, inputs.links, key), compute, keep=1)

    database, chunks = read_bib_files(
        paths,
        raw,
        private_fields(config),
        known,
        render=_kept_math(store),
        splits=splits,
        remember=remember,
        keep_bibtex=lambda key, write: store.memo("inherited", key, write, keep=1),
        more_checks=_link_checks(config),
    )
    store.put("splits", _SPLITS, splits, keep=1)
    database.identifiers = identifier_index(database.publications)
    database.digest = hashlib.sha256(repr(inputs).encode()).hexdigest()
    known.keep(chunks)
    return database


def _kept_math(store: Store) -> Callable[[str, str], RenderedMath]:
    """``render_math`` from the store: after an edit, the math of the other entries is not
    converted again (about a millisecond a piece)."""

    def render(source: str, latex: str) -> RenderedMath:
        stored = store.memo("math", source, lambda: render_math(source, latex).to_json())
        return RenderedMath.from_json(stored)

    return render


def load_database(app: Sphinx, config: Config) -> None:
    paths = bibfile_paths(app, config)
    if not paths:
        state_of(app).database = Database(path="")
        return
    database = _read_database(app, config, paths)
    report_problems(database)
    state_of(app).database = database


def report_problems(database: Database) -> None:
    """Each problem of the database, as a warning at its file and line."""
    for problem in database.problems:
        logger.warning(
            problem.message,
            location=database.location(problem.line),
            type="scholarpages",
            subtype=f"bib.{problem.subtype}",
        )
