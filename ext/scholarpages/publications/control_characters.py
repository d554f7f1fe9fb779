"""Control characters taken out of entries: XML refuses them, and HTML shows them as noise.

A NUL or an escape character in a title is a mistake (a paste from a PDF, say), and the
feed writer (lxml) refuses the whole feed for it. Tabs and line ends are text, and stay.
"""

from __future__ import annotations

import re

from .database import Database, Publication
from .problems import Problem

# C0 controls but tab and line ends, DEL, C1 controls, and the two non-characters XML refuses.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def _cleaned(publication: Publication) -> Publication:
    return publication._replace(
        fields={
            name: without_control_characters(value) for name, value in publication.fields.items()
        },
        persons={
            role: tuple(without_control_characters(name) for name in names)
            for role, names in publication.persons.items()
        },
        bibtex=without_control_characters(publication.bibtex),
    )


def remove_control_characters(database: Database) -> list[Problem]:
    """Take control characters out of the entries' values; a problem for each entry with some."""
    problems: list[Problem] = []
    entries = database.publications
    for index, publication in enumerate(entries):
        cleaned = _cleaned(publication)
        if cleaned == publication:
            continue
        entries[index] = cleaned
        fields = sorted(
            name for name, value in publication.fields.items() if CONTROL_CHARACTERS.search(value)
        ) + sorted(
            role
            for role, names in publication.persons.items()
            if any(CONTROL_CHARACTERS.search(name) for name in names)
        )
        problems.append(
            Problem(
                publication.line,
                f"entry {publication.key!r}: control characters removed from "
                f"{', '.join(fields) or 'its BibTeX'}",
                "control_character",
            )
        )
    return problems
