"""The publications database: ``publications.bib`` read into typed, validated records.

pybtex does the parsing. What this module adds is resilience: the file is cut into its
blocks as BibTeX reads it (see bib_split) and every block is parsed on its own (with the
``@string`` macros defined so far), so an entry with a syntax error is reported with its
line and every other entry, those after it included, still appears. What a block may grow
to is bounded (see bib_limits). Repeated keys (BibTeX keys are case-insensitive), undefined
macros, missing titles or years, unknown entry types and a ``crossref`` to no entry are
reported too, and the entry is kept as well as it can be.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser, UndefinedMacro
from pybtex.scanner import PybtexSyntaxError
from sphinx.util import logging

from .bib_limits import cut_entry, keep_macro, within_limits
from .bib_split import Block, Split, label, normalise_newlines, pieces, restart_point, split
from .bib_writing import clean_bibtex
from .inheritance import KeepBibtex, inherit
from .problems import Problem

logger = logging.getLogger(__name__)

_NOT_ENTRIES = {"string", "preamble", "comment"}
_IN_LINE = re.compile(r" in line \d+")
# Between the URLs of a field that lists several (``redirect_from``).
_URL_SEPARATOR = re.compile(r"[\s,]+")

# The entry types of classic BibTeX: pybtex's styles format these, and only these.
BIBTEX_TYPES = frozenset(
    {
        "article",
        "book",
        "booklet",
        "inbook",
        "incollection",
        "inproceedings",
        "manual",
        "mastersthesis",
        "misc",
        "phdthesis",
        "proceedings",
        "techreport",
        "unpublished",
    }
)
# What real databases also use (biblatex and common extensions): accepted without a warning.
KNOWN_TYPES = BIBTEX_TYPES | {
    "conference",
    "online",
    "thesis",
    "report",
    "software",
    "dataset",
    "presentation",
    "talk",
    "patent",
}


class BibSource(NamedTuple):
    """One file of the database, as ``\\bibliography{a,b,c}`` names it, and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class Locate:
    """The file and its own line of a line counted through the files of a database.

    Plain data, so that it goes with the pages written in other processes.
    """

    files: tuple[tuple[str, int], ...]  # (path, the count of its first line), in order

    def __call__(self, line: int) -> tuple[str, int]:
        index = max(bisect_right([first for _, first in self.files], line) - 1, 0)
        path, first = self.files[index] if self.files else ("", 1)
        return path, line - first + 1


class Publication(NamedTuple):
    """One entry of the database, with its values as written (LaTeX included)."""

    key: str
    entry_type: str  # lower case
    fields: Mapping[str, str]  # field names in lower case; macros expanded
    persons: Mapping[str, tuple[str, ...]]  # role ("author", "editor") -> names as written
    # Where the entry starts, counted through the files in order (see Database.where).
    line: int
    bibtex: str  # the entry as clean BibTeX, without the site-only fields

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()


@dataclass
class Database:
    path: str
    problems: list[Problem] = field(default_factory=list)
    # Of the file and the settings it was read with: databases with equal digests are equal.
    digest: str = ""
    # key -> digest of the entry's content, to tell which entries an edit changed.
    entry_digests: dict[str, str] = field(default_factory=dict)
    # (key, line, URL) for each old URL an entry's ``redirect_from`` lists.
    old_urls: list[tuple[str, int, str]] = field(default_factory=list)
    # arXiv id, DOI or URL -> key of the entry there (see identifiers).
    identifiers: dict[str, str] = field(default_factory=dict)
    # The entries; None until they are first asked for, when ``read_entries`` gives them.
    # A rebuild that changes nothing needs only the digests, and reading thousands of
    # entries would take longer than all the rest of its own work.
    entries: list[Publication] | None = field(default_factory=list, repr=False)
    read_entries: Callable[[], list[Publication]] | None = field(
        default=None, repr=False, compare=False
    )
    # (path, the line its first line has in the count through all files), in order.
    files: list[tuple[str, int]] = field(default_factory=list)
    # The entries by key, once made: every page with a list or a link to an entry asks.
    _by_key: dict[str, Publication] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def publications(self) -> list[Publication]:
        if self.entries is None:
            self.entries = self.read_entries() if self.read_entries else []
            self.read_entries = None
        return self.entries

    @property
    def has_entries(self) -> bool:
        return bool(self.entry_digests)

    def locate(self) -> Locate:
        return Locate(tuple(self.files) if self.files else ((self.path, 1),))

    def where(self, line: int) -> tuple[str, int]:
        """The file and its own line of a line counted through all files."""
        return self.locate()(line)

    def location(self, line: int) -> str:
        """``file:line`` for a warning about what is on this (counted) line."""
        path, own = self.where(line)
        return f"{path}:{own}"

    def by_key(self) -> dict[str, Publication]:
        if self._by_key is None:
            self._by_key = {publication.key: publication for publication in self.publications}
        return self._by_key


