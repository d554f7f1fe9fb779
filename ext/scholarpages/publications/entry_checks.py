"""The checks made of each entry once the database is parsed, kept by entry between builds.

Control characters, math that cannot be shown and links that are refused are found entry by
entry, and what an entry gives depends only on its content (its key and digest) and the
settings of the parse. After one entry of thousands is edited, the others' findings are
taken from the store instead of being worked out again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from .database import Database, Publication
from .problems import Problem

# A memo: the result kept for a key, or the function's, kept from now on.
Remember = Callable[[Hashable, Callable[[], Any]], Any]


def _forget(key: Hashable, compute: Callable[[], Any]) -> Any:
    return compute()


def check_entries(
    database: Database,
    name: str,
    check: Callable[[Publication], tuple[Publication | None, list[Problem]]],
    remember: Remember | None = None,
) -> list[Problem]:
    """The problems ``check`` finds in each entry, in order; an entry it returns cleaned
    takes the cleaned one's place.

    ``remember`` keeps what the check gave each entry under ``name``, its key and its
    digest; kept results do not hold the entry's line, which an edit above it moves.
    """
    memo = remember or _forget
    problems: list[Problem] = []
    entries = database.publications
    for index, publication in enumerate(entries):
        digest = database.entry_digests.get(publication.key)

        def compute(publication: Publication = publication) -> Any:
            cleaned, found = check(publication)
            return cleaned, [problem._replace(line=0) for problem in found]

        cleaned, found = memo((name, publication.key, digest), compute) if digest else compute()
        if cleaned is not None:
            entries[index] = cleaned._replace(line=publication.line)
        problems.extend(problem._replace(line=publication.line) for problem in found)
    return problems
