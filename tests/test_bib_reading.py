"""Reading publications.bib as BibTeX reads it, within bounds.

A file no bigger than a page can define macros that expand to gigabytes; line endings,
brace-less comments and ``@`` inside values must not lose or invent entries; and what is
wrong but readable (bad UTF-8, undefined macros in ``@string``, a ``crossref`` to nothing)
is said, with its line.
"""

from __future__ import annotations

import pickle
import string
import time
from pathlib import Path
from typing import Any

import pybtex.errors
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database.input.bibtex import Parser
from sphinx.testing.util import SphinxTestApp

from scholarpages.publications.bib_encoding import decode_bib
from scholarpages.publications.database import parse_database
from scholarpages.publications.problems import Problem

from helpers import read_html, warning_lines


def _parse(text: str) -> tuple[list[str], list[Problem]]:
    database, _ = parse_database(text, "test.bib", frozenset())
    return [p.key for p in database.publications], database.problems


def _pybtex_keys(text: str) -> list[str]:
    """The keys pybtex itself reads of the whole file, errors and all."""
    with pybtex.errors.capture():
        data = Parser().parse_string(text)
    return list(data.entries.keys())


def _of(problems: list[Problem], subtype: str) -> list[Problem]:
    return [problem for problem in problems if problem.subtype == subtype]


def _doubling(levels: int, use: str = "title = a{top}") -> str:
    lines = ['@string{a0 = "xx"}']
    lines += [f"@string{{a{n} = a{n - 1} # a{n - 1}}}" for n in range(1, levels + 1)]
    lines += ["@article{huge,", "  " + use.format(top=levels) + ",", "  year = 2020", "}"]
    return "\n".join(lines) + "\n"


# Case 7: no bound on @string expansion.


@pytest.mark.parametrize("levels", [18, 26])
def test_doubling_macros_are_cut_and_said(levels: int) -> None:
    started = time.perf_counter()
    database, _ = parse_database(_doubling(levels), "test.bib", frozenset())
    elapsed = time.perf_counter() - started
    assert elapsed < 3, elapsed
    (huge,) = database.publications
    assert 1_000 < len(huge.fields["title"]) <= 100_000
    assert len(huge.bibtex) <= 110_000
    limits = _of(database.problems, "limit")
    assert limits, database.problems
    # The first macro cut is named, on its own line (a<n> is on line n + 1).
    first = limits[0]
    macro = first.message.split("'")[1]
    assert macro.startswith("a")
    assert first.line == int(macro[1:]) + 1


def test_many_uses_of_a_big_macro_stay_small_and_fast() -> None:
    big = "word " * 8_000  # 40,000 characters: within what a field may hold
    uses = " # ".join(["big"] * 3_000)
    text = f"@string{{big = {{{big}}}}}\n\n@article{{many,\n  abstract = {uses},\n  year = 1\n}}\n"
    started = time.perf_counter()
    database, _ = parse_database(text, "test.bib", frozenset())
    assert time.perf_counter() - started < 3
    (many,) = database.publications
    assert many.fields["abstract"].startswith("word word")  # cut, but from the macro
    assert len(many.fields["abstract"]) <= 100_000
    limits = _of(database.problems, "limit")
    assert limits
    assert all(limit.line == 3 and "'many'" in limit.message for limit in limits)


def test_a_long_literal_field_is_cut() -> None:
    text = "@misc{long,\n  title = {T},\n  abstract = {" + "{a} b " * 40_000 + "},\n  year = 1\n}\n"
    database, _ = parse_database(text, "test.bib", frozenset())
    (long_entry,) = database.publications
    abstract = long_entry.fields["abstract"]
    assert 1_000 < len(abstract) <= 100_000
    assert abstract.count("{") == abstract.count("}")  # cut where braces stay balanced
    (limit,) = _of(database.problems, "limit")
    assert limit.line == 1 and "'long'" in limit.message and "abstract" in limit.message


