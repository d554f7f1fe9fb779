"""An entry written back as BibTeX, for its page, the copy cited works come from and the
site's ``/publications.bib``."""

from __future__ import annotations

from functools import cache
from typing import Any

from pybtex.database import BibliographyData, Entry


# Made on first use: pybtex's writer module imports latexcodec, which a rebuild that
# writes no BibTeX has no use for.
@cache
def _bibtex_writer() -> Any:
    """pybtex's BibTeX writer, for values that are LaTeX already.

    Its ``_encode`` turns Unicode text into LaTeX. The values of a parsed .bib are LaTeX as
    the author wrote it: encoding them again would double the backslash of an escaped
    percent sign and turn the tilde of a URL into a command (and read every value through
    latexcodec, which is slow). One writer is kept: BibliographyData.to_string("bibtex")
    looks it up by scanning every installed package's entry points, on every call.
    """
    from pybtex.database.output.bibtex import Writer  # noqa: PLC0415 - see above

    class SourceWriter(Writer):  # type: ignore[misc]
        def _encode(self, text: str) -> str:
            return text

    return SourceWriter()


def clean_bibtex(key: str, entry: Entry, private_fields: frozenset[str]) -> str:
    """The entry as BibTeX, without the fields only the site uses."""
    shown = Entry(entry.type, persons=entry.persons)
    for name, value in entry.fields.items():
        if name.lower() not in private_fields:
            shown.fields[name] = value
    return str(_bibtex_writer().to_string(BibliographyData(entries={key: shown}))).strip()
