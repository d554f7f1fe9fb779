"""Control characters taken out of entries (the rule is in ``scholarpages.characters``)."""

from __future__ import annotations

from ..characters import CONTROL_CHARACTERS, without_control_characters
from .database import Publication
from .problems import Problem

__all__ = ["CONTROL_CHARACTERS", "control_character_check", "without_control_characters"]


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


def _has_control_characters(publication: Publication) -> bool:
    # One search over every value (a line end, which stays, between them).
    values = [*publication.fields.values(), publication.bibtex]
    values.extend(name for names in publication.persons.values() for name in names)
    return CONTROL_CHARACTERS.search("\n".join(values)) is not None


def control_character_check(publication: Publication) -> tuple[Publication | None, list[Problem]]:
    """The entry without control characters, and a problem, if it has some."""
    if not _has_control_characters(publication):
        return None, []
    cleaned = _cleaned(publication)
    if cleaned == publication:
        return None, []
    fields = sorted(
        name for name, value in publication.fields.items() if CONTROL_CHARACTERS.search(value)
    ) + sorted(
        role
        for role, names in publication.persons.items()
        if any(CONTROL_CHARACTERS.search(name) for name in names)
    )
    problem = Problem(
        publication.line,
        f"entry {publication.key!r}: control characters removed from "
        f"{', '.join(fields) or 'its BibTeX'}",
        "control_character",
    )
    return cleaned, [problem]
