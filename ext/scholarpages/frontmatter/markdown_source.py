"""Markdown written for Jekyll, made to read the same way under MyST.

Two habits of academicpages pages need care, and both are handled by editing the source
before MyST parses it, line for line, so every line number in a warning stays true:

- ``[comment]: <> (text)`` and ``[//]: # (text)`` hide text with link reference definitions
  that point nowhere. They render nothing, but a label used twice makes MyST warn about a
  duplicate definition; they are blanked.
- A Jekyll layout prints the front-matter ``title`` as the page's ``<h1>``, so the body's
  headings start at ``##``. MyST would warn that the document starts at H2; when the page
  has a title, its headings are raised so the shallowest is H1, and the title (added above
  them) brings them back to H2 in the page.
- academicpages pages start with ``{% include base_path %}`` and write links as
  ``{{ base_path }}/files/x.pdf``; ``{% include toc %}`` asks for the table of contents the
  theme shows anyway. These Liquid no-ops are removed (outside code), so the links become
  site links, written relative like every other.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

# Cheap tests before any parsing.
_COMMENT_CANDIDATE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?:<>|#)(?:\s|$)", re.MULTILINE)
_HEADING_CANDIDATE = re.compile(r"^ {0,3}(?:##|-{2,}\s*$)", re.MULTILINE)
_NOWHERE = {"", "#"}
_ATX = re.compile(r"^( {0,3})(#+)")
_LIQUID_NOOPS = re.compile(
    r"\{%-?\s*include\s+(?:base_path|toc)\s*-?%\}|\{\{-?\s*(?:base_path|site\.baseurl)\s*-?\}\}"
)
_CODE_TOKENS = {"fence", "code_block"}


@cache
def _block_parser() -> MarkdownIt:
    # Block structure only: enough to tell a definition or heading from a code block's line.
    parser = MarkdownIt("commonmark", {"inline_definitions": True})
    return parser.use(front_matter_plugin).disable("inline", ignoreInvalid=True)


def _blank(lines: list[str], start: int, end: int) -> None:
    for index in range(start, min(end, len(lines))):
        line = lines[index]
        lines[index] = line[len(line.rstrip("\r\n")) :]


def _raise_heading(lines: list[str], token: Token, shift: int) -> None:
    assert token.map is not None
    level = int(token.tag[1])
    if token.markup.startswith("#"):
        index = token.map[0]
        lines[index] = _ATX.sub(lambda m: m.group(1) + "#" * (level - shift), lines[index], 1)
    elif level - shift == 1:  # setext: "---" underlines an H2, "===" an H1
        index = token.map[1] - 1
        lines[index] = lines[index].replace("-", "=")


def prepare_markdown(text: str, has_title: bool) -> str:
    """``text`` with comment definitions blanked and, for titled pages, headings raised."""
    wants_comments = bool(_COMMENT_CANDIDATE.search(text))
    wants_headings = has_title and bool(_HEADING_CANDIDATE.search(text))
    wants_liquid = bool(_LIQUID_NOOPS.search(text))
    if not (wants_comments or wants_headings or wants_liquid):
        return text
    tokens = _block_parser().parse(text)
    lines = text.splitlines(keepends=True)
    for token in tokens:
        if token.type == "definition" and token.map and token.meta.get("url") in _NOWHERE:
            _blank(lines, *token.map)
    headings = [token for token in tokens if token.type == "heading_open" and token.map]
    shift = min((int(token.tag[1]) for token in headings), default=1) - 1
    if wants_headings and shift > 0:
        for token in headings:
            _raise_heading(lines, token, shift)
    if wants_liquid:
        _remove_liquid_noops(lines, tokens)
    return "".join(lines)


def _remove_liquid_noops(lines: list[str], tokens: list[Token]) -> None:
    code = {
        index
        for token in tokens
        if token.type in _CODE_TOKENS and token.map
        for index in range(*token.map)
    }
    for index, line in enumerate(lines):
        if index not in code and "{" in line:
            lines[index] = _LIQUID_NOOPS.sub("", line)
