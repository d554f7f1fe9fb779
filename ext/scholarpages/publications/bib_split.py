"""Cutting the text of a .bib file into its blocks, as BibTeX reads it.

BibTeX reads a file as text between entries, in which an ``@`` starts a command, and
commands (entries, ``@string``, ``@preamble``), each of which ends at the brace or
parenthesis that closes the one it opens: an ``@`` inside a value is text, wherever on its
line it is. ``@comment`` is only a word: what follows it is text between entries again.
pybtex reads the same way; cutting first lets every block be parsed (and cached) alone, so
that one broken entry costs only itself.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import NamedTuple

# The characters of a name (command, macro, field), as pybtex's LowLevelParser has them.
_NAME_CHARS = string.ascii_letters + "@!$&*+-./:;<>?[\\]^_`|~\x7f"
_NAME = re.compile(f"[{re.escape(_NAME_CHARS)}][{re.escape(_NAME_CHARS + string.digits)}]*")
# "@", a name, and the brace or parenthesis that opens its body (absent: not a command).
_COMMAND = re.compile(rf"@\s*({_NAME.pattern})\s*([{{(]?)")
_BODY_SPECIAL = re.compile(r'[{}()"]')
_BRACE = re.compile(r"[{}]")
# The key of an entry, as written.
_KEY = re.compile(r"@\s*[^{(]*[{(]\s*([^,\s{}()]+)")
# Where reading starts again after a block that cannot be read: a line that starts an
# entry. Only then, as a block that ran on, unclosed, may hold the entries after it.
_LINE_START_ENTRY = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)


class Block(NamedTuple):
    """One command of the file: an entry, ``@string`` or ``@preamble``."""

    line: int  # of its "@"
    kind: str  # the command, lower case
    text: str
    # The names outside its values: key, field names and the macros its values use.
    # For ``@string``, the first is the macro it defines.
    words: tuple[str, ...]
    depth: int  # the deepest nesting of braces inside its values (0: none)


def normalise_newlines(text: str) -> str:
    """Text with every line ending (CR LF, or CR alone as on old Macs) as LF.

    Each ending stays one line break, so line numbers stay those an editor shows.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def blocks(text: str, first_line: int = 1) -> Iterator[Block]:
    """The blocks of ``text`` (with LF line endings), in order."""
    position, line, counted = 0, first_line, 0
    while (at := text.find("@", position)) >= 0:
        command = _COMMAND.match(text, at)
        if command is None or not command.group(2) or command.group(1).lower() == "comment":
            # Not a command (an e-mail address, say), or a comment: BibTeX reads on.
            position = command.end() if command else at + 1
            continue
        closer = "}" if command.group(2) == "{" else ")"
        end, words, depth = _body(text, command.end(), closer)
        # Lines counted from the previous block on, not from the top: linear in the file.
        line += text.count("\n", counted, at)
        counted = at
        yield Block(line, command.group(1).lower(), text[at:end], tuple(words), depth)
        position = end


def _body(text: str, start: int, closer: str) -> tuple[int, list[str], int]:
    """Where the body opened before ``start`` ends; the names outside its values; its depth.

    A body that is never closed runs to the end of the text.
    """
    depth, deepest, quoted = 1, 1, False
    words: list[str] = []
    segment = start
    for special in _BODY_SPECIAL.finditer(text, start):
        char, at = special.group(), special.start()
        if depth == 1 and not quoted:
            words.extend(_NAME.findall(text, segment, at))
        segment = at + 1
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            if depth > 1:
                depth -= 1
            elif closer == "}" and not quoted:
                return at + 1, words, deepest - 1
        elif char == '"':
            if depth == 1:
                quoted = not quoted
        elif char == ")" and closer == ")" and depth == 1 and not quoted:
            return at + 1, words, deepest - 1
    return len(text), words, deepest - 1


def restart_point(block_text: str) -> int | None:
    """Where, after its start, a line of an unreadable block starts an entry; None if none."""
    found = _LINE_START_ENTRY.search(block_text, 1)
    return found.start() if found else None


def flatten_braces(block_text: str, max_depth: int) -> str:
    """The block with the braces nested deeper than ``max_depth`` in its values removed.

    What they held stays; braces are removed in pairs, and line breaks are kept.
    """
    command = _COMMAND.match(block_text)
    start = command.end() if command else 0
    kept = [block_text[:start]]
    depth, position = 0, start
    for brace in _BRACE.finditer(block_text, start):
        at = brace.start()
        opening = brace.group() == "{"
        if opening:
            depth += 1
        if depth > max_depth:
            kept.append(block_text[position:at])
            position = at + 1
        if not opening and depth > 0:
            depth -= 1
    kept.append(block_text[position:])
    return "".join(kept)


def label(block: Block) -> str:
    """How messages name the block: ``entry 'key'``, ``@string 'name'``."""
    if block.kind == "string":
        return f"@string {block.words[0]!r}" if block.words else "@string"
    key = _KEY.match(block.text)
    return f"entry {key.group(1)!r}" if key else f"an @{block.kind} block"
