"""How big what a .bib file holds may grow, and cutting what grows past it.

A few lines of ``@string`` macros, each twice the one before, make gigabytes; so can one
value that uses a big macro thousands of times. Nothing real comes near these limits, and
the work a block makes is bounded before it is parsed, not after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from pybtex.database import Entry
from pybtex.database.input.bibtex import Parser

from .bib_split import Block, flatten_braces, label
from .problems import Problem

# A field: long abstracts are a few thousand characters, author lists of big collaborations
# some tens of thousands. Past this, the value is cut.
MAX_FIELD_CHARS = 100_000
# A macro is a piece of a field: a journal name, a list of authors.
MAX_MACRO_CHARS = MAX_FIELD_CHARS
# What the macros one block uses may add to it, all uses together: several long fields.
# A block whose uses could add more is read with each use's share of this.
MAX_BLOCK_EXPANSION = 4 * MAX_FIELD_CHARS
# Braces nested in a value: accents and protected words need three or four. pybtex refuses
# the whole entry past 100, and LaTeX decoding recurses once a level.
MAX_BRACE_DEPTH = 16
# The least a use of a macro keeps when a block's macros are cut to their shares.
_LEAST_SHARE = 64


def expansion_bound(words: Iterable[str], macros: Mapping[str, str]) -> tuple[int, int]:
    """(at most how much the macros a block names may add to it, how many uses there are).

    ``words`` are the names outside the block's values: a name that is not a macro adds
    nothing, and a key or field name that is one only makes the bound larger.
    """
    sizes = [len(macros[word]) for word in words if word in macros]
    return sum(sizes), len(sizes)


def share_per_use(uses: int) -> int:
    """What each use of a macro keeps when a block's uses could add too much."""
    return max(_LEAST_SHARE, MAX_BLOCK_EXPANSION // max(uses, 1))


def cut(value: str, limit: int) -> str:
    """The first ``limit`` characters of a LaTeX value, with its braces balanced.

    Unmatched closing braces are dropped and open groups closed, as BibTeX's writer needs.
    """
    if len(value) <= limit:
        return value
    kept: list[str] = []
    depth = 0
    for char in value[:limit]:
        if char == "}":
            if depth == 0:
                continue
            depth -= 1
        elif char == "{":
            depth += 1
        kept.append(char)
    return "".join(kept) + "}" * depth


class Limited(NamedTuple):
    """How to read a block within the limits."""

    parser: Parser  # the one to read it with
    text: str  # the block, its braces flattened if they nest too deep
    problems: list[Problem]


def within_limits(parser: Parser, block: Block) -> Limited:
    """The parser and text to read ``block`` with, so that what it makes stays bounded."""
    text, problems = block.text, []
    if block.depth > MAX_BRACE_DEPTH:
        text = flatten_braces(text, MAX_BRACE_DEPTH)
        problems.append(
            Problem(
                block.line,
                f"{label(block)}: braces nest {block.depth} deep in its values; those deeper "
                f"than {MAX_BRACE_DEPTH} are dropped",
                "limit",
            )
        )
    added, uses = expansion_bound(block.words, parser.macros)
    if added <= MAX_BLOCK_EXPANSION:
        return Limited(parser, text, problems)
    share = share_per_use(uses)
    # A parser of its own, with every macro cut to a use's share; keep_macro copies what an
    # @string block defines back to the parser of the file.
    reader = Parser(macros={name: cut(value, share) for name, value in parser.macros.items()})
    problems.append(
        Problem(
            block.line,
            f"{label(block)}: its {uses:,} uses of @string macros would add {added:,} "
            f"characters (at most {MAX_BLOCK_EXPANSION:,}); each use keeps its first {share:,}",
            "limit",
        )
    )
    return Limited(reader, text, problems)


def keep_macro(parser: Parser, reader: Parser, block: Block) -> list[Problem]:
    """Define in ``parser`` the macro the @string ``block`` defined in ``reader``, cut."""
    if not block.words or block.words[0] not in reader.macros:
        return []
    name = block.words[0]
    value: str = reader.macros[name]
    problems = []
    if len(value) > MAX_MACRO_CHARS:
        problems.append(
            Problem(
                block.line,
                f"@string {name!r} would be {len(value):,} characters long (a macro may hold "
                f"at most {MAX_MACRO_CHARS:,}); it keeps its first {MAX_MACRO_CHARS:,}",
                "limit",
            )
        )
        value = cut(value, MAX_MACRO_CHARS)
    parser.macros[name] = value
    return problems


def cut_entry(key: str, entry: Entry, line: int) -> list[Problem]:
    """Cut the fields and name lists of ``entry`` that are too long; what was cut."""
    problems = []
    for name, value in list(entry.fields.items()):
        if len(value) > MAX_FIELD_CHARS:
            entry.fields[name] = cut(value, MAX_FIELD_CHARS)
            problems.append(
                Problem(
                    line,
                    f"entry {key!r}: field {name.lower()!r} is {len(value):,} characters long "
                    f"(a field may hold at most {MAX_FIELD_CHARS:,}); it keeps its first "
                    f"{MAX_FIELD_CHARS:,}",
                    "limit",
                )
            )
    for role, people in list(entry.persons.items()):
        sizes = [len(str(person)) for person in people]
        if sum(sizes) <= MAX_FIELD_CHARS:
            continue
        kept, total = 0, 0
        while kept < len(sizes) and total + sizes[kept] <= MAX_FIELD_CHARS:
            total += sizes[kept]
            kept += 1
        entry.persons[role] = people[:kept]
        problems.append(
            Problem(
                line,
                f"entry {key!r}: its {role.lower()} list is {sum(sizes):,} characters long "
                f"(at most {MAX_FIELD_CHARS:,}); only its first {kept:,} names are kept",
                "limit",
            )
        )
    return problems
