"""A database's .bib files read into a Database, with every problem found in them.

The one reader of every database a site has (its publications, the works it cites): the
bytes of each file decoded, the files parsed in order as one database, then its values
cleaned of control characters and its math checked. Nothing in the files raises: each
problem is kept, with its line counted through the files (see Database.where).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sphinx.util import logging

from ..math.mathml import RenderedMath, render_math
from .bib_encoding import decode_bib
from .bib_math import entry_math_problems
from .bib_split import Split, normalise_newlines
from .control_characters import control_character_check
from .database import BibSource, Database, KnownChunks, ParsedChunks, parse_database
from .entry_checks import Check, Remember, check_entries
from .inheritance import KeepBibtex

logger = logging.getLogger(__name__)


def read_bib_bytes(path: Path, what: str) -> bytes:
    """The file's bytes; none, with a warning, when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        logger.warning(
            f"{what} {path} cannot be read: {error.strerror}",
            type="scholarpages",
            subtype="bibfile",
        )
        return b""


def read_bib_files(
    paths: Sequence[Path],
    raw: Sequence[bytes],
    private_fields: frozenset[str],
    known: KnownChunks | None = None,
    *,
    render: Callable[[str, str], RenderedMath] = render_math,
    splits: list[Split] | None = None,
    remember: Remember | None = None,
    keep_bibtex: KeepBibtex | None = None,
    more_checks: Sequence[tuple[str, Check]] = (),
) -> tuple[Database, ParsedChunks]:
    """The database the files hold, and what was read of it (see parse_database, which
    also reads and renews ``splits``); its math converted by ``render``. What the checks
    of each entry (control characters, math, then ``more_checks``) find is kept by
    ``remember`` (see entry_checks); ``keep_bibtex`` keeps the BibTeX of entries with a
    ``crossref`` (see inheritance)."""
    logger.debug("database read from %s", ", ".join(str(path) for path in paths))
    sources, encoding_problems = [], []
    first_line = 1
    for path, content in zip(paths, raw, strict=True):
        text, problems = decode_bib(content)
        sources.append(BibSource(str(path), text))
        # Lines count through the files in order (see Database.where).
        encoding_problems += [
            problem._replace(line=problem.line + first_line - 1) for problem in problems
        ]
        first_line += normalise_newlines(text).count("\n") + 1
    database, chunks = parse_database(
        sources, str(paths[0]), private_fields, known, splits, keep_bibtex=keep_bibtex
    )
    database.problems[:0] = encoding_problems
    checks: list[tuple[str, Check]] = [
        ("control", control_character_check),
        ("math", lambda entry: (None, entry_math_problems(entry, render))),
        *more_checks,
    ]
    database.problems.extend(check_entries(database, checks, remember))
    return database, chunks
