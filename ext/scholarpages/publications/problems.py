"""What is wrong in a .bib file, as the loader reports it."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """Something wrong in the .bib file, with the line it is on.

    Reported as a warning at ``file:line``, of subtype ``bib.<subtype>``.
    """

    line: int
    message: str
    subtype: str
