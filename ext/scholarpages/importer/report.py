"""What an import did: converted, skipped (and why), and what needs a human look."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    converted: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    review: list[tuple[str, str]] = field(default_factory=list)
    # kind -> (published items in the Jekyll site, items in the new site)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def convert(self, path: str) -> None:
        self.converted.append(path)

    def skip(self, path: str, why: str) -> None:
        self.skipped.append((path, why))

    def look(self, path: str, why: str) -> None:
        self.review.append((path, why))

    @property
    def complete(self) -> bool:
        return all(before == after for before, after in self.counts.values())

    def render(self) -> str:
        lines = ["# Import report", ""]
        lines.append(f"Converted {len(self.converted)} files.")
        lines += ["", "## Counts (published in the Jekyll site → in the new site)", ""]
        for kind, (before, after) in sorted(self.counts.items()):
            mark = "ok" if before == after else "MISMATCH"
            lines.append(f"- {kind}: {before} → {after} ({mark})")
        lines += ["", f"## Skipped ({len(self.skipped)})", ""]
        lines += [f"- {path}: {why}" for path, why in self.skipped] or ["- nothing"]
        lines += ["", f"## Needs a human look ({len(self.review)})", ""]
        lines += [f"- {path}: {why}" for path, why in self.review] or ["- nothing"]
        return "\n".join(lines) + "\n"
