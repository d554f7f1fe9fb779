"""Where else an entry lives (its arXiv id, DOI and URLs), as keys a link is looked up by.

The index is made when the database is parsed and kept with its digests: finding that a
page's links lead to no listed paper then needs none of the entries themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .buttons import arxiv_id, arxiv_id_of_url, doi, doi_of_url, url_value
from .database import Publication


def _normalised(url: str) -> str:
    return url.strip().rstrip("/").lower().removeprefix("https://").removeprefix("http://")


def _identifiers_of(publication: Publication) -> Iterator[str]:
    identifier = arxiv_id(publication)
    if identifier:
        yield f"arxiv:{identifier.lower()}"
    number = doi(publication)
    if number:
        yield f"doi:{number.lower()}"
    for name in ("url", "html"):
        if publication.get(name):
            yield f"url:{_normalised(url_value(publication.get(name)))}"


def identifier_index(publications: Iterable[Publication]) -> dict[str, str]:
    """Identifier -> key of the first entry that has it."""
    index: dict[str, str] = {}
    for publication in publications:
        for identifier in _identifiers_of(publication):
            index.setdefault(identifier, publication.key)
    return index


def key_of_link(index: dict[str, str], url: str) -> str | None:
    """The key of the entry ``url`` leads to: by arXiv id, then DOI, then the URL itself."""
    identifier = arxiv_id_of_url(url)
    if identifier and f"arxiv:{identifier.lower()}" in index:
        return index[f"arxiv:{identifier.lower()}"]
    number = doi_of_url(url)
    if number and f"doi:{number.lower()}" in index:
        return index[f"doi:{number.lower()}"]
    return index.get(f"url:{_normalised(url)}")
