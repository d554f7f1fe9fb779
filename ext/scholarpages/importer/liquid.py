"""Liquid in page bodies: what goes away, what becomes a directive, what needs a look.

``{% include base_path %}``, ``{{ base_path }}`` and ``{% include toc %}`` simply go away.
A loop over a collection (``{% for post in site.talks %} ... {% endfor %}``) is one of the
template's listings and becomes the matching directive. Any other Liquid cannot be
translated: it is removed, so nothing half-rendered shows, and reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NOOPS = re.compile(
    r"\{%-?\s*include\s+(?:base_path|toc)\s*-?%\}|\{\{-?\s*(?:base_path|site\.baseurl)\s*-?\}\}"
)
# Liquid that only sets variables: it shows nothing, captured text included.
SILENT = re.compile(
    r"\{%-?\s*capture\b.*?%\}.*?\{%-?\s*endcapture\s*-?%\}"
    r"|\{%-?\s*(?:assign|comment|endcomment)\b.*?%\}"
)
_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}|\{\{.*?\}\}")
# academicpages' archives by category or tag: ``{% include group-by-array
# collection=site.posts field="categories" %}`` then a loop over the groups.
_GROUP_BY = re.compile(
    r"\{%-?\s*include\s+group-by-array\s+collection=site\.(\w+)\s+field=\"?(\w+)"
)
REGROUPED = "listed by date instead"
_LOOP = re.compile(r"\s+\w+\s+in\s+site\.(\w+)")
# academicpages' CV page drawn from _data/cv.json.
_CV_INCLUDE = re.compile(r"\{%-?\s*include\s+cv-template\.html\s*-?%\}")
CV_DATA = "cv-json"
_FENCE = re.compile(r"^\s*(```|~~~)")

# A directive (as MyST text) for a loop over the named collection, or None if there is none.
DirectiveFor = Callable[[str], str | None]


def remove_noops(text: str) -> str:
    return NOOPS.sub("", text)


def _loop_end(lines: list[str], start: int) -> int | None:
    """The line of the ``endfor`` closing the loop opened on line ``start``."""
    depth = 0
    for index in range(start, len(lines)):
        for match in _TAG.finditer(lines[index]):
            name = match.group(1)
            if name == "for":
                depth += 1
            elif name == "endfor":
                depth -= 1
                if depth == 0:
                    return index
    return None


def _grouped_listing(
    lines: list[str], start: int, collection: str, directive_for: DirectiveFor
) -> tuple[str, int] | None:
    """The listing for a group-by-array archive at ``start``, and the line where it ends."""
    directive = directive_for(collection)
    for index in range(start + 1, len(lines)):
        if any(match.group(1) == "for" for match in _TAG.finditer(lines[index])):
            end = _loop_end(lines, index)
            return (directive, end) if directive is not None and end is not None else None
    return None


def translate(text: str, directive_for: DirectiveFor) -> tuple[str, list[str]]:
    """``text`` with its Liquid translated or removed, and notes on what was removed."""
    lines = remove_noops(text).split("\n")
    notes: list[str] = []
    output: list[str] = []
    index = 0
    in_code = False
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            in_code = not in_code
        if in_code or ("{%" not in line and "{{" not in line):
            output.append(line)
            index += 1
            continue
        grouped = _GROUP_BY.search(line)
        if grouped:
            listing = _grouped_listing(lines, index, grouped.group(1), directive_for)
            if listing is not None:
                regrouped, last = listing
                output += ["", regrouped, ""]
                notes.append(
                    f"line {index + 1}: {grouped.group(1)} grouped by {grouped.group(2)}, "
                    f"{REGROUPED} (a listing does not group by {grouped.group(2)})"
                )
                index = last + 1
                continue
        cv = directive_for(CV_DATA) if _CV_INCLUDE.search(line) else None
        if cv is not None:
            output += ["", cv, ""]
            index += 1
            continue
        loop = next((m for m in _TAG.finditer(line) if m.group(1) == "for"), None)
        collection = _LOOP.match(loop.group(2)) if loop else None
        end = _loop_end(lines, index) if collection else None
        directive = directive_for(collection.group(1)) if collection else None
        if collection and end is not None and directive is not None:
            output += ["", directive, ""]
            index = end + 1
            continue
        kept = _TAG.sub("", SILENT.sub("", line))
        notes.append(f"line {index + 1}: Liquid removed: {line.strip()[:80]}")
        if kept.strip() or not line.strip():
            output.append(kept)
        index += 1
    return "\n".join(output), notes
