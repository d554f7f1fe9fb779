"""Reading CV data files: anything a person or a site writes is read without an exception,
and real academicpages ``_data/cv.json`` files (see tests/corpus/academicpages/SOURCES.md)
are read with their problems reported at their lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from real_sites import find_corpus

from scholarpages.cv.data import parse_cv, read_cv
from scholarpages.cv.schema import SECTIONS

from helpers import warning_lines

KEYS = st.sampled_from(
    [
        "basics",
        *SECTIONS,
        "name",
        "position",
        "startDate",
        "endDate",
        "date",
        "url",
        "highlights",
        "profiles",
        "location",
        "keywords",
        "meta",
        "unknown",
    ]
) | st.text(max_size=8)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["2020", "2020-13", "2020-02-30", "javascript:x", "https://a.b/", "~"])
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=30,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=6) | VALUES


def _check(text: str, is_json: bool) -> None:
    cv, problems = parse_cv(text, is_json=is_json)
    assert all(problem.line >= 1 for problem in problems)
    assert all(problem.subtype.startswith("cv.") for problem in problems)
    assert isinstance(cv.sections, tuple)


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS, st.booleans())
def test_any_json_or_yaml_data_is_read_without_an_exception(data: object, trailing: bool) -> None:
    text = json.dumps(data, indent=2)
    if trailing:
        # JSON's commonest mistake in hand-edited files.
        text = text.replace("\n}", ",\n}", 1).replace("\n]", ",\n]", 1)
    _check(text, is_json=True)
    _check(yaml.safe_dump(data, allow_unicode=True), is_json=False)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.booleans())
def test_any_text_is_read_without_an_exception(text: str, is_json: bool) -> None:
    _check(text, is_json)


def test_hostile_structures_are_bounded() -> None:
    aliases = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(15)
    )
    _check("work: [" + aliases.replace("\n", " ") + "]", is_json=False)
    _check(aliases + "unknown: [*p, *p, *p]\n", is_json=False)
    _check("[" * 5000 + "]" * 5000, is_json=True)
    _check("work: &w [*w]", is_json=False)


def test_json_syntax_error_is_reported_and_the_rest_is_read() -> None:
    text = (
        '{\n  "basics": {"name": "Ann"},\n'
        '  "work": [\n    {"name": "X", "startDate": "2001"},\n  ]\n}\n'
    )
    cv, problems = parse_cv(text, is_json=True)
    assert [(p.line, p.subtype) for p in problems] == [(5, "cv.json")]
    assert cv.basics is not None and cv.basics.name == "Ann"
    assert [entry.subtitle for entry in cv.sections[0].entries] == ["X"]


def _is_json(path: Path) -> bool:
    try:
        json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError:
        return False
    return True


_CORPUS = find_corpus()
_REAL_FILES = sorted(_CORPUS.glob("*/_data/cv.json")) if _CORPUS else []


@pytest.mark.skipif(not _REAL_FILES, reason="the corpus of real academicpages sites is not here")
@pytest.mark.parametrize("path", _REAL_FILES, ids=lambda path: path.parents[1].name)
def test_real_academicpages_cv_json_is_read(path: Path) -> None:
    cv, problems = read_cv(path)
    for problem in problems:
        print(f"{path.parents[1].name}/_data/cv.json:{problem.line}: {problem.message}")
    assert cv.basics is not None and cv.basics.name
    assert any(section.entries for section in cv.sections)
    syntax = [problem for problem in problems if problem.subtype == "cv.json"]
    try:
        json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        assert [problem.line for problem in syntax] == [error.lineno]
    else:
        assert syntax == []


@pytest.mark.skipif(not _REAL_FILES, reason="the corpus of real academicpages sites is not here")
@pytest.mark.sphinx("dirhtml", testroot="cv", copy_test_root=True, freshenv=True)
def test_a_real_cv_json_with_a_syntax_error_builds_its_cv(app_params, make_app) -> None:
    broken = [path for path in _REAL_FILES if not _is_json(path)]
    if not broken:
        pytest.skip("no file of the corpus has a JSON syntax error")
    _, kwargs = app_params
    source = Path(kwargs["srcdir"])
    (source / "cv.yaml").unlink()
    (source / "cv.json").write_bytes(broken[0].read_bytes())
    (source / "cv.md").write_text("# CV\n\n```{cv}\n:data: cv.json\n```\n", encoding="utf-8")
    app = make_app("dirhtml", **kwargs)
    app.build()
    warnings = warning_lines(app.warning)
    assert any(f"{source / 'cv.json'}:" in w and "scholarpages.cv.json" in w for w in warnings)
    page = (Path(app.outdir) / "cv/index.html").read_text("utf-8")
    assert "Education" in page
    assert (Path(app.outdir) / "cv.pdf").is_file()
