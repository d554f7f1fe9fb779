"""Inline math that Unicode writes exactly, as characters: ``𝑂(𝑛 log 𝑛)``, ``𝐿²``, ``ℓ₁``, ``𝛽``.

A title's formula in a list of thousands is mostly a letter, a Greek letter or ``O(n log n)``,
and as MathML it is two to eight elements in each entry. Written as the characters MathML
shows, it is none: a one-letter ``<mi>`` as its italic form (MathML Core's ``math-auto``,
U+1D44E and on), scripts as Unicode's superscript and subscript characters, a root of one
symbol as ``√``, and the atoms spaced as TeX spaces them (thin, medium and thick spaces
between ordinary symbols, operators, relations and punctuation). Math with anything else (a
fraction, an accent, a script Unicode has no character for) stays MathML.

Each formula has two forms: as shown, and as it reads (plain letters, ordinary spaces) where
only text fits: ``<title>``, feeds, the search index. Browsers give screen readers the
characters shown, as they do for MathML: Chromium exposes ``<mi>k</mi>`` as ``𝑘`` too.
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from typing import NamedTuple
from xml.etree.ElementTree import Element

from .text import SUBSCRIPTS, SUPERSCRIPTS


class MathText(NamedTuple):
    shown: str  # as MathML shows it: italic letters, math spacing
    read: str  # with plain letters and ordinary spaces


class _Atom(Enum):
    """TeX's classes of atoms, which decide the space between two of them."""

    ORD = "ord"
    OP = "op"
    BIN = "bin"
    REL = "rel"
    OPEN = "open"
    CLOSE = "close"
    PUNCT = "punct"


class _Piece(NamedTuple):
    atom: _Atom
    shown: str
    read: str


_THIN, _MEDIUM, _THICK = "\u2009", "\u205f", "\u2005"  # 3/18, 4/18 and about 5/18 em
# The TeXbook's spacing between atoms in text style (chapter 18): absent pairs get none.
_SPACES: dict[tuple[_Atom, _Atom], str] = {
    (_Atom.ORD, _Atom.OP): _THIN,
    (_Atom.ORD, _Atom.BIN): _MEDIUM,
    (_Atom.ORD, _Atom.REL): _THICK,
    (_Atom.OP, _Atom.ORD): _THIN,
    (_Atom.OP, _Atom.OP): _THIN,
    (_Atom.OP, _Atom.REL): _THICK,
    (_Atom.BIN, _Atom.ORD): _MEDIUM,
    (_Atom.BIN, _Atom.OP): _MEDIUM,
    (_Atom.BIN, _Atom.OPEN): _MEDIUM,
    (_Atom.REL, _Atom.ORD): _THICK,
    (_Atom.REL, _Atom.OP): _THICK,
    (_Atom.REL, _Atom.OPEN): _THICK,
    (_Atom.CLOSE, _Atom.OP): _THIN,
    (_Atom.CLOSE, _Atom.BIN): _MEDIUM,
    (_Atom.CLOSE, _Atom.REL): _THICK,
    **{(_Atom.PUNCT, atom): _THIN for atom in _Atom if atom is not _Atom.BIN},
}
# Operators by class; an operator in none of them is left to MathML's own dictionary.
_OPERATORS = {
    **dict.fromkeys("([{⟨⌊⌈", _Atom.OPEN),
    **dict.fromkeys(")]}⟩⌋⌉", _Atom.CLOSE),
    **dict.fromkeys(",;", _Atom.PUNCT),
    **dict.fromkeys("+−±∓×÷·⋅∘∖", _Atom.BIN),
    **dict.fromkeys("=<>≤≥≠≈≡∼≃≅∈∉∋⊂⊆⊃⊇→←↔⇒⇐⇔↦∝∣", _Atom.REL),
    **dict.fromkeys("/|‖!∞∂∇′*", _Atom.ORD),
}
# A bin after these, or first, is an ordinary symbol (a sign): "−1", "(−𝑥)".
_NO_BIN_AFTER = {_Atom.BIN, _Atom.OP, _Atom.REL, _Atom.OPEN, _Atom.PUNCT}
# A bin before these is an ordinary symbol too.
_NO_BIN_BEFORE = {_Atom.REL, _Atom.CLOSE, _Atom.PUNCT}
# Raised already, as characters: primes, and the asterisk of "A*".
_RAISED = set("′″‴*")
_WIDTHS = {"0.167em": _THIN, "0.222em": _MEDIUM, "0.278em": _THICK}
_SCRIPTED = {"msup": ("^",), "msub": ("_",), "msubsup": ("_", "^")}
_TOKENS = {"mi", "mn", "mo", "mtext"}
# What a character in text shows as well: a parenthesis in text does not stretch to fit.
_PLAIN_ATTRIBUTES = {"stretchy", "fence"}


def math_as_text(tree: Element) -> MathText | None:
    """The ``<math>`` ``tree`` as Unicode characters, or None if only MathML shows it."""
    if tree.tag != "math" or tree.get("display", "inline") != "inline" or len(tree) == 0:
        return None
    row = _row(list(tree))
    return None if row is None else MathText(row.shown, row.read)


def _row(children: list[Element]) -> _Piece | None:
    """A row of atoms, spaced as TeX spaces them; an ordinary atom as a whole."""
    pieces: list[_Piece] = []
    for child in children:
        piece = _piece(child)
        if piece is None:
            return None
        if piece.atom is _Atom.BIN and (not pieces or pieces[-1].atom in _NO_BIN_AFTER):
            piece = piece._replace(atom=_Atom.ORD)
        elif piece.atom in _NO_BIN_BEFORE and pieces and pieces[-1].atom is _Atom.BIN:
            pieces[-1] = pieces[-1]._replace(atom=_Atom.ORD)
        pieces.append(piece)
    if pieces and pieces[-1].atom is _Atom.BIN:
        pieces[-1] = pieces[-1]._replace(atom=_Atom.ORD)
    shown, read = [], []
    for before, piece in zip([None, *pieces], pieces, strict=False):
        space = _SPACES.get((before.atom, piece.atom), "") if before else ""
        shown += [space, piece.shown]
        read += [" " if space else "", piece.read]
    return _Piece(_Atom.ORD, "".join(shown), "".join(read))