def test_a_long_author_list_keeps_its_first_names() -> None:
    authors = " and ".join(f"Person{n}, A." for n in range(12_000))
    database, _ = parse_database(
        f"@misc{{many,\n  author = {{{authors}}}\n}}\n", "t.bib", frozenset()
    )
    (many,) = database.publications
    kept = many.persons["author"]
    assert 1_000 < len(kept) < 12_000 and kept[0] == "Person0, A."
    (limit,) = _of(database.problems, "limit")
    assert limit.line == 1 and "'many'" in limit.message and "author" in limit.message


def test_deep_braces_are_flattened_not_fatal() -> None:
    deep = "{" * 150 + "core" + "}" * 150
    text = f"@misc{{deep,\n  title = {{Deep {deep} title}},\n  year = 1\n}}\n"
    keys, problems = _parse(text)
    assert keys == ["deep"]
    (limit,) = _of(problems, "limit")
    assert limit.line == 1 and "'deep'" in limit.message
    assert not _of(problems, "syntax")


# Case 9: entries lost or invented by the splitter.


def _fifteen(newline: str) -> str:
    entries = [
        f"@misc{{key{n},{newline}  title = {{T{n}}},{newline}  year = 2000{newline}}}"
        for n in range(14)
    ]
    entries.append(f"@misc{{noyear,{newline}  title = {{No year}}{newline}}}")
    return (newline * 2).join(entries) + newline


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_line_endings(newline: str) -> None:
    text = _fifteen(newline)
    keys, problems = _parse(text)
    assert keys == _pybtex_keys(text)
    assert len(keys) == 15
    (missing,) = _of(problems, "missing_field")
    assert missing.line == 14 * 5 + 1  # each entry takes 4 lines and a blank one


def test_braceless_comment_keeps_the_entry_before_it() -> None:
    text = (
        "@article{before,\n  title = {Before},\n  year = 1\n}\n"
        "@comment this is a comment\n"
        "@article{after,\n  title = {After}\n}\n"
    )
    keys, problems = _parse(text)
    assert keys == _pybtex_keys(text) == ["before", "after"]
    (missing,) = _of(problems, "missing_field")
    assert missing.line == 6
    assert not _of(problems, "syntax")


def test_an_entry_line_inside_a_value_is_text() -> None:
    text = (
        "@article{real,\n  title = {The real entry},\n  abstract = {It quotes:\n"
        "@article{fake,\n  title = {Not an entry}}},\n  year = 1\n}\n\n"
        "@article{next,\n  title = {Next}\n}\n"
    )
    keys, problems = _parse(text)
    assert keys == _pybtex_keys(text) == ["real", "next"]
    (missing,) = _of(problems, "missing_field")
    assert missing.line == 9
    assert "fake" not in str(problems)


def test_a_broken_entry_loses_only_itself() -> None:
    text = (
        "@article{broken,\n  title = {Unbalanced {braces,\n  year = 1\n\n"
        "@article{after,\n  title = {After},\n  year = 2\n}\n"
    )
    keys, problems = _parse(text)
    assert keys == ["after"]
    (syntax,) = _of(problems, "syntax")
    assert syntax.line == 1 and "'broken'" in syntax.message


def test_an_entry_closed_only_by_a_later_brace_loses_only_itself() -> None:
    # Its title is closed by the brace after the next entry, then comes what is no field.
    text = (
        "@article{broken,\n  title = {Unclosed,\n  year = 1\n\n"
        "  @article{after,\n  title = {After},\n  year = 2\n}\n}, junk\n}\n"
        "@article{last,\n  title = {Last},\n  year = 3\n}\n"
    )
    keys, problems = _parse(text)
    assert keys == ["after", "last"]
    (syntax,) = _of(problems, "syntax")
    assert syntax.line == 1 and "'broken'" in syntax.message
    assert not _of(problems, "missing_field")


