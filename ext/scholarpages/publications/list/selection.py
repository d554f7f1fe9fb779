"""Choosing, ordering and grouping entries for a ``{publications}`` list."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..buttons import arxiv_id
from ..database import Publication
from ..names import OwnerMatcher

TYPE_GROUPS: tuple[tuple[str, str, set[str]], ...] = (
    ("journal", "Journal articles", {"article"}),
    ("conference", "Conference papers", {"inproceedings", "conference", "proceedings"}),
    ("preprint", "Preprints", set()),
    ("thesis", "Theses", {"phdthesis", "mastersthesis", "thesis"}),
    ("talk", "Talks", {"presentation", "talk"}),
    ("other", "Other", set()),
)
_TRUE = {"true", "yes", "1"}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def year_of(publication: Publication) -> int | None:
    match = re.search(r"\d{4}", publication.get("year") or publication.get("date"))
    return int(match.group(0)) if match else None


# biblatex's ISO date: year, and month when given ("2021-03-04", "2021-03").
_ISO_MONTH = re.compile(r"^\d{4}-(\d{2})")


def month_of(publication: Publication) -> int:
    month = publication.get("month").lower().rstrip(".")
    if not month and (iso := _ISO_MONTH.match(publication.get("date"))):
        month = iso.group(1)
    if month.isdigit():
        return int(month)
    return _MONTHS.get(month, 0)


def type_group(publication: Publication) -> str:
    kind = publication.entry_type
    is_preprint = kind in {"misc", "unpublished", "online", "article"} and (
        arxiv_id(publication) is not None and not (kind == "article" and publication.get("journal"))
    )
    if is_preprint:
        return "preprint"
    for group, _, types in TYPE_GROUPS:
        if kind in types:
            return group
    return "other"


def is_selected(publication: Publication) -> bool:
    return publication.get("selected").lower() in _TRUE


def keywords_of(publication: Publication) -> set[str]:
    return {word.strip().lower() for word in re.split(r"[,;]", publication.get("keywords"))} - {""}


@dataclass
class Selection:
    types: set[str] = field(default_factory=set)  # entry types or type groups
    first_year: int | None = None
    last_year: int | None = None
    keywords: set[str] = field(default_factory=set)
    author: OwnerMatcher | None = None
    keys: list[str] = field(default_factory=list)
    selected_only: bool = False

    def accepts(self, publication: Publication) -> bool:
        year = year_of(publication)
        checks = (
            not self.keys or publication.key.lower() in {key.lower() for key in self.keys},
            not self.types or bool({publication.entry_type, type_group(publication)} & self.types),
            self.first_year is None or (year is not None and year >= self.first_year),
            self.last_year is None or (year is not None and year <= self.last_year),
            not self.keywords or bool(keywords_of(publication) & self.keywords),
            self.author is None
            or any(self.author.matches(name) for name in publication.persons.get("author", ())),
            not self.selected_only or is_selected(publication),
        )
        return all(checks)


def parse_years(text: str) -> tuple[int | None, int | None]:
    """ "2020", "2018-2021", "2019-" or "-2017" as (first, last); raises ValueError."""
    match = re.fullmatch(r"\s*(\d{4})?\s*(-)?\s*(\d{4})?\s*", text)
    if not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"not a year or a range of years: {text!r}")
    first = int(match.group(1)) if match.group(1) else None
    last = int(match.group(3)) if match.group(3) else None
    if not match.group(2):
        last = first
    if first is not None and last is not None and first > last:
        raise ValueError(f"the range {text.strip()!r} ends before it starts")
    return first, last


SORTS = ("newest", "oldest", "title", "key", "file")


def ordered(publications: Iterable[Publication], sort: str) -> list[Publication]:
    items = list(publications)
    if sort == "file":
        return items
    if sort == "title":
        return sorted(items, key=lambda p: (p.get("title").lower(), p.key))
    if sort == "key":
        return sorted(items, key=lambda p: p.key.lower())
    chronological = sorted(items, key=lambda p: (year_of(p) or 0, month_of(p), p.line))
    return chronological if sort == "oldest" else chronological[::-1]


def grouped(
    publications: list[Publication], group_by: str, oldest_first: bool = False
) -> list[tuple[str, str, list[Publication]]]:
    """(group id, heading, entries) in display order; one unnamed group for "none"."""
    if group_by == "none":
        return [("", "", publications)]
    if group_by == "type":
        groups = []
        for group, heading, _ in TYPE_GROUPS:
            members = [p for p in publications if type_group(p) == group]
            if members:
                groups.append((group, heading, members))
        return groups
    by_year: dict[str, list[Publication]] = {}
    for publication in publications:
        year = year_of(publication)
        by_year.setdefault(str(year) if year else "Undated", []).append(publication)
    years = sorted((label for label in by_year if label.isdigit()), reverse=not oldest_first)
    labels = [*years, *(["Undated"] if "Undated" in by_year else [])]
    return [(f"year-{label.lower()}", label, by_year[label]) for label in labels]