def _piece(node: Element) -> _Piece | None:
    tag = node.tag
    if tag == "mspace":
        space = _WIDTHS.get(node.get("width", ""))
        return _Piece(_Atom.ORD, space, " ") if space and len(node.attrib) == 1 else None
    if node.attrib.keys() - _PLAIN_ATTRIBUTES:
        return None  # a variant, an accent, a size: MathML's to show
    if tag in _TOKENS:
        return _token(node) if len(node) == 0 else None
    if tag in _SCRIPTED:
        return _scripted(node, _SCRIPTED[tag])
    return _row(list(node)) if tag == "mrow" else _root(node) if tag == "msqrt" else None


def _root(node: Element) -> _Piece | None:
    """A root of one ordinary symbol: "√𝑇"."""
    if len(node) != 1 or node[0].tag not in _TOKENS:
        return None
    radicand = _piece(node[0])
    if radicand is None or radicand.atom is not _Atom.ORD:
        return None
    return _Piece(_Atom.ORD, "√" + radicand.shown, "√" + radicand.read)


def _token(node: Element) -> _Piece | None:
    text = node.text or ""
    if not text.strip():
        return None
    if node.tag in {"mn", "mtext"}:
        return _Piece(_Atom.ORD, text, text)
    if node.tag == "mo":
        atom = _OPERATORS.get(text)
        return _Piece(atom, text, text) if atom else None
    if len(text) > 1:
        return _Piece(_Atom.OP, text, text)  # a function's name: log, sin, max
    return _Piece(_Atom.ORD, _italic(text), text)


def _scripted(node: Element, marks: tuple[str, ...]) -> _Piece | None:
    """A base with scripts Unicode has characters for: "𝐿²", "ℓ₁", "CO₂", "𝑓′"."""
    if len(node) != len(marks) + 1:
        return None
    base_node, *script_nodes = list(node)
    if _is_empty(base_node):
        base: _Piece | None = _Piece(_Atom.ORD, "", "")
    elif base_node.tag in _TOKENS and len(base_node) == 0:
        base = _piece(base_node)
    else:
        base = None
    if base is None or base.atom is _Atom.OP:
        return None  # limits on an operator's name sit below it
    scripts = [_script(script, mark) for script, mark in zip(script_nodes, marks, strict=True)]
    if any(script is None for script in scripts):
        return None
    written = "".join(script for script in scripts if script)
    return _Piece(base.atom, base.shown + written, base.read + written)


def _is_empty(node: Element) -> bool:
    return node.tag in {"mrow", "mi"} and len(node) == 0 and not (node.text or "").strip()


def _script(node: Element, mark: str) -> str | None:
    """A script as characters, if Unicode has one for each of its characters."""
    text = _plain(node)
    if not text:
        return None
    if mark == "^" and all(character in _RAISED for character in text):
        return text
    table = SUPERSCRIPTS if mark == "^" else SUBSCRIPTS
    if all(ord(character) in table for character in text):
        return text.translate(table)
    return None


def _plain(node: Element) -> str | None:
    """The characters of a script made of tokens, or None if it holds more."""
    if node.attrib:
        return None
    if node.tag in _TOKENS and len(node) == 0:
        return node.text or ""
    if node.tag == "mrow":
        parts = [_plain(child) for child in node]
        return None if any(part is None for part in parts) else "".join(map(str, parts))
    return None


def _italic(character: str) -> str:
    """A letter as MathML Core shows a one-letter ``<mi>``: its mathematical italic form
    (``k`` as ``𝑘``, ``β`` as ``𝛽``); other characters as they are (``ℓ``, ``𝒪``)."""
    name = unicodedata.name(character, "")
    for plain, italic in _ITALIC_NAMES:
        if name.startswith(plain):
            styled = italic + name.removeprefix(plain)
            break
    else:
        return character
    if styled == "MATHEMATICAL ITALIC SMALL H":
        return "\u210e"  # Planck's constant: Unicode's italic h, outside the block
    try:
        return unicodedata.lookup(styled)
    except KeyError:  # an accented letter: no italic form, shown as it is
        return character


# Unicode names of what has an italic form, and the names of that form.
_ITALIC_NAMES = (
    ("LATIN SMALL LETTER ", "MATHEMATICAL ITALIC SMALL "),
    ("LATIN CAPITAL LETTER ", "MATHEMATICAL ITALIC CAPITAL "),
    ("GREEK SMALL LETTER ", "MATHEMATICAL ITALIC SMALL "),
    ("GREEK CAPITAL LETTER ", "MATHEMATICAL ITALIC CAPITAL "),
    ("GREEK LUNATE EPSILON SYMBOL", "MATHEMATICAL ITALIC EPSILON SYMBOL"),
    ("GREEK CAPITAL THETA SYMBOL", "MATHEMATICAL ITALIC CAPITAL THETA SYMBOL"),
    ("GREEK ", "MATHEMATICAL ITALIC "),  # the THETA, KAPPA, PHI, RHO and PI symbols
    ("NABLA", "MATHEMATICAL ITALIC NABLA"),
    ("PARTIAL DIFFERENTIAL", "MATHEMATICAL ITALIC PARTIAL DIFFERENTIAL"),
)