@pytest.mark.parametrize(
    "broken",
    [
        "@article{{b{n},\n  title = {{Unclosed {{value}},\n  year = 1\n}}\n\n",
        "@article{{b{n},\n  title = {{Unclosed entry}},\n  year = 1\n\n",
        "@article(b{n},\n  title = {{Unclosed entry}},\n  year = 1\n\n",
        '@article{{b{n},\n  title = "Unclosed quote,\n  year = 1\n}}\n\n',
    ],
    ids=["value", "entry", "parentheses", "quote"],
)
def test_many_broken_entries_cost_each_its_own_length(broken: str) -> None:
    good = "@article{{g{n},\n  title = {{Good}},\n  year = 1\n}}\n\n"
    text = "".join(broken.format(n=n) + good.format(n=n) for n in range(1_500))
    started = time.perf_counter()
    keys, problems = _parse(text)
    assert time.perf_counter() - started < 15
    assert keys == [f"g{n}" for n in range(1_500)]
    syntax = _of(problems, "syntax")
    assert len(syntax) == 1_500
    line_of_b1 = text[: text.index("b1,")].count("\n") + 1
    assert syntax[1].line == line_of_b1
    assert "'b1'" in syntax[1].message


_WORD = st.text(string.ascii_letters + string.digits + " .,:;=#@%-\n", max_size=12)


def _balanced(depth: int = 0) -> st.SearchStrategy[str]:
    if depth >= 3:
        return _WORD
    group = _balanced(depth + 1).map(lambda inner: "{" + inner + "}")
    return st.lists(st.one_of(_WORD, group, st.just('"')), max_size=4).map("".join)


def _quoted_safe(value: str) -> str:
    """The value with its top-level quotes braced, so it can go between quotes."""
    return value.replace('"', '{"}') if "{" not in value else ""


_KEYS = st.from_regex(r"[A-Za-z][A-Za-z0-9_:-]{0,8}", fullmatch=True)


@st.composite
def _bib_files(draw: st.DrawFn) -> str:
    keys = draw(st.lists(_KEYS, min_size=0, max_size=6, unique_by=str.lower))
    blocks = []
    for key in keys:
        fields = []
        for name in draw(
            st.lists(st.sampled_from(["title", "note", "abstract", "year"]), unique=True)
        ):
            value = draw(_balanced())
            if draw(st.booleans()):
                fields.append(f"{name} = {{{value}}}")
            else:
                fields.append(f'{name} = "{_quoted_safe(value)}"')
        if draw(st.booleans()):
            blocks.append("@comment " + draw(st.text(string.ascii_letters + " ", max_size=20)))
        if draw(st.booleans()):
            blocks.append("@comment{" + draw(_balanced()).replace("@", "") + "}")
        opener, closer = draw(st.sampled_from([("{", "}"), ("(", ")")]))
        blocks.append(f"@misc{opener}{key},\n  " + ",\n  ".join(fields) + f"\n{closer}")
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return "\n\n".join(blocks).replace("\n", newline)


@settings(max_examples=100, deadline=None)
@given(_bib_files())
def test_well_formed_files_read_as_pybtex_reads_them(text: str) -> None:
    database, _ = parse_database(text, "test.bib", frozenset())
    assert [p.key for p in database.publications] == _pybtex_keys(text)
    # Each entry is said to be on the line of its "@", whatever the line endings.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for publication in database.publications:
        assert lines[publication.line - 1][6:].startswith(publication.key + ",")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from([*'@{}()"#=,\n\r \\%abcAZ09', "@article{", "@string{", "@comment"])
    ).map("".join)
)
def test_any_text_is_read_without_raising(text: str) -> None:
    parse_database(text, "test.bib", frozenset())


_EDIT_PIECES = [
    "{",
    "}",
    "@",
    "\n",
    '"',
    "(",
    ")",
    "@misc{new,\n",
    "}\n",
    "title = {A {B}},",
    "@comment{",
]


