"""LaTeX in .bib fields to Unicode text and docutils nodes.

Accents, dashes, ties and special characters are decoded by pybtex (through latexcodec);
brace-protected words keep their case because the text is shown as written; math
(``$...$``, ``$$...$$``, ``\\(...\\)``, ``\\[...\\]``) becomes MathML, or Unicode text where
only text fits (see bib_math); text-formatting commands keep their argument and lose the
command.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from functools import lru_cache

from docutils import nodes
from pybtex.backends.plaintext import Backend
from pybtex.richtext import Text

from ..math.mathml import render_math
from .bib_math import math_pieces, safe_math, text_math

# The backend itself, not render_as("text"): pybtex finds that one by scanning every
# installed package's entry points, on every call (tens of milliseconds each).
_PLAIN_TEXT = Backend()

# Braces around math only protect it from case changes: "{$O(n)$}" is "$O(n)$", and
# "{\(\mathcal{X}\)}" (as DBLP writes it) is "\(\mathcal{X}\)".
BRACED_MATH = re.compile(
    r"\{\s*((?<!\\)\$[^$]+(?<!\\)\$|(?<!\\)\\\((?:(?!\\\)).)+\\\))\s*\}", re.DOTALL
)
_FORMATTING = re.compile(
    r"\\(?:emph|textit|textbf|textsc|texttt|textrm|textsf|textup|textnormal|mbox|url|"
    r"text|mathrm|mathit|uline|underline|textsuperscript|textsubscript|textmd|textsl)\s*(?=\{)"
)
_LEFTOVER_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
# What latexcodec would change: commands, groups, ties, dashes, quotes, ligatures.
_LATEX_SPECIAL = re.compile(r"[\\{}~&%#_^]|--|``|''|!`|\?`")
# A word ending in a command (``\ss``, ``\'``) that may apply to the word after it.
_TRAILING_COMMAND = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z])$")


@lru_cache(maxsize=8192)
def latex_to_text(value: str) -> str:
    """Plain Unicode text of a LaTeX field value; math as it reads (``O(n²)``)."""
    value = BRACED_MATH.sub(r"\1", value)
    parts = []
    position = 0
    for start, end, latex in math_pieces(value):
        parts.append(_decode(value[position:start]))
        parts.append(render_math(value[start:end], latex).text)
        position = end
    parts.append(_decode(value[position:]))
    return "".join(parts).strip()


def latex_to_nodes(value: str, *, math_as_text: bool = False) -> list[nodes.Node]:
    """Docutils nodes for a LaTeX field value: text, with math as MathML.

    With ``math_as_text``, math that Unicode writes exactly is those characters instead (see
    math.inline_text): no element at all, where thousands of entries each count. Math that
    cannot be read is shown as its source, as code: browser renderers of TeX leave code alone.
    """
    value = BRACED_MATH.sub(r"\1", value)
    result: list[nodes.Node] = []
    position = 0
    for start, end, latex in math_pieces(value):
        text = _decode(value[position:start])
        if text:
            result.append(nodes.Text(text))
        math = render_math(value[start:end], latex)
        if math.mathml is None:
            result.append(nodes.literal(math.source, math.source, classes=["sp-math-source"]))
        elif math_as_text and math.shown_text:
            result.append(text_math(math.text, math.text, shown=math.shown_text))
        elif math.mathml:
            result.append(safe_math(math.text, math.text, mathml=math.mathml))
        position = end
    tail = _decode(value[position:])
    if tail:
        result.append(nodes.Text(tail))
    return result


@lru_cache(maxsize=16384)
def _decode(value: str) -> str:
    # Decoding is slow, and the same strings (names, venues) come back entry after entry.
    return _decode_uncached(value)


# Spacing and hyphenation commands that print nothing, or a space: "vs.\ Proving",
# "e.g.\ this", "R.\,T.", "hyph\-en", "If\/". Made plain before decoding, which would
# otherwise take the backslash at a word's end for the start of a command.
_SPACING = re.compile(r"(?<!\\)\\(?:[ \t\n]|[,;:>!])")
_INVISIBLE = re.compile(r"(?<!\\)\\[-/@]")
# An accent on a dotless i or j, as DBLP writes it ("Mart{\'{\i}}n"), is the accented i
# or j: the decoder would show the accent beside a dotless letter (an apostrophe and a dotless i).
_ACCENTED_DOTLESS = re.compile(r"(\\[`'^\"~=.uvHckr])\s*\{?\s*\\([ij])(?![A-Za-z])\s*\}?")


# Old font switches, "{\\em word}" and "{\\bf word}": the words stay, the switch goes.
_FONT_SWITCH = re.compile(
    r"\\(?:em|bf|it|sl|sc|tt|rm|sf|normalfont|bfseries|itshape|scshape|slshape|ttfamily|"
    r"rmfamily|sffamily|upshape|mdseries)(?![A-Za-z])\s*"
)


def normalised(value: str) -> str:
    """``value`` with what prints nothing (or a space) made plain, before it is decoded."""
    value = _INVISIBLE.sub("", _SPACING.sub(" ", value))
    value = _FONT_SWITCH.sub("", value)
    return _ACCENTED_DOTLESS.sub(r"\1{\2}", value)


def _decode_uncached(value: str) -> str:
    value = normalised(value)
    if not value.strip():
        # Nothing, or the space between two pieces of math: one space, as before decoding
        # went word by word.
        return " " if value else ""
    # Keep the spaces around the segment: they separate it from neighbouring math.
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() else ""
    # latexcodec takes time for every word it reads: it reads only the runs of words with
    # LaTeX in them (an abstract has a few), each with what it needs (a command's argument,
    # a brace group's end); the words between are left as they are.
    pieces = [run if not latex else _decode_latex(run) for latex, run in _runs(value.split())]
    return lead + " ".join(piece for piece in pieces if piece) + trail


def _runs(words: list[str]) -> Iterator[tuple[bool, str]]:
    """(has LaTeX, text) of each run of words: plain words alone, LaTeX ones as a group."""
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if not _LATEX_SPECIAL.search(word):
            yield False, word
            continue
        run = [word]
        depth = _depth(word)
        # An open group, or a command that may take the next word, continues the run.
        while index < len(words) and (depth > 0 or _TRAILING_COMMAND.search(run[-1])):
            run.append(words[index])
            depth += _depth(words[index])
            index += 1
        yield True, " ".join(run)


def _depth(word: str) -> int:
    unescaped = word.replace("\\{", "").replace("\\}", "")
    return unescaped.count("{") - unescaped.count("}")


def _decode_latex(value: str) -> str:
    cleaned = _FORMATTING.sub("", value)
    try:
        text = str(Text.from_latex(cleaned).render(_PLAIN_TEXT))
    except Exception:  # malformed LaTeX is shown as well as it can be, never fatal
        text = _decode_leniently(cleaned)
    text = _LEFTOVER_COMMAND.sub(r"\1 ", text).replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def _decode_leniently(value: str) -> str:
    """Text of LaTeX that pybtex cannot read (unbalanced braces, say), as well as it goes."""
    try:
        # latexcodec's "ulatex" decodes text to text; typeshed only knows byte codecs.
        decoded: str = codecs.decode(value, "ulatex")  # type: ignore[call-overload]
    except (UnicodeDecodeError, ValueError):  # a token it does not know: shown as written
        decoded = value
    return decoded.replace("{", "").replace("}", "")
