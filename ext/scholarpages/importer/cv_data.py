"""academicpages' ``_data/cv.json`` made the CV's data file, ``docs/cv.yaml``.

The file follows JSON Resume, which the ``{cv}`` directive reads as it is; YAML is easier
to edit by hand. Sections the new site lists from its own sources are left out of it: the
publications (publications.bib), and the presentations and teaching when the site has
``talks/`` and ``teaching/`` (academicpages' script wrote them into cv.json from there).
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import yaml

HEADER = (
    "# The CV's data (JSON Resume: https://jsonresume.org/schema), made from _data/cv.json.\n"
    "# The {cv} directive shows it as a page and as a PDF.\n"
)


class CVData(NamedTuple):
    name: str  # the file to write in docs/: "cv.yaml", or "cv.json" when it cannot be read
    text: str
    settled: list[str]  # what the import decided itself
    problems: list[str]  # what a person has to look at


def _without(data: dict[str, Any], sections: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    kept = dict(data)
    notes = []
    for key, source in sections.items():
        if kept.pop(key, None):
            notes.append(f"its {key} are not copied: the CV lists them from {source}")
    return kept, notes


def convert_cv_json(text: str, listed_elsewhere: dict[str, str]) -> CVData:
    """The data file for ``text``, without the sections ``listed_elsewhere`` (key: source)."""
    settled: list[str] = []
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        where = f"line {error.lineno}: " if isinstance(error, json.JSONDecodeError) else ""
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deep"
        try:
            data = yaml.safe_load(text)
        except (yaml.YAMLError, RecursionError, ValueError):
            problem = f"{where}not valid JSON ({reason}); copied as docs/cv.json to be fixed"
            return CVData("cv.json", text, [], [problem])
        settled.append(f"{where}not valid JSON ({reason}), but readable as YAML: read so")
    if not isinstance(data, dict):
        return CVData("cv.json", text, [], ["not a JSON object; copied as docs/cv.json"])
    kept, notes = _without(data, listed_elsewhere)
    dumped = yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=100)
    return CVData("cv.yaml", HEADER + dumped, [*settled, *notes], [])
