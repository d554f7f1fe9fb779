"""LaTeX decoding reads only the words with LaTeX in them, and gives what decoding the whole
value at once gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from scholarpages.publications import latex
from scholarpages.publications.database import parse_database

TRICKY = [
    r"Stra\ss e und \ss x",
    r"na\"{\i}ve \' e and \'{e}",
    r"{A {nested {group}} here} and more",
    r"\emph{Deep learning} for {NLP} -- a survey",
    r"Fig.~1 shows ``quoted text'' here",
    r"50\% of \& and \_ in {\#}",
    r"M\"uller and Sch{\"o}n",
    r"\textbf{bold \emph{and} more} end",
    r"unbalanced {brace here and on",
    r"a } b",
    r"\foo bar baz",
    r"L'H\^opital's rule ---  with   spaces",
    r"x\\y z",
    "  leading and trailing {Space}  ",
]


def _whole(value: str) -> str:
    """The value decoded in one piece, as it was before decoding went word by word."""
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() else ""
    return lead + latex._decode_latex(value) + trail


def _database_values() -> list[str]:
    root = Path(__file__).parent / "roots" / "test-publications" / "refs.bib"
    database, _ = parse_database(root.read_text("utf-8"), str(root), frozenset())
    return [value for p in database.publications for value in p.fields.values() if "$" not in value]


@pytest.mark.parametrize(
    "value", [v for v in TRICKY + _database_values() if latex._LATEX_SPECIAL.search(v)]
)
def test_word_by_word_equals_whole(value: str) -> None:
    assert latex._decode_uncached(value) == _whole(value)


def test_decoding_examples() -> None:
    assert latex.latex_to_text(r"Stra\ss e and M\"uller -- {BERT}") == "Straße and Müller – BERT"
    assert latex.latex_to_text(r"Fig.~1 of \emph{the} paper") == "Fig. 1 of the paper"
