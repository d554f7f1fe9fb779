"""Math in the entries sphinxcontrib-bibtex formats becomes text: no input raises, and what
comes out is still one entry pybtex reads."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database.input.bibtex import Parser
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from scholarpages.publications.styled_math import readable_math, with_readable_math

_TEX = st.text(alphabet=st.sampled_from(list("$\\{}^_~&%#()xyn2 αa")), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_TEX)
def test_any_title_gives_an_entry_or_is_left_alone(title: str) -> None:
    bibtex = "@article{k,\n  title = {" + title + "},\n  year = {2020}\n}"
    result = with_readable_math(bibtex)
    if result != bibtex:
        entries = Parser().parse_string(result).entries
        assert list(entries) == ["k"]


@settings(max_examples=300, deadline=None)
@given(_TEX)
def test_math_as_text_reads_as_latex_where_the_value_did(value: str) -> None:
    written = f"A ${value}$ b"
    try:
        Text.from_latex(written)
    except PybtexSyntaxError:
        return  # a value the styles cannot read either way
    Text.from_latex(readable_math(written)).render_as("text")


def test_math_reads_as_its_text_and_keeps_its_case() -> None:
    assert readable_math(r"Sorting in {$O(n^2)$} Time") == "Sorting in {O(n²)} Time"
    assert readable_math(r"Over $\mathcal{X}$") == "Over {𝒳}"
