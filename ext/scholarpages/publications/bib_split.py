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
from typing import Any, NamedTuple

# The characters of a name (command, macro, field), as pybtex's LowLevelParser has them.
_NAME_CHARS = string.ascii_letters + "@!$&*+-./:;<>?[\\]^_`|~\x7f"
_NAME = re.compile(f"[{re.escape(_NAME_CHARS)}][{re.escape(_NAME_CHARS + string.digits)}]*")
# "@", a name, and the brace or parenthesis that opens its body (absent: not a command).
_COMMAND = re.compile(rf"@\s*({_NAME.pattern})\s*([{{(]?)")
_ENTRY_LEVEL_SPECIAL = re.compile(r'[{}()"]')
_IN_QUOTES_SPECIAL = re.compile(r'["{}]')
_BRACE = re.compile(r"[{}]")
# A brace group whose inner groups hold none: most values. Possessive, so that it fails
# at once where a group nests deeper; then the table of closing braces is made and asked.
_SHALLOW_GROUP = re.compile(r"\{(?:[^{}]++|\{[^{}]*+\})*+\}")
# The key of an entry, as written.
_KEY = re.compile(r"@\s*[^{(]*[{(]\s*([^,\s{}()]+)")
# A line that starts an entry. Outside the values of a block, it is where the block was
# left unclosed; and it is where reading starts again after a block that cannot be read.
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
    closed: bool  # False: nothing closes it; it is cut where reading can go on