def _syntax_problem(line: int, name: str, error: PybtexSyntaxError) -> Problem:
    detail = _IN_LINE.sub("", str(error))
    near = line + max(getattr(error, "lineno", 1) or 1, 1) - 1
    return Problem(line, f"{name} could not be read ({detail}, near line {near})", "syntax")


# Each entry of a block as read: its key, the entry, the digest of its content (_entry_digest).
Records = list[tuple[str, Publication, str]]
# The entries of the blocks read before, by chunk_key: an edit of one entry then costs one
# entry's parse, not the whole file's.
ParsedChunks = dict[str, Records]


class KnownChunks(Protocol):
    """Blocks read before, by chunk_key: a ParsedChunks, or a lookup in the store."""

    def get(self, key: str, /) -> Records | None: ...


def chunk_key(fields: str, macro_state: str, chunk: str) -> str:
    """What a block's entries are read from: its text, the macros before it, the site-only
    fields (which shape their BibTeX). A digest: the text is kept once, with the cut."""
    digest = hashlib.sha256(f"{fields}\0{macro_state}\0".encode())
    digest.update(chunk.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def parse_database(
    text: str | Sequence[BibSource],
    path: str,
    private_fields: frozenset[str],
    known: KnownChunks | None = None,
    splits: list[Split] | None = None,
    *,
    keep_bibtex: KeepBibtex | None = None,
) -> tuple[Database, ParsedChunks]:
    """The database in ``text``, and what was read of it (to pass as ``known`` next time).

    ``text`` is one file's text, at ``path``, or the files of a database kept in several,
    read in order as ``\\bibliography{a,b,c}`` reads them: macros defined in one serve in the
    files after it, and keys are unique across all. Lines are counted through the files in
    order; ``Database.where`` gives the file and its own line.

    ``known`` holds entries read before; they are reused when their text and the macros
    defined before them are unchanged. Entries with problems are always read again, so
    their messages carry this file's line numbers.

    ``splits`` holds how each file was cut into blocks before; only what an edit reaches
    is cut again, and the list is given the cuts of these files.

    ``keep_bibtex`` keeps the BibTeX of entries written with what they take from their
    ``crossref`` (see inheritance).
    """
    sources = [BibSource(path, text)] if isinstance(text, str) else list(text)
    known = {} if known is None else known
    fields = ",".join(sorted(private_fields))
    parsed: ParsedChunks = {}
    database = Database(path=path)
    parser = Parser()  # one for all files: it keeps the macros
    macro_state = ""  # changes whenever an @string block does
    first_line_of: dict[str, tuple[str, int]] = {}  # lower-case key -> (key, line)
    every_block = _cut(sources, database, splits)
    # Blocks to read, the next last; whether reading may go on inside one if it is broken.
    pending = [(block, True) for block in reversed(every_block)]
    read: list[Publication] = []
    as_read: dict[str, tuple[Publication, str]] = {}  # key -> (entry as read, its digest)
    while pending:
        block, resume = pending.pop()
        line, chunk = block.line, block.text
        if block.kind == "string":
            macro_state = hashlib.sha256(f"{macro_state}\0{chunk}".encode()).hexdigest()
        block_key = chunk_key(fields, macro_state, chunk)
        records = known.get(block_key)
        if records is None:
            logger.debug("%s: @%s parsed", database.location(line), block.kind)
            reading = _read_block(parser, block, private_fields, resume)
            database.problems.extend(reading.problems)
            pending.extend((piece, False) for piece in reversed(reading.resumed))
            records = reading.records
            if records is None:
                continue
            if not reading.problems:
                parsed[block_key] = records
        else:
            parsed[block_key] = records
        for key, record, digest in records:
            folded = key.lower()
            if folded in first_line_of:
                first_key, first_line = first_line_of[folded]
                database.problems.append(
                    Problem(
                        line,
                        f"duplicate key {key!r}: {_where_said(database, first_line)} already "
                        f"defines {first_key!r} (keys are case-insensitive); this entry is "
                        "skipped",
                        "duplicate",
                    )
                )
                continue
            first_line_of[folded] = (key, line)
            read.append(record._replace(line=line))
            as_read[key] = (read[-1], digest)
    database.problems.extend(_missing_crossrefs(read, first_line_of))
    database.entries = (
        inherit(read, private_fields, keep_bibtex) if keep_bibtex else inherit(read, private_fields)
    )
    for publication in database.publications:
        database.problems.extend(_validate(publication))
    database.problems.sort(key=lambda problem: problem.line)
    database.entry_digests = {p.key: _digest_of(p, as_read) for p in database.publications}
    database.old_urls = [
        (publication.key, publication.line, url)
        for publication in database.publications
        for url in _URL_SEPARATOR.split(publication.get("redirect_from"))
        if url
    ]
    return database, parsed


def _cut(sources: list[BibSource], database: Database, splits: list[Split] | None) -> list[Block]:
    """The blocks of every file, in order, each file cut on its own (an entry left open at
    the end of one ends there); notes where each file's lines start."""
    every_block: list[Block] = []
    next_line = 1
    before = list(splits or [])
    cuts: list[Split] = []
    for index, source in enumerate(sources):
        normalised = normalise_newlines(source.text)
        database.files.append((source.path, next_line))
        cuts.append(split(normalised, next_line, before[index] if index < len(before) else None))
        every_block.extend(cuts[-1].blocks)
        next_line += normalised.count("\n") + 1
    if splits is not None:
        splits[:] = cuts
    return every_block


def _where_said(database: Database, line: int) -> str:
    # One file: its line, as before; several: which file too.
    return f"line {line}" if len(database.files) < 2 else database.location(line)


def _missing_crossrefs(
    publications: list[Publication], first_line_of: Mapping[str, object]
) -> Iterator[Problem]:
    for publication in publications:
        target = publication.get("crossref")
        if target and target.lower() not in first_line_of:
            yield Problem(
                publication.line,
                f"entry {publication.key!r}: crossref {target!r} is the key of no entry "
                "in the database",
                "crossref",
            )


def _digest_of(publication: Publication, as_read: Mapping[str, tuple[Publication, str]]) -> str:
    """The entry's digest: worked out when its block was read, unless it took fields from
    its ``crossref`` since (thousands of digests would take longer than the rest of a
    rebuild's parse)."""
    read, digest = as_read.get(publication.key, (None, ""))
    return digest if read is publication else _entry_digest(publication)


def _entry_digest(publication: Publication) -> str:
    # Fields in the order the entry gives them, as parsing the same text always does: an
    # entry whose fields are put in another order is written again, no more.
    text = repr((publication.entry_type, publication.fields, publication.persons))
    return hashlib.sha256(text.encode()).hexdigest()


class _Reading(NamedTuple):
    records: Records | None  # None: the block has no entries
    problems: list[Problem]
    resumed: list[Block]  # after a broken block, those found in what it had swallowed


def _read_block(
    parser: Parser, block: Block, private_fields: frozenset[str], resume: bool = True
) -> _Reading:
    """The entries of one block, its problems, and the blocks to read on with."""
    if not block.closed:
        # Nothing closes it: pybtex would stop at the end of what it is given.
        return _unreadable(block)
    limits = within_limits(parser, block)
    errors = _parse(limits.parser, limits.text)
    fatal = [
        error
        for error in errors
        if isinstance(error, PybtexSyntaxError) and not isinstance(error, UndefinedMacro)
    ]
    if fatal:
        restart = restart_point(block.text) if resume else None
        if restart is None:
            return _Reading(None, [_syntax_problem(block.line, label(block), fatal[0])], [])
        # Closed, but only by a brace meant for an entry after it: reading goes on at each
        # line that starts an entry, as the entries there may still be whole.
        resumed = pieces(block.text[restart:], block.line + block.text.count("\n", 0, restart))
        head = _unreadable(block._replace(text=block.text[:restart]))
        return _Reading(None, head.problems, list(resumed))
    problems = list(limits.problems)
    if block.kind == "string":
        problems += [
            _undefined_in_string(block, error)
            for error in errors
            if isinstance(error, UndefinedMacro)
        ]
        problems += keep_macro(parser, limits.parser, block)
        return _Reading(None, problems, [])
    if block.kind in _NOT_ENTRIES:
        return _Reading(None, problems, [])
    problems += [
        Problem(block.line, f"{label(block)}: {_IN_LINE.sub('', str(error))}", "entry")
        for error in errors
    ]
    records = []
    for key, entry in limits.parser.data.entries.items():
        problems += cut_entry(key, entry, block.line)
        record = _record(key, entry, 0, private_fields)
        records.append((key, record, _entry_digest(record)))
    return _Reading(records, problems, [])


def _unreadable(block: Block) -> _Reading:
    """A block that cannot be read, reported with where pybtex stopped in it."""
    errors = [
        error
        for error in _parse(Parser(), block.text)
        if isinstance(error, PybtexSyntaxError) and not isinstance(error, UndefinedMacro)
    ]
    problem = (
        _syntax_problem(block.line, label(block), errors[0])
        if errors
        else Problem(block.line, f"{label(block)} could not be read (it is not closed)", "syntax")
    )
    return _Reading(None, [problem], [])


def _parse(parser: Parser, text: str) -> list[Exception]:
    """Parse ``text`` into a fresh ``parser.data``; the errors met."""
    parser.data = BibliographyData()
    with pybtex.errors.capture() as errors:
        try:
            parser.parse_string(text)
        except PybtexSyntaxError as syntax_error:
            errors.append(syntax_error)
    return list(errors)


def _undefined_in_string(block: Block, error: UndefinedMacro) -> Problem:
    macro = error.args[0] if error.args else str(error)
    name = block.words[0] if block.words else "?"
    near = block.line + max(error.lineno or 1, 1) - 1
    return Problem(
        near,
        f"@string {name!r} uses the macro {macro!r}, which is not defined before it; "
        "it counts as empty",
        "macro",
    )


# biblatex's names of fields, and the BibTeX names that the site and the styles read.
_BIBTEX_NAMES = {"journaltitle": "journal"}


def _record(key: str, entry: Entry, line: int, private_fields: frozenset[str]) -> Publication:
    for biblatex, bibtex in _BIBTEX_NAMES.items():
        value = _field(entry, biblatex)
        if value is not None and _field(entry, bibtex) is None:
            entry.fields[bibtex] = value
    return Publication(
        key=key,
        entry_type=entry.type.lower(),
        fields={name.lower(): str(value) for name, value in entry.fields.items()},
        persons={
            role.lower(): tuple(str(person) for person in people)
            for role, people in entry.persons.items()
        },
        line=line,
        bibtex=clean_bibtex(key, entry, private_fields),
    )


def _field(entry: Entry, name: str) -> str | None:
    return next((str(v) for k, v in entry.fields.items() if k.lower() == name), None)


def _validate(publication: Publication) -> Iterator[Problem]:
    key, line = publication.key, publication.line
    if not publication.get("title"):
        yield Problem(line, f"entry {key!r} has no title", "missing_field")
    if not publication.get("year") and not publication.get("date"):
        yield Problem(line, f"entry {key!r} has no year", "missing_field")
    if publication.entry_type not in KNOWN_TYPES:
        yield Problem(
            line, f"entry {key!r} has an unknown type @{publication.entry_type}", "entry_type"
        )
