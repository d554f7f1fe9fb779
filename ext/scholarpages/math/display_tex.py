"""Displayed math from a page, made into the pieces of TeX the converter shows as written.

Sphinx writes displayed math as MathJax reads it: equations apart by a blank line are each
shown on their own line, and an equation with ``\\\\`` in it is split into rows. Numbers are
Sphinx's (the ``eqno`` beside the block): the converter would number the rows of an
``align`` once more, and ``\\label`` or ``\\nonumber`` would be shown as names.
"""

from __future__ import annotations

import re

# Numbering commands: Sphinx numbers and labels equations, beside the math.
_NUMBERING = re.compile(r"\\label\s*\{[^{}]*\}|\\(?:nonumber|notag)(?![A-Za-z])")
# Environments the converter numbers, or does not know, shown as the aligned rows they are.
_ALIGNING = re.compile(r"\\(begin|end)\s*\{(?:align|aligned|flalign\*?)\}")
# What opens or closes an environment, and a row break.
_STRUCTURE = re.compile(r"\\begin\s*\{[^{}]*\}|\\end\s*\{[^{}]*\}|\\\\")
# Delimiters a block written with no wrapping may still carry: $$...$$ or \[...\].
_DELIMITED = re.compile(r"\A\s*(?:\$\$(?P<dollars>.*)\$\$|\\\[(?P<brackets>.*)\\\])\s*\Z", re.S)


def display_pieces(latex: str, nowrap: bool) -> list[str]:
    """The TeX of each equation of a block, each to be shown on its own line."""
    if nowrap:
        found = _DELIMITED.match(latex)
        inner = (
            next((part for part in found.groups() if part is not None), latex) if found else latex
        )
        return [_unnumbered(inner)] if inner.strip() else []
    parts = [part for part in latex.split("\n\n") if part.strip()]
    return [_rows_split(_unnumbered(part)) for part in parts]


def _unnumbered(latex: str) -> str:
    return _ALIGNING.sub(r"\\\1{align*}", _NUMBERING.sub("", latex)).strip()


def _rows_split(latex: str) -> str:
    """An equation with a row break outside every environment, as rows (``split``)."""
    depth = 0
    for token in _STRUCTURE.finditer(latex):
        text = token.group()
        if text.startswith("\\begin"):
            depth += 1
        elif text.startswith("\\end"):
            depth = max(depth - 1, 0)
        elif depth == 0:
            return f"\\begin{{split}}{latex}\\end{{split}}"
    return latex
