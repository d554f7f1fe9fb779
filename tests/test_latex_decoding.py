"""LaTeX decoding reads only the words with LaTeX in them, and gives what decoding the whole
value at once gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    return lead + latex._decode_latex(latex.normalised(value)) + trail


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


# The LaTeX idioms real exports contain (DBLP, ADS, Zotero, group bibliographies), as text.
IDIOMS = [
    (r"Proving vs.\ Disproving", "Proving vs. Disproving"),
    (r"IAU Symposium No.\ 280", "IAU Symposium No. 280"),
    ("e.g.\\\nthis", "e.g. this"),
    (r"R.\,T.\ 2005-08-47", "R. T. 2005-08-47"),
    (r"hyph\-en\-ated", "hyphenated"),
    (r"If\/ then", "If then"),
    (r"A \& B, 50\%, a\_b, \#1, \$5", "A & B, 50%, a_b, #1, $5"),
    (r"Fig.~1", "Fig. 1"),
    (r"pages 1--2 --- a dash", "pages 1–2 — a dash"),
    (r"Caf\'e \'{e} {\'e} \`a \^o \"u \~n", "Café é é à ô ü ñ"),
    (r"Mart{\'{\i}}n Abadi", "Martín Abadi"),
    (r"Mart\'\i n", "Martín"),
    (r"na\"{\i}ve", "naïve"),
    (r"\v{c} \c{c} \H{o} \k{a} \r{a} \u{a} \=a \.z", "č ç ő ą å ă ā ż"),
    (r"Stra\ss e, {\o}, \aa, \AE, \L{}ukasz, {\O}", "Straße, ø, å, Æ, Łukasz, Ø"),
    (r"\textbf{bold} \emph{em} {\em em2} {\bf bf} \textsc{Sc} \texttt{tt}", "bold em em2 bf Sc tt"),
    (r"x\textsuperscript{2}", "x2"),
    (r"\mbox{Box} and \url{https://x.org}", "Box and https://x.org"),
    (r"unbalanced {brace", "unbalanced brace"),
    ("trailing backslash \\", "trailing backslash"),
]


@pytest.mark.parametrize(("value", "text"), IDIOMS)
def test_idioms_of_real_exports(value: str, text: str) -> None:
    assert latex.latex_to_text(value) == text


# Pieces of LaTeX, so that commands, groups and math meet in every order.
_TOKENS = [*"\\{}$~-^_&%#'`\"., aeiAEIoOsSl\n", "\\i", "\\ ", "\\'", "\\emph", "\\(", "\\)"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join))
def test_any_latex_decodes_without_raising(value: str) -> None:
    assert isinstance(latex.latex_to_text(value), str)
    latex.latex_to_nodes(value)
