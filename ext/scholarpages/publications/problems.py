"""What is wrong in a .bib file, as the loader reports it."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """Something wrong in the .bib files, with the line it is on.

    Lines count through the database's files in order; the loader reports each as a warning
    at its own ``file:line`` (``Database.location``), of subtype ``bib.<subtype>``.
    """

    line: int
    message: str
    subtype: str
