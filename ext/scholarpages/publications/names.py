"""Author names: display forms and recognising the site owner among co-authors."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from pybtex.database import Person

from .latex import latex_to_text


class Name(NamedTuple):
    given: tuple[str, ...]  # first and middle names, decoded
    last: str  # von part and last names, decoded
    suffix: str  # "Jr."

    @property
    def display(self) -> str:
        full = " ".join([*self.given, self.last]).strip()
        return f"{full}, {self.suffix}" if self.suffix else full


@lru_cache(maxsize=16384)
def parse_name(written: str) -> Name:
    """A name as BibTeX writes it ("Last, First Middle" or "First Last")."""
    try:
        person = Person(written)
    except Exception:  # an odd name is shown as written
        return Name((), latex_to_text(written), "")
    given = tuple(
        latex_to_text(part) for part in [*person.first_names, *person.middle_names] if part
    )
    last = latex_to_text(" ".join([*person.prelast_names, *person.last_names]))
    return Name(given, last, latex_to_text(" ".join(person.lineage_names)))


def _fold(text: str) -> str:
    """Lower case, without accents, dots or hyphens: "Sáez-Ocáriz" -> "saez ocariz"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().replace("-", " ").replace(".", " ").split())


def _given_match(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Given names agree when each pair agrees as far as both are written.

    "M." matches "Matthew", "Matthew L." matches "Matthew", "Matthew" does not match "Mark".
    """
    if not mine or not theirs:
        return True
    for ours, other in zip(mine, theirs, strict=False):
        a, b = _fold(ours), _fold(other)
        if not a or not b:
            continue
        if len(a) == 1 or len(b) == 1:
            if a[0] != b[0]:
                return False
        elif a != b:
            return False
    return True


class OwnerMatcher:
    """Recognises the site owner's name in any of the forms configured for it."""

    def __init__(self, forms: list[str]) -> None:
        self._forms = [parse_name(form) for form in forms if form.strip()]

    def __bool__(self) -> bool:
        return bool(self._forms)

    def matches(self, written: str) -> bool:
        return any(_same_person(form, parse_name(written)) for form in self._forms)


def _same_person(form: Name, name: Name) -> bool:
    """Whether ``name`` can be ``form``: same last name, compatible given names.

    Compared word by word over the whole form, so that "Haitz Sáez de Ocáriz Borde" and
    "{Sáez de Ocáriz Borde}, H." are one person however BibTeX splits the parts.
    """
    words = _fold(" ".join([*form.given, form.last])).split()
    last = _fold(name.last).split()
    if not last or len(last) > len(words) or words[-len(last) :] != last:
        return False
    given = tuple(_fold(" ".join(name.given)).split())
    return _given_match(tuple(words[: -len(last)]), given)
