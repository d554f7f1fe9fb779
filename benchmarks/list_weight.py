"""How heavy the publications page is: its HTML bytes and DOM elements, at several sizes.

A list longer than a page goes on over pages of its own (list_pages.py): the first page is
weighed as a reader loads it, the heaviest page's compressed size is shown, and the
elements per entry are counted over every page.

For each size a deterministic .bib is generated (see generate_bib.py), the scholarpages
project of run.py is built once with the dirhtml builder, and the publications page is
measured as a browser gets it: its bytes as written and gzip-compressed (as hosts serve
them), and its elements as an HTML parser finds them (lxml, through BeautifulSoup), in all
and per entry of the list (the largest and the median entry too, and how many have more
than 15, the most a list entry should have; MathML in a title adds elements of its own).

    python benchmarks/list_weight.py [--sizes 1000 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from run import build, workload, write_project

# The most elements a list entry should have (issue 18).
ENTRY_LIMIT = 15


@dataclass(frozen=True)
class Weight:
    list_entries: int  # on every page of the list
    pages: int  # the list's first page and those it goes on over
    largest_gzip_bytes: int  # the heaviest of those pages, compressed
    entries: int  # on the first page; its weight follows
    html_bytes: int
    gzip_bytes: int
    elements: int
    per_entry_mean: float
    per_entry_median: float
    per_entry_max: int
    over_limit: int
    per_entry_max_without_math: int


def _further_pages(first: Path, soup: BeautifulSoup) -> list[Path]:
    """The pages a list cut into pages goes on over, as its first page links to them."""
    nav = soup.select_one('nav.sp-list-pages[aria-label="Pages of the list"]')
    found = []
    for link in nav.select("a[href]") if nav is not None else []:
        target = (first.parent / str(link["href"]).split("#")[0]).resolve()
        found.append(target / "index.html" if target.is_dir() else target)
    return found


def _entry_sizes(soup: BeautifulSoup) -> list[tuple[int, int]]:
    """(elements, of which MathML) of each entry, the entry's root included."""
    return [
        (
            1 + len(entry.find_all(True)),
            sum(1 + len(math.find_all(True)) for math in entry.find_all("math")),
        )
        for entry in soup.select("div.sp-publications div.sp-pub")
    ]


def measure(page: Path) -> Weight:
    """The weight of a built list: its first page as a reader loads it, and every entry of
    the pages it goes on over."""
    raw = page.read_bytes()
    soup = BeautifulSoup(raw, "lxml")
    first_page = _entry_sizes(soup)
    counted = list(first_page)
    largest = gzipped = len(gzip.compress(raw, compresslevel=6))
    further = _further_pages(page, soup)
    for other in further:
        other_raw = other.read_bytes()
        largest = max(largest, len(gzip.compress(other_raw, compresslevel=6)))
        counted.extend(_entry_sizes(BeautifulSoup(other_raw, "lxml")))
    sizes = [size for size, _ in counted]
    return Weight(
        list_entries=len(counted),
        pages=1 + len(further),
        largest_gzip_bytes=largest,
        entries=len(first_page),
        html_bytes=len(raw),
        gzip_bytes=gzipped,
        elements=len(soup.find_all(True)),
        per_entry_mean=statistics.fmean(sizes) if sizes else 0.0,
        per_entry_median=statistics.median(sizes) if sizes else 0.0,
        per_entry_max=max(sizes, default=0),
        over_limit=sum(size > ENTRY_LIMIT for size in sizes),
        per_entry_max_without_math=max((size - math for size, math in counted), default=0),
    )


def weigh(size: int, root: Path) -> Weight:
    project = write_project(root / f"list-{size}", "scholarpages", workload(size))
    build(project, jobs=1)
    return measure(project.out / "publications" / "index.html")


def table(weights: list[Weight]) -> str:
    rows = [
        "| entries | pages | first page: entries | HTML | gzip | elements "
        "| heaviest page, gzip | per entry (mean / median / max) "
        f"| entries over {ENTRY_LIMIT} | max without MathML |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for weight in weights:
        rows.append(
            f"| {weight.list_entries:,} | {weight.pages} | {weight.entries:,} "
            f"| {weight.html_bytes / 1e6:.2f} MB "
            f"| {weight.gzip_bytes / 1e3:,.0f} kB | {weight.elements:,} "
            f"| {weight.largest_gzip_bytes / 1e3:,.0f} kB "
            f"| {weight.per_entry_mean:.1f} / {weight.per_entry_median:g} "
            f"/ {weight.per_entry_max} | {weight.over_limit:,} "
            f"| {weight.per_entry_max_without_math} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--keep", type=Path, help="build here and keep the projects")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = options.keep or Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        weights = [weigh(size, root) for size in options.sizes]
    print(table(weights))
    return 0


if __name__ == "__main__":
    sys.exit(main())
