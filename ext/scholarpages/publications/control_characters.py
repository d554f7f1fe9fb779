"""Control characters taken out of entries (the rule is in ``scholarpages.characters``)."""

from __future__ import annotations

from ..characters import CONTROL_CHARACTERS, without_control_characters
from .database import Database, Publication
from .problems import Problem

__all__ = ["CONTROL_CHARACTERS", "remove_control_characters", "without_control_characters"]


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
