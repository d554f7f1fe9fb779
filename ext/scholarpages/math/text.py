"""MathML read as plain Unicode text, for where only text fits: ``<title>``, the feed, metadata.

Letters and symbols are already Unicode in MathML (Greek, script letters, ≤); scripts become
Unicode superscripts and subscripts where every character has one (``O(n²)``), else ``^``/``_``;
fractions read ``a/b``, roots ``√x``, relations get a space on each side.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

SUPERSCRIPTS = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


# Relations read with a space on each side: "a ≤ b", but "x_(i=1)" in a script.
_RELATIONS = set("=<>≤≥≠≈≡\u223c∈∉⊂⊆⊃⊇→←↔⇒⇐⇔∝")
# Accents over a single letter, as combining characters: hat, tilde, bar, vector, dot.
_ACCENTS = {"^": "\u0302", "~": "\u0303", "¯": "\u0304", "→": "\u20d7", "˙": "\u0307"}
_SCRIPT_MARKS = {
    "msup": ("^",),
    "msub": ("_",),
    "msubsup": ("_", "^"),
    "munder": ("_",),
    "mover": ("^",),
    "munderover": ("_", "^"),
}


def math_text(node: Element, in_script: bool = False) -> str:
    """How the math reads as plain Unicode: "O(n²)", "a/b ≤ 1", Greek and script letters."""
    tag = node.tag
    marks = _SCRIPT_MARKS.get(tag)
    parts = [
        math_text(child, in_script or (marks is not None and index > 0))
        for index, child in enumerate(node)
    ]
    if marks is not None and len(parts) >= 2:
        return _scripted(tag, parts, marks)
    if tag == "mfrac" and len(parts) == 2:
        return f"{_grouped(parts[0])}/{_grouped(parts[1])}"
    if tag in {"msqrt", "mroot"} and parts:
        index = parts[1] if tag == "mroot" and len(parts) == 2 else ""
        return f"{index}√{_grouped(parts[0] if index else ''.join(parts))}"
    if tag == "mspace":
        return " "
    own = " ".join((node.text or "").split()) if tag == "mtext" else (node.text or "")
    if tag == "mo" and own in _RELATIONS and not in_script:
        own = f" {own} "
    return own + "".join(parts)


def _scripted(tag: str, parts: list[str], marks: tuple[str, ...]) -> str:
    """A base with scripts: "x²", "x_i", "∑_(i=1)ⁿ"; an accent over one letter: "x̂"."""
    base, scripts = parts[0], parts[1:]
    if tag == "mover" and len(base) == 1 and scripts[0] in _ACCENTS:
        return base + _ACCENTS[scripts[0]]
    # Limits under and over an operator read as scripts; accents over words are dropped.
    if tag in {"munder", "mover", "munderover"} and (len(base) != 1 or base.isalnum()):
        return base
    return base + "".join(_script(text, mark) for text, mark in zip(scripts, marks, strict=False))


def _script(text: str, mark: str) -> str:
    """``²`` where Unicode has the script character for every one in ``text``, else ``^2``."""
    table = SUPERSCRIPTS if mark == "^" else SUBSCRIPTS
    if text and all(ord(char) in table for char in text):
        return text.translate(table)
    return mark + _grouped(text)


def _grouped(text: str) -> str:
    return text if len(text) <= 1 else f"({text})"
