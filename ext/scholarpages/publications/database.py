"""The publications database: ``publications.bib`` read into typed, validated records.

pybtex does the parsing. What this module adds is resilience: the file is cut at each
top-level ``@type{`` and every piece is parsed on its own (with the ``@string`` macros
defined so far), so an entry with a syntax error is reported with its line and every
other entry, those after it included, still appears. Repeated keys (BibTeX keys are
case-insensitive), undefined macros, missing titles or years and unknown entry types are
reported too, and the entry is kept as well as it can be.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser, UndefinedMacro
from pybtex.database.output.bibtex import Writer
from pybtex.scanner import PybtexSyntaxError


class _SourceWriter(Writer):  # type: ignore[misc]
    """pybtex's BibTeX writer, for values that are LaTeX already.

    Its ``_encode`` turns Unicode text into LaTeX. The values of a parsed .bib are LaTeX as
    the author wrote it: encoding them again would double the backslash of an escaped
    percent sign and turn the tilde of a URL into a command (and read every value through
    latexcodec, which is slow).
    """

    def _encode(self, text: str) -> str:
        return text


# The writer itself: BibliographyData.to_string("bibtex") looks it up by scanning every
# installed package's entry points, on every call.
_BIBTEX_WRITER = _SourceWriter()

# A top-level entry starts a line: "@article{", "@string (", ...
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_NOT_ENTRIES = {"string", "preamble", "comment"}
_KEY = re.compile(r"\s*@\s*[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)")
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


class Publication(NamedTuple):
    """One entry of the database, with its values as written (LaTeX included)."""

    key: str
    entry_type: str  # lower case
    fields: Mapping[str, str]  # field names in lower case; macros expanded
    persons: Mapping[str, tuple[str, ...]]  # role ("author", "editor") -> names as written
    line: int  # where the entry starts in the .bib file
    bibtex: str  # the entry as clean BibTeX, without the site-only fields

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()


class Problem(NamedTuple):
    """Something wrong in the .bib file, with the line it is on."""

    line: int
    message: str
    subtype: str


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

    def by_key(self) -> dict[str, Publication]:
        if self._by_key is None:
            self._by_key = {publication.key: publication for publication in self.publications}
        return self._by_key


def _chunks(text: str) -> Iterator[tuple[int, str, str]]:
    """(first line, entry type, text) of each top-level ``@`` block."""
    starts = list(_ENTRY_START.finditer(text))
    line, counted = 1, 0
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        # Lines counted from the previous block on, not from the top: linear in the file.
        line += text.count("\n", counted, match.start())
        counted = match.start()
        yield line, match.group(1).lower(), text[match.start() : end]


def _syntax_problem(line: int, chunk: str, error: PybtexSyntaxError) -> Problem:
    key = _KEY.match(chunk)
    name = f"entry {key.group(1)!r}" if key else "an entry"
    detail = _IN_LINE.sub("", str(error))
    near = line + max(getattr(error, "lineno", 1) or 1, 1) - 1
    return Problem(line, f"{name} could not be read ({detail}, near line {near})", "syntax")


def _clean_bibtex(key: str, entry: Entry, private_fields: frozenset[str]) -> str:
    shown = Entry(entry.type, persons=entry.persons)
    for name, value in entry.fields.items():
        if name.lower() not in private_fields:
            shown.fields[name] = value
    return str(_BIBTEX_WRITER.to_string(BibliographyData(entries={key: shown}))).strip()


# Entries already read, by (the @string macros defined before them, their text): an edit of
# one entry then costs one entry's parse, not the whole file's.
ParsedChunks = dict[tuple[str, str], list[tuple[str, Publication]]]


def parse_database(
    text: str, path: str, private_fields: frozenset[str], known: ParsedChunks | None = None
) -> tuple[Database, ParsedChunks]:
    """The database in ``text``, and what was read of it (to pass as ``known`` next time).

    ``known`` holds entries read before; they are reused when their text and the macros
    defined before them are unchanged. Entries with problems are always read again, so
    their messages carry this file's line numbers.
    """
    known = known or {}
    parsed: ParsedChunks = {}
    database = Database(path=path)
    parser = Parser()
    macro_state = ""  # changes whenever an @string block does
    first_line_of: dict[str, tuple[str, int]] = {}  # lower-case key -> (key, line)
    for line, entry_type, chunk in _chunks(text):
        if entry_type == "string":
            macro_state = hashlib.sha256(f"{macro_state}\0{chunk}".encode()).hexdigest()
        records = known.get((macro_state, chunk))
        if records is None:
            records, problems = _parse_chunk(parser, line, entry_type, chunk, private_fields)
            database.problems.extend(problems)
            if records is None:
                continue
            if not problems:
                parsed[macro_state, chunk] = records
        else:
            parsed[macro_state, chunk] = records
        for key, record in records:
            folded = key.lower()
            if folded in first_line_of:
                first_key, first_line = first_line_of[folded]
                database.problems.append(
                    Problem(
                        line,
                        f"duplicate key {key!r}: line {first_line} already defines "
                        f"{first_key!r} (keys are case-insensitive); this entry is skipped",
                        "duplicate",
                    )
                )
                continue
            first_line_of[folded] = (key, line)
            database.publications.append(record._replace(line=line))
            database.problems.extend(_validate(database.publications[-1]))
    database.entry_digests = {p.key: _entry_digest(p) for p in database.publications}
    database.old_urls = [
        (publication.key, publication.line, url)
        for publication in database.publications
        for url in _URL_SEPARATOR.split(publication.get("redirect_from"))
        if url
    ]
    return database, parsed


def _entry_digest(publication: Publication) -> str:
    text = repr((publication.entry_type, sorted(publication.fields.items()), publication.persons))
    return hashlib.sha256(text.encode()).hexdigest()


def _parse_chunk(
    parser: Parser, line: int, entry_type: str, chunk: str, private_fields: frozenset[str]
) -> tuple[list[tuple[str, Publication]] | None, list[Problem]]:
    """The entries of one block (None if it has none) and the problems reading it."""
    parser.data = BibliographyData()
    with pybtex.errors.capture() as errors:
        try:
            parser.parse_string(chunk)
        except PybtexSyntaxError as syntax_error:
            errors.append(syntax_error)
    fatal = [
        error
        for error in errors
        if isinstance(error, PybtexSyntaxError) and not isinstance(error, UndefinedMacro)
    ]
    if fatal:
        return None, [_syntax_problem(line, chunk, fatal[0])]
    if entry_type in _NOT_ENTRIES:
        return None, []
    written_key = _KEY.match(chunk)
    name = f"entry {written_key.group(1)!r}" if written_key else "entry"
    problems = [
        Problem(line, f"{name}: {_IN_LINE.sub('', str(error))}", "entry") for error in errors
    ]
    records = [
        (key, _record(key, entry, 0, private_fields)) for key, entry in parser.data.entries.items()
    ]
    return records, problems


def _record(key: str, entry: Entry, line: int, private_fields: frozenset[str]) -> Publication:
    return Publication(
        key=key,
        entry_type=entry.type.lower(),
        fields={name.lower(): str(value) for name, value in entry.fields.items()},
        persons={
            role.lower(): tuple(str(person) for person in people)
            for role, people in entry.persons.items()
        },
        line=line,
        bibtex=_clean_bibtex(key, entry, private_fields),
    )


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
