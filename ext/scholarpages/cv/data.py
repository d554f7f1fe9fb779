"""Reading a CV data file (JSON Resume, as YAML or JSON) into typed records, with line numbers.

Nothing here raises on bad data: a JSON syntax error, a value of the wrong type, a date that
is missing or cannot be read, an unknown key or a link that is not http(s) or ``mailto:`` is
a ``Problem`` with its line, and the rest of the CV is read. Nothing is dropped silently:
an unknown field is shown as written (and reported), an unknown section becomes a section of
its own, and what cannot be shown at all (a refused link) is reported.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

import yaml

from ..frontmatter.urls import split_url
from .schema import (
    BASICS_KNOWN,
    BASICS_TEXT,
    BASICS_URL,
    IGNORED,
    LOCATION_FIELDS,
    PROFILE_FIELDS,
    SECTIONS,
    SectionSpec,
)

# A data file holds tens of entries; these bound a hostile one (aliases that multiply, a
# list nested a thousand deep) without limiting a real CV.
MAX_NODES = 100_000
MAX_DEPTH = 32


class Problem(NamedTuple):
    """Something wrong in the data file, at a line (1-based)."""

    line: int
    message: str
    subtype: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # http(s) or mailto:, checked; "" when there is only a label


@dataclass(frozen=True)
class Entry:
    line: int
    title: str = ""
    subtitle: str = ""
    dates: str = ""
    location: str = ""
    url: str = ""
    summary: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    key: str  # the data file's key ("work"), or "publications", "talks" for the site's own
    heading: str
    line: int
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Basics:
    line: int
    name: str = ""
    label: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    location: str = ""
    summary: str = ""
    profiles: tuple[Link, ...] = ()


@dataclass(frozen=True)
class CV:
    basics: Basics | None = None
    sections: tuple[Section, ...] = ()


@dataclass
class _Reader:
    problems: list[Problem] = field(default_factory=list)
    visited: int = 0
    # The line of the key each value was given under, by the value's node.
    key_lines: dict[int, int] = field(default_factory=dict)

    def warn(self, node: yaml.Node | None, message: str, subtype: str) -> None:
        self.problems.append(Problem(line_of(node), message, subtype))

    def warn_key(self, value: yaml.Node, message: str) -> None:
        line = self.key_lines.get(id(value), line_of(value))
        self.problems.append(Problem(line, message, "cv.key"))

    # -- values ---------------------------------------------------------------------------

    def text(self, node: yaml.Node, name: str) -> str:
        """A scalar as its text ("" for null); anything else is reported."""
        if isinstance(node, yaml.ScalarNode):
            return "" if node.tag.endswith(":null") else str(node.value).strip()
        self.warn(node, f"{name!r} should be text, not a {_kind(node)}", "cv.type")
        return ""

    def texts(self, node: yaml.Node, name: str) -> list[str]:
        """A list of text (a single text is a list of one)."""
        if isinstance(node, yaml.SequenceNode):
            values = [self.text(item, name) for item in node.value]
            return [value for value in values if value]
        value = self.text(node, name)
        return [value] if value else []

    def link(self, node: yaml.Node, name: str) -> str:
        text = self.text(node, name)
        if not text:
            return ""
        if _is_safe_link(text):
            return text
        self.warn(node, f"link {text!r} left out: only http(s) and mailto: links", "cv.link")
        return ""

    def loose_text(self, node: yaml.Node, depth: int = 0) -> str:
        """Any value as readable text, for fields the schema does not know."""
        self.visited += 1
        if depth > MAX_DEPTH or self.visited > MAX_NODES:
            return "…"
        if isinstance(node, yaml.ScalarNode):
            return "" if node.tag.endswith(":null") else str(node.value).strip()
        if isinstance(node, yaml.SequenceNode):
            parts = [self.loose_text(item, depth + 1) for item in node.value]
            return "; ".join(part for part in parts if part)
        parts = [
            f"{self.loose_text(key, depth + 1)}: {self.loose_text(value, depth + 1)}"
            for key, value in node.value
        ]
        return "; ".join(parts)

    def fields(self, node: yaml.MappingNode) -> dict[str, yaml.Node]:
        """A mapping's values by key; null values are left out, as not given."""
        found: dict[str, yaml.Node] = {}
        for key, value in node.value:
            self.visited += 1
            if not isinstance(key, yaml.ScalarNode):
                self.warn(key, "a key should be text; this one is ignored", "cv.type")
                continue
            if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
                continue
            found[str(key.value)] = value
            self.key_lines[id(value)] = line_of(key)
        return found

    def date(self, node: yaml.Node, name: str) -> str:
        text = self.text(node, name)
        if not text:
            return ""
        shown = display_date(text)
        if shown is None:
            self.warn(
                node, f"{name} {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", "cv.date"
            )
            return text
        return shown

    # -- entries and sections -------------------------------------------------------------

    def entry(self, node: yaml.Node, key: str, spec: SectionSpec) -> Entry | None:
        if self.visited > MAX_NODES:
            return None
        self.visited += 1
        if not isinstance(node, yaml.MappingNode):
            title = self.loose_text(node)
            self.warn(node, f"an entry of {key!r} should be a mapping of fields", "cv.type")
            return Entry(line_of(node), title=title) if title else None
        given = self.fields(node)

        def first(names: tuple[str, ...], read: str = "text") -> str:
            for name in names:
                if name in given:
                    value = (
                        self.link(given[name], name)
                        if read == "link"
                        else self.text(given[name], name)
                    )
                    if value:
                        return value
            return ""

        start = next((self.date(given[n], n) for n in spec.start if n in given), "")
        end = next((self.date(given[n], n) for n in spec.end if n in given), "")
        title = ", ".join(
            value for value in (self.text(given[n], n) for n in spec.title if n in given) if value
        )
        details = [
            (label, ", ".join(self.texts(given[name], name)))
            for name, label in spec.details
            if name in given
        ]
        for name, value in given.items():
            if name not in spec.known:
                self.warn_key(value, f"unknown field {name!r} in {key!r} (shown as written)")
                details.append((name, self.loose_text(value)))
        entry = Entry(
            line=line_of(node),
            title=title,
            subtitle=first(spec.subtitle),
            dates=date_range(start, end, spec.ongoing),
            location=first(spec.location),
            url=first(spec.url, "link"),
            summary=tuple(
                text
                for text in (self.text(given[n], n) for n in spec.summary if n in given)
                if text
            ),
            items=tuple(item for n in spec.items if n in given for item in self.texts(given[n], n)),
            details=tuple((label, value) for label, value in details if value),
        )
        if spec.dated and not (start or end) and entry != Entry(entry.line):
            what = entry.title or entry.subtitle or "an entry"
            self.warn(node, f"{key!r} entry {what!r} has no date", "cv.date")
        return None if entry == Entry(entry.line) else entry

    def section(self, key: str, node: yaml.Node) -> Section:
        spec = SECTIONS.get(key)
        if spec is None:
            line = self.key_lines.get(id(node), line_of(node))
            self.problems.append(
                Problem(line, f"unknown section {key!r} (shown as written)", "cv.key")
            )
            spec = SectionSpec(key.replace("_", " ").strip().capitalize() or "Other")
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if not isinstance(node, yaml.SequenceNode) and key in SECTIONS:
            self.warn(node, f"{key!r} should be a list of entries", "cv.type")
        if key in SECTIONS:
            entries = [self.entry(item, key, spec) for item in items]
        else:
            entries = [self.generic_entry(item) for item in items]
        return Section(key, spec.heading, line_of(node), tuple(e for e in entries if e))

    def generic_entry(self, node: yaml.Node) -> Entry | None:
        if not isinstance(node, yaml.MappingNode):
            text = self.loose_text(node)
            return Entry(line_of(node), title=text) if text else None
        details = tuple(
            (name, text)
            for name, value in self.fields(node).items()
            if (text := self.loose_text(value))
        )
        return Entry(line_of(node), details=details) if details else None

    def basics(self, node: yaml.Node) -> Basics | None:
        if not isinstance(node, yaml.MappingNode):
            self.warn(node, "'basics' should be a mapping of fields", "cv.type")
            return None
        given = self.fields(node)
        for name, value in given.items():
            if name not in BASICS_KNOWN:
                self.warn_key(value, f"unknown field {name!r} in 'basics' (ignored)")
        text = {name: self.text(given[name], name) for name in BASICS_TEXT if name in given}
        url = next((u for n in BASICS_URL if n in given if (u := self.link(given[n], n))), "")
        return Basics(
            line=line_of(node),
            url=url,
            location=self.location(given["location"]) if "location" in given else "",
            profiles=self.profiles(given["profiles"]) if "profiles" in given else (),
            **text,
        )

    def location(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.MappingNode):
            return self.text(node, "location")
        given = self.fields(node)
        for name, value in given.items():
            if name not in LOCATION_FIELDS:
                self.warn_key(value, f"unknown field {name!r} in 'location' (ignored)")
        parts = (self.text(given[name], name) for name in LOCATION_FIELDS if name in given)
        return ", ".join(part for part in parts if part)

    def profiles(self, node: yaml.Node) -> tuple[Link, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.warn(node, "'profiles' should be a list", "cv.type")
            return ()
        links = []
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                self.warn(item, "a profile should be a mapping (network, username, url)", "cv.type")
                continue
            given = self.fields(item)
            for name, value in given.items():
                if name not in PROFILE_FIELDS:
                    self.warn_key(value, f"unknown field {name!r} in a profile (ignored)")
            network = self.text(given["network"], "network") if "network" in given else ""
            username = self.text(given["username"], "username") if "username" in given else ""
            url = self.link(given["url"], "url") if "url" in given else ""
            label = network or username or url
            if label:
                links.append(Link(label, url))
        return tuple(links)


def line_of(node: yaml.Node | None) -> int:
    mark = getattr(node, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else 1


def _kind(node: yaml.Node) -> str:
    return "list" if isinstance(node, yaml.SequenceNode) else "mapping"


def _is_safe_link(text: str) -> bool:
    if re.search(r"[\s\x00-\x1f\x7f\\]", text):
        return False
    parts = split_url(text)
    if parts is None:
        return False
    scheme = parts.scheme.lower()
    if scheme in {"http", "https"}:
        return bool(parts.netloc)
    return scheme == "mailto" and "@" in text


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?")


def display_date(text: str) -> str | None:
    """ "2019", "2019-05" or "2019-05-01" as "2019" or "May 2019"; None if it is not a date."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        shown = date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{shown:%B} {year}" if month else str(year)


EN_DASH = "\u2013"  # between the dates of a range


def date_range(start: str, end: str, ongoing: bool) -> str:
    if start and end:
        return start if start == end else f"{start} {EN_DASH} {end}"
    if start and ongoing:
        return f"{start} {EN_DASH} present"
    return start or end


def _compose(text: str, is_json: bool, reader: _Reader) -> yaml.Node | None:
    """The file's node tree; a JSON syntax error is reported, and YAML reads what it can."""
    json_value: object = None
    if is_json:
        try:
            json_value = json.loads(text)
        except json.JSONDecodeError as error:
            reader.problems.append(Problem(error.lineno, f"not valid JSON: {error.msg}", "cv.json"))
        except (RecursionError, ValueError) as error:
            reader.problems.append(Problem(1, f"not valid JSON: {error}", "cv.json"))
    try:
        # JSON is YAML (and YAML forgives the trailing commas JSON does not).
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        if json_value is not None:
            # Valid JSON that YAML cannot read (a tab where YAML wants spaces): no lines.
            return _represent(json_value)
        mark = getattr(error, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else 1
        if not reader.problems:
            problem = getattr(error, "problem", None) or str(error)
            reader.problems.append(Problem(line, f"not valid YAML: {problem}", "cv.syntax"))
        reader.problems.append(Problem(line, "nothing could be read from the file", "cv.syntax"))
        return None


def _represent(value: object) -> yaml.Node | None:
    try:
        node: yaml.Node = yaml.SafeDumper(io.StringIO()).represent_data(value)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return node


def parse_cv(text: str, is_json: bool = False) -> tuple[CV, list[Problem]]:
    reader = _Reader()
    root = _compose(text, is_json, reader)
    if root is None:
        return CV(), reader.problems
    if not isinstance(root, yaml.MappingNode):
        if not (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
            reader.warn(
                root, "the file should be a mapping of sections (basics, work, ...)", "cv.type"
            )
        return CV(), reader.problems
    basics: Basics | None = None
    sections: list[Section] = []
    for key, node in reader.fields(root).items():
        if key in IGNORED:
            continue
        if key == "basics":
            basics = reader.basics(node)
        else:
            sections.append(reader.section(key, node))
    if reader.visited > MAX_NODES:
        reader.problems.append(Problem(1, "the file is too large: the rest is left out", "cv.size"))
    return CV(basics, tuple(sections)), reader.problems


def read_cv(path: Path) -> tuple[CV, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return CV(), [Problem(1, f"the file cannot be read: {error}", "cv.read")]
    return parse_cv(text, is_json=path.suffix.lower() == ".json")
