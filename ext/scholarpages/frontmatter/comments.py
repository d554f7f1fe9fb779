"""The Markdown comment idiom: ``[comment]: <> (text)`` and ``[//]: # (text)``.

Jekyll sites hide text with link reference definitions that point nowhere. They render
nothing, but when the same label is used twice myst-parser warns about a duplicate
definition. Such definitions are blanked before parsing (line numbers stay as they are),
so the page renders as it did under Jekyll and warns about nothing.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

# Cheap test before any parsing: a line that looks like a definition pointing nowhere.
_CANDIDATE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?:<>|#)(?:\s|$)", re.MULTILINE)
_NOWHERE = {"", "#"}


@cache
def _block_parser() -> MarkdownIt:
    # Block structure only: enough to tell a definition from a line inside a code block.
    parser = MarkdownIt("commonmark", {"inline_definitions": True})
    return parser.use(front_matter_plugin).disable("inline", ignoreInvalid=True)


def comment_lines(text: str) -> list[tuple[int, int]]:
    """Line ranges (start, end) of the definitions in ``text`` that are comments."""
    if not _CANDIDATE.search(text):
        return []
    return [
        (token.map[0], token.map[1])
        for token in _block_parser().parse(text)
        if token.type == "definition" and token.map and token.meta.get("url") in _NOWHERE
    ]


def blank_comments(text: str) -> str:
    """``text`` with every comment definition replaced by empty lines."""
    ranges = comment_lines(text)
    if not ranges:
        return text
    lines = text.splitlines(keepends=True)
    for start, end in ranges:
        for index in range(start, min(end, len(lines))):
            line = lines[index]
            lines[index] = line[len(line.rstrip("\r\n")) :]
    return "".join(lines)
