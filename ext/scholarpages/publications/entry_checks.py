"""The checks made of each entry once the database is parsed, kept by entry between builds.

Control characters, math that cannot be shown and links that are refused are found entry by
entry, and what an entry gives depends only on its content (its key and digest) and the
settings of the parse. After one entry of thousands is edited, the others' findings are
taken from the store instead of being worked out again: one small record per entry, most
of them saying that nothing was found.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from .database import Database, Publication
from .problems import Problem

# A memo: the result kept for a key, or the function's, kept from now on.
Remember = Callable[[Hashable, Callable[[], Any]], Any]
# A check of one entry: the entry cleaned (None: as it is), and the problems found.
Check = Callable[[Publication], tuple[Publication | None, list[Problem]]]


def _forget(key: Hashable, compute: Callable[[], Any]) -> Any:
    return compute()


def check_entries(
    database: Database, checks: Sequence[tuple[str, Check]], remember: Remember | None = None
) -> list[Problem]:
    """The problems the checks find, check after check, each in the entries' order. Each
    check is given the entry as the checks before it cleaned it, and the cleaned entry
    takes its place in the database.

    ``remember`` keeps what the checks gave each entry under their names, its key and its
    digest; kept problems do not hold the entry's line, which an edit above it moves.
    """
    memo = remember or _forget
    names = tuple(name for name, _ in checks)
    found: list[list[Problem]] = [[] for _ in checks]
    entries = database.publications
    for index, publication in enumerate(entries):
        digest = database.entry_digests.get(publication.key)

        def compute(publication: Publication = publication) -> Any:
            checked, problems = publication, []
            for _, check in checks:
                cleaned, said = check(checked)
                checked = checked if cleaned is None else cleaned
                problems.append(tuple(problem._replace(line=0) for problem in said))
            # Most entries have nothing to say: an empty tuple is kept for them.
            return (
                None if checked is publication else checked,
                tuple(problems) if any(problems) else (),
            )

        cleaned, problems = memo((names, publication.key, digest), compute) if digest else compute()
        if cleaned is not None:
            entries[index] = cleaned._replace(line=publication.line)
        for bucket, said in zip(found, problems, strict=False):
            bucket.extend(problem._replace(line=publication.line) for problem in said)
    return [problem for bucket in found for problem in bucket]