def normalise_newlines(text: str) -> str:
    """Text with every line ending (CR LF, or CR alone as on old Macs) as LF.

    Each ending stays one line break, so line numbers stay those an editor shows.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def blocks(text: str, first_line: int = 1) -> Iterator[Block]:
    """The blocks of ``text`` (with LF line endings), in order.

    A block that nothing closes is cut at the next line that starts an entry, where
    reading goes on, so that one missing brace costs one entry. Where each brace closes is
    found once for the whole text: no block is followed to the end of the file, however
    many are left open.
    """
    for _, block in _blocks_from(text, _Closing(text), 0, first_line, 0):
        yield block


def _blocks_from(
    text: str, closing: _Closing, position: int, line: int, counted: int
) -> Iterator[tuple[int, Block]]:
    """(where its "@" is, block) of each block from ``position`` on; ``line`` is the line
    of the text at ``counted``."""
    while (at := text.find("@", position)) >= 0:
        command = _COMMAND.match(text, at)
        if command is None or not command.group(2) or command.group(1).lower() == "comment":
            # Not a command (an e-mail address, say), or a comment: BibTeX reads on.
            position = command.end() if command else at + 1
            continue
        closer = "}" if command.group(2) == "{" else ")"
        body = _Body(text, closing, command.end(), closer)
        end = body.end
        if end is None:
            end = body.cut if body.cut is not None else restart_point(text, at)
            end = len(text) if end is None else end
        # Lines counted from the previous block on, not from the top: linear in the file.
        line += text.count("\n", counted, at)
        counted = at
        kind = command.group(1).lower()
        block = Block(line, kind, text[at:end], tuple(body.words), body.depth, body.end is not None)
        yield at, block
        position = end


class Split(NamedTuple):
    """A text cut into its blocks, kept to cut the text again after an edit."""

    text: str
    first_line: int
    starts: tuple[int, ...]  # where each block's "@" is
    blocks: tuple[Block, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        # Kept between builds: each block's text is the part of the whole from its start,
        # kept once rather than twice (half of what is written after every edit).
        shapes = tuple(
            (block.line, block.kind, len(block.text), block.words, block.depth, block.closed)
            for block in self.blocks
        )
        return (_from_shapes, (self.text, self.first_line, self.starts, shapes))


def _from_shapes(
    text: str,
    first_line: int,
    starts: tuple[int, ...],
    shapes: tuple[tuple[int, str, int, tuple[str, ...], int, bool], ...],
) -> Split:
    """A Split as ``Split.__reduce__`` kept it."""
    blocks = tuple(
        Block(line, kind, text[at : at + length], words, depth, closed)
        for at, (line, kind, length, words, depth, closed) in zip(starts, shapes, strict=True)
    )
    return Split(text, first_line, starts, blocks)


def split(text: str, first_line: int = 1, before: Split | None = None) -> Split:
    """The blocks of ``text``, as ``blocks`` cuts it; with ``before``, the same text's cut
    before an edit, only the blocks the edit reaches are cut again.

    A closed block is the same block wherever its text is: a brace closes where its own
    text says (see _Closing). So the blocks that end before the first changed character
    are kept, cutting goes on from there, and stops at the first block it finds that
    starts where one started before and whose text, the character before it included, is
    the unchanged end of the file: from there, it would cut as it did.
    """
    if before is None:
        found = list(_blocks_from(text, _Closing(text), 0, first_line, 0))
        return Split(text, first_line, tuple(at for at, _ in found), tuple(b for _, b in found))
    if before.first_line != first_line:
        moved = first_line - before.first_line
        before = before._replace(
            first_line=first_line,
            blocks=tuple(block._replace(line=block.line + moved) for block in before.blocks),
        )
    if before.text == text:
        return before
    prefix = _common_prefix(before.text, text)
    suffix = _common_suffix(before.text, text, prefix)
    kept = 0
    for start, block in zip(before.starts, before.blocks, strict=True):
        if not block.closed or start + len(block.text) >= prefix:
            break
        kept += 1
    starts, cut = list(before.starts[:kept]), list(before.blocks[:kept])
    if kept:
        position, line, counted = starts[-1] + len(cut[-1].text), cut[-1].line, starts[-1]
    else:
        position, line, counted = 0, first_line, 0
    shift = len(text) - len(before.text)
    index_of = {start: index for index, start in enumerate(before.starts)}
    unchanged_from = len(text) - suffix
    for at, block in _blocks_from(text, _Closing(text), position, line, counted):
        old = index_of.get(at - shift)
        if old is not None and at - 1 >= unchanged_from:
            moved = block.line - before.blocks[old].line
            starts.extend(start + shift for start in before.starts[old:])
            cut.extend(
                kept_block if not moved else kept_block._replace(line=kept_block.line + moved)
                for kept_block in before.blocks[old:]
            )
            break
        starts.append(at)
        cut.append(block)
    return Split(text, first_line, tuple(starts), tuple(cut))


def _common_prefix(old: str, new: str) -> int:
    """How many characters the two texts start with alike (halving: each test is C's)."""
    low, high = 0, min(len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if new.startswith(old[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(old: str, new: str, prefix: int) -> int:
    """How many characters the two texts end with alike, not counting into ``prefix``."""
    low, high = 0, min(len(old), len(new)) - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if new.endswith(old[len(old) - middle :]):
            low = middle
        else:
            high = middle - 1
    return low


def pieces(text: str, first_line: int) -> Iterator[Block]:
    """The blocks of a text that could not be read, cut at each line that starts an entry.

    Only what is already known to be broken is cut this way, and each piece is read once.
    """
    starts = [text.index("@", match.start()) for match in _LINE_START_ENTRY.finditer(text)]
    line, counted = first_line, 0
    for index, at in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(text)
        piece = text[at:stop]
        command = _COMMAND.match(piece)
        if command is None or not command.group(2):
            continue
        closer = "}" if command.group(2) == "{" else ")"
        body = _Body(piece, _Closing(piece), command.end(), closer)
        line += text.count("\n", counted, at)
        counted = at
        kind = command.group(1).lower()
        yield Block(line, kind, piece, tuple(body.words), body.depth, body.end is not None)


class _Closing:
    """Where each brace of a text closes.

    A brace closes where its own text says: the first brace after it that leaves as many
    closed as opened. That is looked for from the brace on; once one is not closed, where
    every brace closes is found at once: following each unclosed one to the end of the
    text would cost the square of the file's length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._closing: dict[int, int] | None = None

    def of(self, at: int) -> int | None:
        """The closing brace of the one at ``at``; None if it is not closed."""
        if self._closing is None:
            depth = 0
            for brace in _BRACE.finditer(self.text, at):
                depth += 1 if brace.group() == "{" else -1
                if depth == 0:
                    return brace.start()
            self._closing, open_at = {}, []
            for brace in _BRACE.finditer(self.text):
                if brace.group() == "{":
                    open_at.append(brace.start())
                elif open_at:
                    self._closing[open_at.pop()] = brace.start()
        return self._closing.get(at)


class _Body:
    """The body of a block, read as BibTeX reads it, from after its opening brace or
    parenthesis: where it ends, the names outside its values, how deep its braces nest.

    Values are passed over by where their braces close, so reading a body costs its own
    length. A body is not closed if a value in it is not, or if a line that starts an
    entry comes outside its values (``cut``) before its end.
    """

    def __init__(self, text: str, closing: _Closing, start: int, closer: str) -> None:
        self.text, self.closing = text, closing
        self.words: list[str] = []
        self.depth = 0
        self.end: int | None = None
        self.cut: int | None = None
        self._read(start, closer)

    def _read(self, position: int, closer: str) -> None:
        text = self.text
        while special := _ENTRY_LEVEL_SPECIAL.search(text, position):
            char, at = special.group(), special.start()
            self.words.extend(_NAME.findall(text, position, at))
            if char in "{(":
                entry = _LINE_START_ENTRY.search(text, position, at + 1)
                if entry:
                    self.cut = entry.start()
                    return
            if char == closer:
                self.end = at + 1
                return
            if char == "{":
                after = self._group(at)
            elif char == '"':
                after = self._quoted(at)
            else:  # a parenthesis, or a brace that closes nothing: errors pybtex reports
                after = at + 1
            if after is None:
                return
            position = after

    def _group(self, at: int) -> int | None:
        """After the brace group opened at ``at``; None if it is not closed."""
        shallow = _SHALLOW_GROUP.match(self.text, at)
        if shallow:
            inner = self.text.find("{", at + 1, shallow.end()) >= 0
            self.depth = max(self.depth, 2 if inner else 1)
            return shallow.end()
        close = self.closing.of(at)
        if close is None:
            return None
        depth, deepest = 0, 0
        for brace in _BRACE.finditer(self.text, at, close + 1):
            depth += 1 if brace.group() == "{" else -1
            deepest = max(deepest, depth)
        self.depth = max(self.depth, deepest)
        return close + 1

    def _quoted(self, at: int) -> int | None:
        """After the quoted value opened at ``at``; None if it is not closed."""
        position = at + 1
        while special := _IN_QUOTES_SPECIAL.search(self.text, position):
            if special.group() == '"':
                return special.end()
            if special.group() == "}":
                return None  # closes nothing inside the value: pybtex stops here
            after = self._group(special.start())
            if after is None:
                return None
            position = after
        return None


def restart_point(text: str, start: int = 0) -> int | None:
    """Where, after ``start``, the next line that starts an entry is; None if none.

    Where reading goes on after a block that cannot be read.
    """
    found = _LINE_START_ENTRY.search(text, start + 1)
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
