"""What an import did: converted, skipped (and why), what it changed, what needs a person.

Findings are of two sorts. Those that need a person come first in the report: the new site
builds without them (each is at most a warning until the person acts), but something of the
old site is not yet right. Those the import settled itself (a placeholder link made text, a
link that was broken on the old site too) are listed after, for the record. Both are grouped
by kind, with one line per kind and file that names the lines concerned.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

_LINE = re.compile(r"^line (\d+): ")


@dataclass(frozen=True)
class Finding:
    kind: str
    path: str
    detail: str
    line: int | None = None


def finding(kind: str, path: str, why: str) -> Finding:
    """A finding; a ``why`` that starts with "line N: " gives its line."""
    match = _LINE.match(why)
    if match:
        return Finding(kind, path, why[match.end() :], int(match.group(1)))
    return Finding(kind, path, why)


def _grouped(findings: list[Finding]) -> list[str]:
    """One line per kind and file: ``- path, lines 7, 9: detail; detail``."""
    by_kind: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for item in findings:
        by_kind[item.kind][item.path].append(item)
    lines: list[str] = []
    for kind in sorted(by_kind):
        files = by_kind[kind]
        lines += ["", f"### {kind} ({sum(len(items) for items in files.values())})", ""]
        for path in sorted(files):
            items = files[path]
            numbers = sorted({item.line for item in items if item.line is not None})
            where = ""
            if numbers:
                where = f", line{'s' if len(numbers) > 1 else ''} " + ", ".join(map(str, numbers))
            details = list(dict.fromkeys(item.detail for item in items))
            lines.append(f"- {path}{where}: {'; '.join(details)}")
    return lines


@dataclass
class Report:
    converted: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    needs: list[Finding] = field(default_factory=list)
    settled: list[Finding] = field(default_factory=list)
    # kind -> (published items in the Jekyll site, items in the new site)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def convert(self, path: str) -> None:
        self.converted.append(path)

    def skip(self, path: str, why: str) -> None:
        self.skipped.append((path, why))

    def look(self, path: str, why: str, kind: str = "Other") -> None:
        """Something a person has to see to: the import could not settle it."""
        self.needs.append(finding(kind, path, why))

    def settle(self, path: str, why: str, kind: str) -> None:
        """Something the import changed itself, with nothing of the old site lost."""
        self.settled.append(finding(kind, path, why))

    @property
    def review(self) -> list[tuple[str, str]]:
        """What needs a person, as (file, why) pairs."""
        return [
            (item.path, f"line {item.line}: {item.detail}" if item.line else item.detail)
            for item in self.needs
        ]

    @property
    def complete(self) -> bool:
        return all(before == after for before, after in self.counts.values())

    def render(self) -> str:
        lines = ["# Import report", ""]
        lines.append(f"Converted {len(self.converted)} files.")
        lines += ["", f"## Needs a person ({len(self.needs)})"]
        lines += _grouped(self.needs) or ["", "- nothing"]
        lines += ["", "## Counts (published in the Jekyll site → in the new site)", ""]
        for kind, (before, after) in sorted(self.counts.items()):
            mark = "ok" if before == after else "MISMATCH"
            lines.append(f"- {kind}: {before} → {after} ({mark})")
        lines += ["", f"## Skipped ({len(self.skipped)})", ""]
        lines += [f"- {path}: {why}" for path, why in self.skipped] or ["- nothing"]
        lines += ["", f"## Settled by the import ({len(self.settled)})"]
        lines += _grouped(self.settled) or ["", "- nothing"]
        return "\n".join(lines) + "\n"
