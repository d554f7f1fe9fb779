"""Loading the database once per change of the .bib file, and handing it to sphinxcontrib-bibtex.

The parsed database is cached on disk keyed by a hash of the file's content and of the
settings that shape it, so an unchanged .bib is never parsed again. sphinxcontrib-bibtex
(which gives the ``{cite}`` roles) reads a copy holding only the entries that parsed, each
once: a broken entry or a repeated key can then neither abort the build nor hide the
entries after it.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .buttons import buttons
from .database import BIBTEX_TYPES, Database, Publication, parse_database
from .settings import private_fields

logger = logging.getLogger(__name__)

_CACHE_VERSION = "1"
# The database of each project being built, by its source directory.
_DATABASES: dict[str, Database] = {}


DEFAULT_BIBFILE = "../publications.bib"


def bibfile_path(app: Sphinx, config: Config) -> Path | None:
    """The database file; None when none is configured and the default does not exist."""
    configured = config.scholarpages_bibfile
    path = (Path(app.confdir) / (configured or DEFAULT_BIBFILE)).resolve()
    return path if configured or path.is_file() else None


def database_of(srcdir: str | Path) -> Database:
    return _DATABASES.get(str(Path(srcdir).resolve())) or Database(path="")


def _cache_dir(app: Sphinx) -> Path:
    folder = Path(app.doctreedir) / "scholarpages"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _read_cached(cache: Path, digest: str) -> Database | None:
    try:
        with cache.open("rb") as stream:
            stored_digest, database = pickle.load(stream)  # noqa: S301 - our own cache file
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return None
    return database if stored_digest == digest and isinstance(database, Database) else None


def _write_if_changed(path: Path, text: str) -> None:
    # An unchanged copy keeps its modification time, so sphinxcontrib-bibtex's own cache holds.
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _for_styles(publication: Publication) -> str:
    """An entry as sphinxcontrib-bibtex's pybtex styles can format it, never failing."""
    if publication.entry_type in BIBTEX_TYPES:
        return publication.bibtex
    return "@misc" + publication.bibtex[publication.bibtex.index("{") :]


def _warn_unsafe_links(database: Database, config: Config, path: Path) -> None:
    for publication in database.publications:
        _, refused = buttons(
            publication, dict(config.scholarpages_buttons), config.scholarpages_file_base
        )
        for link in refused:
            logger.warning(
                f"entry {publication.key!r}: {link.field} {link.value!r} is not an http(s) URL "
                "or a path of this site; it is not linked",
                location=f"{path}:{publication.line}",
                type="scholarpages",
                subtype="bib.unsafe_link",
            )


def _read_database(app: Sphinx, config: Config, path: Path) -> Database:
    """The database in ``path``, from the cache when the file has not changed."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        logger.warning(
            f"publications database {path} cannot be read: {error.strerror}",
            type="scholarpages",
            subtype="bibfile",
        )
        raw = b""
    fields = private_fields(config)
    digest = hashlib.sha256(
        b"\0".join([_CACHE_VERSION.encode(), raw, ",".join(sorted(fields)).encode()])
    ).hexdigest()
    cache = _cache_dir(app) / "database.pickle"
    database = _read_cached(cache, digest)
    if database is None:
        database = parse_database(raw.decode("utf-8-sig", errors="replace"), str(path), fields)
        with cache.open("wb") as stream:
            pickle.dump((digest, database), stream, pickle.HIGHEST_PROTOCOL)
    database.path = str(path)
    return database


def load_database(app: Sphinx, config: Config) -> None:
    path = bibfile_path(app, config)
    own = [Path(app.confdir, bib).resolve() for bib in (config.bibtex_bibfiles or [])]
    others = [str(bib) for bib in own if bib != path]
    if path is None:
        _DATABASES[str(Path(app.srcdir).resolve())] = Database(path="")
        config.bibtex_bibfiles = others
        return
    database = _read_database(app, config, path)
    for problem in database.problems:
        logger.warning(
            problem.message,
            location=f"{path}:{problem.line}",
            type="scholarpages",
            subtype=f"bib.{problem.subtype}",
        )
    _warn_unsafe_links(database, config, path)
    clean_copy = _cache_dir(app) / "publications.bib"
    _write_if_changed(clean_copy, "\n\n".join(map(_for_styles, database.publications)) + "\n")
    _DATABASES[str(Path(app.srcdir).resolve())] = database
    config.bibtex_bibfiles = [*others, str(clean_copy)]
