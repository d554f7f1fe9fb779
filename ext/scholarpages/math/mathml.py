"""LaTeX math as MathML that cannot link, style or script: the one converter of the site.

Math in a .bib may come from anyone, and math in a page is shown to everyone who opens it;
MathJax (or any renderer of TeX in the browser) runs what the math asks:
``\\href{javascript:...}``, ``\\style``, ``\\cssId``, ``\\require``... So math is converted to
MathML when the site is built (latex2mathml), and what reaches the page is only what an
allow-list of MathML elements and attributes lets through (nh3): no link, style, class or
id, no event handler, no annotation that could carry HTML. Browsers show MathML Core as it
is, without a script or a font from another host.

Commands that in a browser renderer would link, style, name or load something are dropped
(keeping the text they show) and reported. Math that cannot be read (bad syntax, a command
the converter does not know) is reported, for its source to be shown as written. Where only
text fits (``<title>``, the feed, metadata) the math is given as readable Unicode text.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from xml.etree.ElementTree import Element, tostring

import nh3

from ..characters import without_control_characters
from .commands import MAX_MATH_DEPTH, deepest_nesting, drop_refused
from .inline_text import math_as_text
from .rows import without_empty_rows
from .text import math_text

# Halves of a character (no UTF-8 text holds them); control characters go as in every field.
_SURROGATES = re.compile("[\ud800-\udfff]")

# Longer math is shown as its source: nothing real is this long, and conversion time grows
# with it.
MAX_MATH_LENGTH = 2000

# MathML Core's presentation elements. Left out: <semantics>/<annotation-xml> (which may hold
# HTML), <maction> (toggles, tooltips), <mglyph> (loads an image) and <malignmark>.
_ELEMENTS = {
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "merror",
}
# Presentation attributes only: no href, style, class, id, colour, xlink or event handler.
_ATTRIBUTES = {
    "*": {"dir", "displaystyle", "scriptlevel", "mathvariant"},
    "math": {"display"},
    "mo": {
        "fence",
        "form",
        "largeop",
        "lspace",
        "rspace",
        "maxsize",
        "minsize",
        "movablelimits",
        "separator",
        "stretchy",
        "symmetric",
    },
    "mover": {"accent"},
    "munder": {"accentunder"},
    "munderover": {"accent", "accentunder"},
    "mfrac": {"linethickness"},
    "mspace": {"width", "height", "depth", "linebreak"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "menclose": {"notation"},
    "mtable": {"columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines"},
    "mtr": {"columnalign", "rowalign"},
    "mtd": {"columnalign", "rowalign", "columnspan", "rowspan"},
}


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_ELEMENTS,
        attributes=_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        strip_comments=True,
        link_rel=None,
        url_schemes=set(),
    )


@dataclass(frozen=True)
class RenderedMath:
    """A piece of math: its MathML (None if unreadable), how it reads as text, and the
    characters that show it as its MathML does, where Unicode has them (see inline_text)."""

    source: str  # as written, delimiters included
    mathml: str | None
    text: str
    refused: tuple[str, ...]  # the commands dropped, as written (``\\href``)
    error: str  # why it could not be read, or ""
    shown_text: str = ""  # O(n log n) in italic letters; "" where only MathML shows it

    def to_json(self) -> str:
        return json.dumps(
            [self.source, self.mathml, self.text, self.refused, self.error, self.shown_text]
        )

    @classmethod
    def from_json(cls, stored: str) -> RenderedMath:
        source, mathml, text, refused, error, shown_text = json.loads(stored)
        return cls(source, mathml, text, tuple(refused), error, shown_text)


@lru_cache(maxsize=8192)
def render_math(source: str, latex: str, display: bool = False) -> RenderedMath:
    """The math ``latex`` (written as ``source``) as safe MathML and as text; never raises.

    Displayed math (``display``) is a block, with limits above and below sums and the like.
    """
    if len(latex) > MAX_MATH_LENGTH:
        return RenderedMath(source, None, source, (), f"longer than {MAX_MATH_LENGTH} characters")
    if deepest_nesting(latex) > MAX_MATH_DEPTH:
        return RenderedMath(source, None, source, (), f"nested over {MAX_MATH_DEPTH} levels deep")
    kept, refused = drop_refused(without_control_characters(_SURROGATES.sub("", latex)))
    if not kept.strip():
        return RenderedMath(source, "", "", refused, "")  # nothing but refused commands
    markup, text, error, shown = _converted(kept, "block" if display else "inline")
    if markup is None:
        return RenderedMath(source, None, source, refused, error)
    # Math that shows only space reads as its source, which may hold what no text may.
    readable = text or without_control_characters(source)
    return RenderedMath(source, _cleaner().clean(markup), readable, refused, "", shown)


def _converted(latex: str, display: str) -> tuple[str | None, str, str, str]:
    """The MathML of ``latex``, its text and the characters that show it (if Unicode has
    them), or None and why it cannot be read."""
    # Imported when first needed: it takes a sixth of a second, and builds that find their
    # math in the kept results (or have none) need not pay it.
    from latex2mathml.converter import convert_to_element  # noqa: PLC0415

    try:
        tree = convert_to_element(latex, display=display)
        # Before entities are decoded: an escaped \& is written as an entity, a bare & not.
        not_understood = _not_understood(tree)
        if not_understood:
            return None, "", not_understood, ""
        _decode_entities(tree)
        without_empty_rows(tree)
        markup = tostring(tree, encoding="unicode")
        characters = math_as_text(tree)
        if characters is not None:
            # Read as the characters show it: "O(n log n)", not "O(nlogn)".
            return markup, characters.read, "", characters.shown
        return markup, " ".join(math_text(tree).split()), "", ""
    except RecursionError:  # \frac\frac\frac... nests without braces
        return None, "", "nested too deeply", ""
    except Exception as error:  # latex2mathml raises many kinds on malformed input
        reason = type(error).__name__.removesuffix("Error")
        why = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", reason).lower() or "unreadable"
        return None, "", why, ""


def _decode_entities(tree: Element) -> None:
    """latex2mathml writes symbols as entity text (``&#x003B1;``) and leaves ``<`` as it is;
    with real characters, serialising escapes every text once, as it should."""
    for node in tree.iter():
        if node.text:
            node.text = html.unescape(node.text)
        if node.tail:
            node.tail = html.unescape(node.tail)


# What the converter writes for what it does not know: the command itself as a name
# (``<mi>\\foo</mi>``), or an alignment mark outside an environment that aligns.
_UNKNOWN_COMMAND = re.compile(r"\\[A-Za-z]+")


def _not_understood(tree: Element) -> str:
    """Why the converted tree does not show the math, or ""."""
    for node in tree.iter():
        text = node.text or "" if node.tag in {"mi", "mo"} else ""
        if _UNKNOWN_COMMAND.fullmatch(text):
            return f"unknown command {text}"
        if text == "&":
            return "& outside an environment that aligns"
    return ""
