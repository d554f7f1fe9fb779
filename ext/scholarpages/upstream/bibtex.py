"""sphinxcontrib-bibtex, as scholarpages uses it: the one place that touches its state.

Its domain's data is read and written directly (``domain.citation_refs``, not a getattr
with a default): a renamed attribute stops the build with a message naming
sphinxcontrib-bibtex and its version, where a default would quietly leave pages stale.
What is touched:

- ``BibtexDomain.citation_refs``: which page cites which entries;
- ``BibtexDomain.bibliographies``: the bibliographies, to which the ``{publications}``
  directive adds its own (``BibliographyKey``/``BibliographyValue``), given the cited
  entries once every page is read;
- ``BibtexDomain.bibdata``: the parsed .bib files, parsed again (``parse_bibdata``) when
  scholarpages rewrites the copy of the database it gives sphinxcontrib-bibtex.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex import bibfile
from sphinxcontrib.bibtex.directives import BibliographyKey, BibliographyValue
from sphinxcontrib.bibtex.domain import BibtexDomain

from . import changed, require

_DISTRIBUTION = "sphinxcontrib-bibtex"


def check() -> None:
    require(_DISTRIBUTION, BibtexDomain, ["bibdata", "bibliographies", "citation_refs"])
    require(_DISTRIBUTION, bibfile, ["parse_bibdata"])
    fields = set(BibliographyValue._fields)
    wanted = {"line", "bibfiles", "style", "list_", "enumtype", "start", "labelprefix"}
    wanted |= {"keyprefix", "filter_", "citation_nodes", "keys"}
    if not wanted <= fields:
        missing = ", ".join(f"BibliographyValue.{name}" for name in sorted(wanted - fields))
        raise changed(_DISTRIBUTION, missing)


def _domain(env: BuildEnvironment) -> BibtexDomain:
    return cast(BibtexDomain, env.get_domain("cite"))


def citations(env: BuildEnvironment) -> Iterator[tuple[str, list[str]]]:
    """(docname, keys cited there) for each citation of the site."""
    for ref in _domain(env).citation_refs:
        yield ref.docname, [target.key for target in ref.targets]


def cited_keys(env: BuildEnvironment) -> set[str]:
    return {key for _, keys in citations(env) for key in keys}


def bibliography_files(env: BuildEnvironment) -> dict[str, list[Path]]:
    """The id of each bibliography, and the .bib files it lists entries of."""
    return {key.id_: list(value.bibfiles) for key, value in _domain(env).bibliographies.items()}


def add_citation_list(env: BuildEnvironment, id_: str, line: int, style: str) -> None:
    """A bibliography of the current document whose entries are labelled, formatting none yet.

    Its entries are given once every page is read, and only those some page cites (see
    ``cite_into_lists``): a node for every listed entry, pickled with the environment,
    would be loaded again by every build, a no-op one included.
    """
    domain = _domain(env)
    domain.bibliographies[BibliographyKey(docname=env.docname, id_=id_)] = BibliographyValue(
        line=line,
        bibfiles=list(domain.bibdata.bibfiles),
        style=style,
        list_="citation",
        enumtype="arabic",
        start=1,
        labelprefix="",
        keyprefix="",
        filter_=ast.parse("False"),
        citation_nodes={},
        keys=[],
    )


def cite_into_lists(
    env: BuildEnvironment, listed: Mapping[str, Mapping[str, Mapping[str, list[str]]]]
) -> None:
    """Give each citation list (``listed``: docname -> list id -> key -> the entry's ids)
    the entries some page cites, so that sphinxcontrib-bibtex labels those and no other.

    Its nodes are only ids: sphinxcontrib-bibtex reads nothing else of them.
    """
    cited = {key.lower() for key in cited_keys(env)}
    bibliographies = _domain(env).bibliographies
    for key, value in list(bibliographies.items()):
        ids_of = listed.get(key.docname, {}).get(key.id_)
        if ids_of is None:
            continue
        keys = {name for name in ids_of if name.lower() in cited}
        folded = sorted({name.lower() for name in keys})
        expression = "key in {" + ", ".join(map(repr, folded)) + "}" if keys else "False"
        bibliographies[key] = value._replace(
            filter_=ast.parse(expression),
            citation_nodes={name: nodes.Element(ids=list(ids_of[name])) for name in sorted(keys)},
        )


def read_bibfiles_again(env: BuildEnvironment, bibfiles: list[Path], encoding: str) -> None:
    """Have sphinxcontrib-bibtex parse its .bib files again (one of them was rewritten)."""
    _domain(env).data["bibdata"] = bibfile.parse_bibdata(bibfiles, encoding)
