"""Authors read from the citation strings academicpages sites write by hand.

A ``citation:`` is one line in whatever style its author likes: APA (``Alpha, A., Beta,
B., & Gamma, C. (2015). Title.``), Chicago or MLA (``Alpha, Ann, Bo Beta, and Cy Gamma.
"Title."``), IEEE (``A. Alpha, B. Beta, and C. Gamma, "Title," ...``), Vancouver (``Alpha A,
Beta B.``), with HTML or Markdown emphasis around the owner's name and marks for equal
contribution. The names come before the year in parentheses, before a quoted title, or
before the first full stop that ends a list of names. Every name returned reads back with
pybtex as a person with a last name; a citation that cannot be read gives no names (and
the caller keeps it to show as written), never an error.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import nh3
from pybtex.database import Person
from pybtex.scanner import PybtexSyntaxError

OTHERS = "others"  # BibTeX's "and others", shown as "et al."

_SUPERSCRIPT = re.compile(r"<sup\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
# Equal contribution, corresponding author, affiliation marks: not part of a name.
_MARKS = re.compile(r"[*†‡§¶#✉⁰¹²³⁴⁵⁶⁷⁸⁹_\\]+|\^\S*|\[\d+\]")
_GLUED_INITIAL = re.compile(r"\b([A-Z])\.(?=[A-Z][a-z])")  # "L.Giani": "L. Giani"
_ET_AL = re.compile(r",?\s*\bet\.?\s*al\b\.?", re.IGNORECASE)
_ET_AL_MARK = "\x01"
_YEAR_IN_PARENTHESES = re.compile(r"\(\s*(?:\d{4}[a-z]?|n\.\s?d\.|in press|forthcoming)\b[^)]*\)")
_QUOTE = re.compile(r"[\"“”„«]")
# A full stop, then a space or the end: where a list of names may end.
_STOP = re.compile(r"\.(?=\s|$)")
_SEPARATOR = re.compile(r"\s*(?:,?\s+and\s+|,?\s*&\s*|;\s*|,\s*)\s*")
_UPPER = "A-ZÀ-ÖØ-Þ"
# "A.", "E.O.", "J.-P.", "AB", "J-P"; not "BC." (an abbreviation ending a sentence).
_INITIAL = re.compile(
    rf"^(?:[{_UPPER}]\.(?:-?[{_UPPER}]\.?)*|[{_UPPER}]{{1,2}}|[{_UPPER}]-[{_UPPER}])$"
)
_BARE_INITIALS = re.compile(rf"^[{_UPPER}]{{1,3}}$")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "dos",
    "das",
    "du",
    "le",
    "la",
    "ten",
    "ter",
    "bin",
    "ben",
    "al",
    "el",
    "y",
}
_MAX_WORDS = 6
# How far into a citation its list of names may end: each full stop up to there is tried.
_NAMES_REACH = 2000


def citation_authors(citation_html: str) -> list[str]:
    """The authors of an academicpages citation as BibTeX names, or [] if unreadable."""
    text = _plain(citation_html)
    for part in _author_parts(text):
        names = _names(part)
        if names:
            return names
    return []


def _plain(citation_html: str) -> str:
    text = _SUPERSCRIPT.sub("", citation_html)
    text = html.unescape(nh3.clean(text, tags=set()))
    text = _ET_AL.sub(f", {_ET_AL_MARK}.", text)
    text = _GLUED_INITIAL.sub(r"\1. ", _MARKS.sub("", text))
    return " ".join(text.split())


def _author_parts(text: str) -> Iterator[str]:
    """Where the names may end, most certain first."""
    year = _YEAR_IN_PARENTHESES.search(text)
    if year:
        yield text[: year.start()]
    quote = _QUOTE.search(text)
    if quote:
        yield text[: quote.start()]
    yield text  # names only: "<b>Ann Alpha</b>, Bo Beta"
    # The longest run of names that ends at a full stop: "A. Alpha and B. Beta. Title."
    stops = [match.start() for match in _STOP.finditer(text[:_NAMES_REACH])]
    for stop in reversed(stops):
        if _names(text[: stop + 1]):
            yield text[: stop + 1]
            return


def _names(part: str) -> list[str]:
    part = part.strip().rstrip(",:;").strip()
    if part.endswith(".") and not _ends_with_initial(part):
        part = part[:-1]
    chunks = [chunk.strip() for chunk in _SEPARATOR.split(part)]
    if not chunks or any(not chunk for chunk in chunks):
        return []
    others = any(chunk.rstrip(".") == _ET_AL_MARK for chunk in chunks)
    chunks = [chunk for chunk in chunks if chunk.rstrip(".") != _ET_AL_MARK]
    names = _inverted(chunks) or _paired(chunks)
    if names is None or not names:
        return []
    if others:
        names.append(OTHERS)
    return names if all(_readable(name) for name in names) else []


def _inverted(chunks: list[str]) -> list[str] | None:
    """ "Magnini, Matteo, Salcuni, Giuseppe Pio": every name written last name first."""
    if len(chunks) < 2 or len(chunks) % 2:
        return None
    lasts, firsts = chunks[0::2], chunks[1::2]
    if not all(_is_surname(last.split()) for last in lasts):
        return None
    for first in firsts:
        words = first.split()
        if not all(_is_name_word(word) for word in words) or len(words) > 3:
            return None
        # "Giuseppe Pio", "Andrew T.", "A. B."; not "B. Deep Learning" (a title after it).
        if not _is_given(words) and any(_is_initial(word) for word in words):
            return None
    return [f"{last}, {first}" for last, first in zip(lasts, firsts, strict=True)]


def _paired(chunks: list[str]) -> list[str] | None:
    """Chunks between separators as names: "Alpha", "A." is one name, "A. Alpha" another."""
    names: list[str] = []
    inverted = 0  # names written "Last, F."
    index = 0
    while index < len(chunks):
        words = chunks[index].split()
        if not all(_is_name_word(word) for word in words) or len(words) > _MAX_WORDS:
            return None
        following = chunks[index + 1].split() if index + 1 < len(chunks) else []
        if any(char.isdigit() for word in following for char in word):
            following = []  # "Economics Letters, 2016": a year is no given name
        alone = len(chunks) == 2 and len(following) == 1  # "Your Name, You"
        if following and (_is_surname(words) or alone) and _is_given(following):
            names.append(f"{chunks[index]}, {chunks[index + 1]}")
            inverted += 1
            index += 2
            continue
        if all(_is_initial(word) for word in words):
            return None  # initials alone are no name
        if len(words) > 1 and _is_vancouver_initials(words[-1]) and not _is_initial(words[0]):
            names.append(f"{' '.join(words[:-1])}, {words[-1]}")  # Vancouver: "Alpha AB"
        elif (
            len(words) == 1
            and len(chunks) > 1
            and not (index == len(chunks) - 1 and inverted and inverted == len(names))
        ):
            # A lone word among full names: a list of names misread. Last after names
            # written "Last, F." it is a surname whose initials were left out ("& Spang").
            return None
        else:
            names.append(chunks[index])
        index += 1
    return names


def _is_vancouver_initials(word: str) -> bool:
    """ "AB" or "J.D.", never "G.": "Andrew G. Lee" reads "Andrew G." as a given name."""
    return bool(_BARE_INITIALS.match(word)) or (
        _is_initial(word) and sum(char.isalpha() for char in word) > 1
    )


def _is_initial(word: str) -> bool:
    return bool(_INITIAL.match(word))


def _ends_with_initial(part: str) -> bool:
    last = part.rsplit(maxsplit=1)[-1] if part.split() else ""
    return _is_initial(last) or last.lower() in _SUFFIXES


def _is_name_word(word: str) -> bool:
    if word.lower() in _PARTICLES or word.lower() in _SUFFIXES or _is_initial(word):
        return True
    if word == _ET_AL_MARK or word.endswith(".") or any(char.isdigit() for char in word):
        return False
    letters = re.sub(r"[-'\u2019]", "", word)  # Jean-Luc, O'Brien, O\u2019Brien
    return bool(letters) and letters.isalpha() and not word[0].islower()


def _is_surname(words: list[str]) -> bool:
    if any(_is_initial(word) for word in words):
        return False
    return len(words) == 1 or words[0].lower() in _PARTICLES


def _is_given(words: list[str]) -> bool:
    if all(_is_initial(word) for word in words):
        return True
    return not _is_initial(words[0]) and all(_is_initial(word) for word in words[1:])


def _readable(name: str) -> bool:
    """pybtex reads it as one person with a last name (and no brace can unbalance a file)."""
    if name == OTHERS:
        return True
    if any(char in name for char in '{}\\"%#&~$^'):
        return False
    try:
        person = Person(name)
    except (PybtexSyntaxError, ValueError):
        return False
    return bool(person.last_names)
