"""Reading the files of a Jekyll site as Jekyll would, and surviving what real sites hold.

Real academicpages sites carry a UTF-8 byte-order mark, CRLF line endings, ``title:No
space`` (not a YAML mapping), front matter that is not YAML at all, and front matter
commented out with ``<!-- -->``. Each is read as well as it can be and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_FENCE = re.compile(r"^---[ \t]*$")
_MISSING_SPACE = re.compile(r"^([A-Za-z_][\w-]*):(?=[^\s:])", re.MULTILINE)
_SIMPLE_PAIR = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_COMMENTED = re.compile(r"^\s*<!--\s*\n---", re.DOTALL)


@dataclass
class JekyllFile:
    path: Path
    relative: str  # as the report names it: "_pages/about.md"
    data: dict[str, Any] = field(default_factory=dict)
    front_matter: str | None = None  # the YAML text, when the file has front matter
    body: str = ""
    body_line: int = 1  # the file's line where the body starts, for the report's line numbers
    problems: list[str] = field(default_factory=list)
    rewritten_front_matter: bool = False  # the YAML had to be repaired to be read

    @property
    def has_front_matter(self) -> bool:
        return self.front_matter is not None


def decode_text(raw: bytes) -> tuple[str, list[str]]:
    problems = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("utf-8-sig", errors="replace")
        problems.append("not valid UTF-8; undecodable bytes were replaced")
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


def _load(yaml_text: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (front matter line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, f"{problem}{where}"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return None, "front matter is not a mapping of keys to values"
    return {str(key): value for key, value in data.items()}, None


def _salvage(yaml_text: str) -> dict[str, Any]:
    """Key: value lines read one by one, for front matter that is not YAML."""
    data: dict[str, Any] = {}
    for line in yaml_text.splitlines():
        match = _SIMPLE_PAIR.match(line)
        if match and match.group(2).strip():
            value = match.group(2).strip()
            if value[0] in "\"'":  # quoted, or a quote left open by mistake
                value = value[1:-1] if len(value) >= 2 and value[-1] == value[0] else value[1:]
            loaded, _ = _load(f"v: {value}")
            data[match.group(1)] = loaded["v"] if loaded else value
    return data


def parse_jekyll_file(path: Path, relative: str, raw: bytes) -> JekyllFile:
    text, problems = decode_text(raw)
    result = JekyllFile(path=path, relative=relative, problems=problems)
    lines = text.split("\n")
    if _COMMENTED.match(text):
        result.problems.append("its front matter is commented out with <!-- -->")
        result.body = text
        return result
    if not lines or not _FENCE.match(lines[0]):
        result.body = text
        return result
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        result.problems.append("front matter has no closing '---'")
        result.body = text
        return result
    yaml_text = "\n".join(lines[1:end])
    result.front_matter = yaml_text
    result.body = "\n".join(lines[end + 1 :])
    result.body_line = end + 2
    data, error = _load(yaml_text)
    if data is None:
        repaired = _MISSING_SPACE.sub(r"\1: ", yaml_text)
        data, _ = _load(repaired) if repaired != yaml_text else (None, None)
        result.rewritten_front_matter = True
        if data is not None:
            result.problems.append(f"front matter needed a space after a colon ({error})")
        else:
            data = _salvage(repaired)
            result.problems.append(f"front matter is not valid YAML ({error}); read line by line")
    result.data = data
    return result


def is_published(data: dict[str, Any]) -> bool:
    """Only the literal ``false`` hides a page (a date or a word means published)."""
    return data.get("published") is not False