@settings(max_examples=150, deadline=None)
@given(
    _bib_files(),
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 20), st.sampled_from(["", *_EDIT_PIECES])),
        min_size=1,
        max_size=3,
    ),
)
def test_a_file_read_again_after_an_edit_reads_as_if_read_afresh(
    text: str, edits: list[tuple[float, int, str]]
) -> None:
    """After an edit, only what it reaches is cut and read again: the rest is reused, and
    the database is the one a first reading of the edited file gives."""
    splits: list[Any] = []
    _, known = parse_database(text, "test.bib", frozenset(), None, splits)
    edited = text
    for where, removed, inserted in edits:
        at = int(where * len(edited))
        edited = edited[:at] + inserted + edited[at + removed :]
    again, _ = parse_database(edited, "test.bib", frozenset(), known, splits)
    afresh, _ = parse_database(edited, "test.bib", frozenset())
    assert again.publications == afresh.publications
    assert again.problems == afresh.problems
    # The cut kept is the edited file's: a second edit starts from it.
    assert parse_database(edited, "test.bib", frozenset(), None, splits)[0] == afresh
    # As the store keeps it for the next build (each block's text kept once), it is the same.
    assert pickle.loads(pickle.dumps(splits)) == splits


# Case 11: what was passed over silently.


def test_undefined_macro_in_string_is_said() -> None:
    text = '@misc{x,\n  title = {T},\n  year = 1\n}\n\n@string{journal = "The " #\n  nosuchmacro}\n'
    _, problems = _parse(text)
    (macro,) = _of(problems, "macro")
    assert macro.line == 7
    assert "nosuchmacro" in macro.message and "journal" in macro.message


def test_crossref_to_nothing_is_said() -> None:
    text = (
        "@inproceedings{part,\n  title = {P},\n  crossref = {nosuchbook},\n  year = 1\n}\n"
        "@inproceedings{other,\n  title = {O},\n  crossref = {BOOK},\n  year = 1\n}\n"
        "@proceedings{book,\n  title = {B},\n  year = 1\n}\n"
    )
    _, problems = _parse(text)
    (crossref,) = _of(problems, "crossref")
    assert crossref.line == 1
    assert "'part'" in crossref.message and "'nosuchbook'" in crossref.message


def test_bad_utf8_is_said_on_the_line_of_the_first_bad_byte() -> None:
    raw = b"\xef\xbb\xbf@misc{a,\r  title = {Caf\xe9},\r  note = {\xff}\r}\r"
    text, problems = decode_bib(raw)
    assert "Caf\ufffd" in text and not text.startswith("\ufeff")
    (problem,) = problems
    assert (problem.line, problem.subtype) == (2, "encoding")
    assert "e9" in problem.message
    assert decode_bib("@misc{é}".encode()) == ("@misc{é}", [])


# The whole build: every case in one file, reported on every build, cache or not.

pytestmark_build = pytest.mark.sphinx("dirhtml", testroot="bib_hostile", srcdir="bib_hostile")


@pytestmark_build
def test_hostile_file_builds_fast_small_and_says_why(make_app, app_params) -> None:
    _, kwargs = app_params
    for build in range(2):  # the second reads the database from the cache
        started = time.perf_counter()
        app: SphinxTestApp = make_app("dirhtml", **{**kwargs, "freshenv": build == 0})
        app.build()
        elapsed = time.perf_counter() - started
        text = "\n".join(warning_lines(app.warning))
        outdir = Path(app.outdir)
        app.cleanup()
        assert elapsed < 30, elapsed
        expected = [
            ("hostile.bib:17: WARNING:", "[scholarpages.bib.limit]"),  # a16 is the first cut
            ("hostile.bib:36: WARNING:", "[scholarpages.bib.encoding]"),
            ("hostile.bib:40: WARNING:", "[scholarpages.bib.macro]"),
            ("hostile.bib:42: WARNING:", "[scholarpages.bib.crossref]"),
        ]
        for location, subtype in expected:
            assert any(location in line and subtype in line for line in text.splitlines()), (
                location,
                subtype,
                text,
            )
        assert "bib.syntax" not in text, text
        listing = read_html(outdir / "publications/index.html")
        shown = {str(entry["id"]) for entry in listing.select(".sp-pub")}
        assert shown == {"huge", "latin", "orphan", "real", "last"}
        assert "Caf\ufffd au lait" in listing.get_text()
        for page in outdir.rglob("*.html"):
            assert page.stat().st_size < 1_000_000, page
