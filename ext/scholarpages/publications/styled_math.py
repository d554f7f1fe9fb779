"""Math in the entries sphinxcontrib-bibtex formats, as the text it reads as.

Its pybtex styles show ``$O(n^2)$`` as written, and lower-case it with the rest of a title.
In the copy of the cited entries they format (see cited_copy), each piece of math in a text
field is its Unicode text (``O(n²)``, as in ``<title>`` and the feed), escaped for LaTeX and
in braces, so the styles keep its case.
"""

from __future__ import annotations

import re

from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

from ..math.mathml import render_math
from .bib_math import math_pieces
from .bib_writing import clean_bibtex
from .latex import BRACED_MATH

# Fields styles show as text; identifiers and URLs are left as they are.
_TEXT_FIELDS = frozenset(
    {
        "title",
        "subtitle",
        "booktitle",
        "maintitle",
        "eventtitle",
        "journal",
        "journaltitle",
        "series",
        "chapter",
        "howpublished",
        "note",
    }
)
# What pybtex's LaTeX reader would take for markup, as what it shows: escaped, or a
# character that looks the same (it reads no escaped brace, backslash or tilde).
_LATEX_ESCAPES = {
    "\\": "\u2216",  # set minus
    "~": "\u223c",  # tilde operator
    "{": "",
    "}": "",
    **{character: "\\" + character for character in "&%#_"},
}


# Every brace, escaped or not: pybtex's reader counts ``\{`` as one too.
_BRACE = re.compile(r"[{}]")


def _as_latex(text: str) -> str:
    return "".join(_LATEX_ESCAPES.get(character, character) for character in text)


def readable_math(value: str) -> str:
    """``value`` with each piece of math as its text, in braces; as it was, when a piece of
    math holds a brace that closes outside it."""
    unbraced = BRACED_MATH.sub(r"\1", value)
    parts, position = [], 0
    for start, end, latex in math_pieces(unbraced):
        text = render_math(unbraced[start:end], latex).text
        parts += [unbraced[position:start], "{", _as_latex(text), "}"]
        position = end
    readable = "".join([*parts, unbraced[position:]])
    return readable if _balanced(readable) else value


def _balanced(value: str) -> bool:
    depth = 0
    for match in _BRACE.finditer(value):
        depth += 1 if match.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def with_readable_math(bibtex: str) -> str:
    """The entry ``bibtex`` holds, with the math of its text fields as text."""
    if "$" not in bibtex and "\\(" not in bibtex:
        return bibtex
    try:
        entries = Parser().parse_string(bibtex).entries
    except PybtexError:
        return bibtex  # sphinxcontrib-bibtex reports it, as for any entry
    if len(entries) != 1:
        return bibtex
    ((key, entry),) = entries.items()
    changed = False
    for name, value in list(entry.fields.items()):
        if name.lower() in _TEXT_FIELDS:
            readable = readable_math(value)
            changed |= readable != value
            entry.fields[name] = readable
    return clean_bibtex(key, entry, frozenset()) if changed else bibtex
