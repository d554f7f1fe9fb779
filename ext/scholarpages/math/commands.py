"""TeX commands in .bib math that a browser renderer would turn into links, styles or code.

MathJax's html, unicode and require extensions, its tooltips and boxes make links, styles,
classes and ids, or load code; macro definitions could hide them. Such a command is dropped,
with the arguments it takes, except the one whose text it shows: ``\\href{url}{text}`` keeps
``{text}``.
"""

from __future__ import annotations

import re

# Each is (arguments it takes, the one it shows or None); every \\html... command is (2, 1).
_REFUSED: dict[str, tuple[int, int | None]] = {
    "href": (2, 1),
    "url": (1, None),
    "style": (2, 1),
    "class": (2, 1),
    "cssId": (2, 1),
    "data": (2, 1),
    "bbox": (1, 0),
    "mathtip": (2, 0),
    "texttip": (2, 0),
    "toggle": (0, None),
    "endtoggle": (0, None),
    "unicode": (1, None),
    "require": (1, None),
    "newcommand": (2, None),
    "renewcommand": (2, None),
    "def": (2, None),
    "let": (2, None),
}
_COMMAND = re.compile(r"\\([A-Za-z]+)")

# Deeper groups are shown as their source: each level is a level of recursion in the
# converter, the serialiser and the sanitiser.
MAX_MATH_DEPTH = 40


def deepest_nesting(latex: str) -> int:
    """The deepest brace nesting; a command counts one level more (it takes what follows)."""
    depth = deepest = 0
    for token in re.finditer(r"\\[A-Za-z]+|\\.|[{}]", latex):
        text = token.group()
        if text == "{":
            depth += 1
        elif text == "}":
            depth = max(depth - 1, 0)
        deepest = max(deepest, depth + text[1:].isalpha())
    return deepest


def drop_refused(latex: str) -> tuple[str, tuple[str, ...]]:
    """``latex`` without the refused commands (each keeps the argument it shows)."""
    out: list[str] = []
    refused: list[str] = []
    position = 0
    for match in _COMMAND.finditer(latex):
        name = match.group(1)
        rule = _REFUSED.get(name) or ((2, 1) if name.startswith("html") else None)
        if match.start() < position or rule is None:
            continue
        count, shown = rule
        out.append(latex[position : match.start()])
        refused.append(f"\\{name}")
        end, arguments = _arguments(latex, match.end(), count)
        if shown is not None and shown < len(arguments):
            # What it shows may hold refused commands too: \href{x}{\href{y}{z}}.
            inner, nested = drop_refused(arguments[shown])
            out.append("{" + inner + "}")
            refused.extend(nested)
        position = end
    out.append(latex[position:])
    return "".join(out), tuple(dict.fromkeys(refused))


def _arguments(latex: str, start: int, count: int) -> tuple[int, list[str]]:
    """Where ``count`` arguments after ``start`` end, and the arguments (an optional
    ``[...]`` first is skipped). An argument is a brace group or one token."""
    position = start
    arguments: list[str] = []
    optional = re.compile(r"\s*\[[^\]]*\]")
    found = optional.match(latex, position)
    if found:
        position = found.end()
    for _ in range(count):
        while position < len(latex) and latex[position].isspace():
            position += 1
        if position >= len(latex):
            break
        if latex[position] == "{":
            end = _group_end(latex, position)
            arguments.append(latex[position + 1 : end - 1] if end <= len(latex) else "")
            position = min(end, len(latex))
        else:
            token = _COMMAND.match(latex, position)
            end = token.end() if token else position + 1
            arguments.append(latex[position:end])
            position = end
    return position, arguments


def _group_end(latex: str, start: int) -> int:
    """Just past the brace that closes the group opening at ``start`` (past the end if none)."""
    depth = 0
    position = start
    while position < len(latex):
        char = latex[position]
        if char == "\\":
            position += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return len(latex) + 1
