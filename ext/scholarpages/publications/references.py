"""The works the pages cite that are not the owner's: a second database, ``references.bib``.

Read by the same reader as the publications (see bib_files), so nothing in it stops the
build either, and given to sphinxcontrib-bibtex with the cited publications (see
cited_copy): ``{cite}``, ``{footcite}`` and ``{bibliography}`` work as for publications.
Everything that makes a work one of the owner's (lists, paper pages, the feed, the
sitemap, Google Scholar's tags, the downloadable database) reads the publications only.

A key in both databases is the publication's: the reference is left out, with a warning.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..build_state import state_of
from .bib_files import read_bib_bytes, read_bib_files
from .database import Database, Publication
from .loader import configured_paths, database_of, report_problems
from .settings import private_fields

logger = logging.getLogger(__name__)

DEFAULT_REFERENCES = "../references.bib"
_WHAT = "references database"


class References(NamedTuple):
    database: Database
    shadowed: frozenset[str]  # lower-case keys that are publications too: those win

    @property
    def digest(self) -> str:
        """Of the database and of what it lends to citations."""
        return f"{self.database.digest}:{','.join(sorted(self.shadowed))}"

    def citable(self) -> list[Publication]:
        """The entries sphinxcontrib-bibtex is given."""
        return [p for p in self.database.publications if p.key.lower() not in self.shadowed]

    def entry_digests(self) -> dict[str, str]:
        """Lower-case key -> digest of each citable entry (citations match keys so)."""
        return {
            key.lower(): digest
            for key, digest in self.database.entry_digests.items()
            if key.lower() not in self.shadowed
        }


def references_of(app: Sphinx) -> References:
    found = state_of(app).references
    return found if found is not None else References(Database(path=""), frozenset())


def _read(app: Sphinx, config: Config, paths: list[Path]) -> Database:
    """The database in ``paths``, from the store when neither they nor its settings changed."""
    raw = [read_bib_bytes(path, _WHAT) for path in paths]
    fields = private_fields(config)
    inputs = hashlib.sha256()
    for path, content in zip(paths, raw, strict=True):
        # The paths too: warnings and cited entries name the files as they are now.
        inputs.update(f"{path}\0{hashlib.sha256(content).hexdigest()}\0".encode())
    inputs.update(",".join(sorted(fields)).encode())
    digest = inputs.hexdigest()

    def parse() -> Database:
        database, _ = read_bib_files(paths, raw, fields)
        database.digest = digest
        return database

    # keep=1: only the references as they are now are worth their size.
    return state_of(app).store.memo("references", digest, parse, keep=1)


def _shadowed(references: Database, publications: Database) -> frozenset[str]:
    """The keys of references that are publications too, each reported once."""
    published = {key.lower() for key in publications.entry_digests}
    shadowed = [p for p in references.publications if p.key.lower() in published]
    if not shadowed:
        return frozenset()
    by_key = {p.key.lower(): p for p in publications.publications}
    for reference in shadowed:
        publication = by_key[reference.key.lower()]
        logger.warning(
            f"entry {reference.key!r} is in the references and, as {publication.key!r}, in "
            f"the publications ({publications.location(publication.line)}); the publication "
            "is the one cited, and this entry is skipped",
            location=references.location(reference.line),
            type="scholarpages",
            subtype="bib.duplicate",
        )
    return frozenset(p.key.lower() for p in shadowed)


def load_references(app: Sphinx, config: Config) -> None:
    """Read the references, report their problems, and keep them for this build."""
    paths = configured_paths(app, config.scholarpages_references, DEFAULT_REFERENCES, _WHAT)
    database = _read(app, config, paths) if paths else Database(path="")
    report_problems(database)
    shadowed = _shadowed(database, database_of(app)) if database.path else frozenset()
    state_of(app).references = References(database, shadowed)
