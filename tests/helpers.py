"""Helpers for reading what a test build produced."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

# Every ANSI control sequence: colours, and the erase-line code Sphinx writes before each
# progress line when the terminal takes colour (FORCE_COLOR, a TTY).
_COLOUR = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def built_page(app: Any, name: str) -> BeautifulSoup:
    """The page ``name`` as the test app's builder wrote it (html or dirhtml)."""
    uri = app.builder.get_target_uri(name)
    file = f"{uri}index.html" if uri == "" or uri.endswith("/") else uri
    return read_html(Path(app.outdir) / file)


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def headings(soup: BeautifulSoup | Tag, tag: str) -> list[str]:
    """The text of every ``tag`` heading, without the theme's permalink marker."""
    texts = []
    for heading in soup.find_all(tag):
        for marker in heading.select("a.headerlink"):
            marker.decompose()
        texts.append(heading.get_text(strip=True))
    return texts


def warning_lines(stream: StringIO) -> list[str]:
    """The warnings a build wrote, one per line, without colour codes."""
    text = _COLOUR.sub("", stream.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def log_lines(stream: StringIO, pattern: str) -> list[re.Match[str]]:
    """What a build reported (its status stream, at the verbosity it was run with) in the
    lines that match ``pattern``, without colour codes."""
    lines = _COLOUR.sub("", stream.getvalue()).splitlines()
    return [found for line in lines if (found := re.search(pattern, line))]


def databases_read(stream: StringIO) -> list[str]:
    """The .bib files a build run with ``verbosity=2`` read as a database (not from what
    the last build kept), by name, a list per database."""
    return [
        " ".join(Path(path).name for path in found[1].split(", "))
        for found in log_lines(stream, r"^database read from (.+)$")
    ]


def store_reads(stream: StringIO) -> list[str]:
    """The files of what the last build kept that a build run with ``verbosity=2`` read,
    relative to its store (``entries.memo``, ``entries-dirhtml/index.record``)."""
    return [
        found[1].split("/scholarpages/", 1)[-1]
        for found in log_lines(stream, r"^kept from the last build: (.+) read$")
    ]


def paper_pages_by_process(stream: StringIO) -> dict[int, int]:
    """How many paper pages each process wrote from the queue the -j workers share, as a
    build run with ``verbosity=2`` reports it (without workers, Sphinx writes them)."""
    written: dict[int, int] = {}
    for found in log_lines(stream, r"^paper pages written by process (\d+): (\d+)$"):
        written[int(found[1])] = written.get(int(found[1]), 0) + int(found[2])
    return written


def parsed_blocks(stream: StringIO) -> list[str]:
    """The blocks of .bib files a build run with ``verbosity=2`` parsed, as
    ``file.bib:line @kind``."""
    return [
        f"{Path(found[1]).name}:{found[2]} @{found[3]}"
        for found in log_lines(stream, r"^(.+\.bib):(\d+): @(\w+) parsed$")
    ]


def stub_target(path: Path) -> str:
    """The target a redirect stub sends the reader to (its script's data-target)."""
    script = read_html(path).find("script", attrs={"data-target": True})
    assert script is not None, f"{path} is not a redirect stub"
    return str(script["data-target"])


def html_files(outdir: Path) -> dict[str, str]:
    """Every HTML file of a build but Sphinx's own assets, by path."""
    return {
        path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
        if "_static" not in path.parts
    }


def replace_in_file(path: Path, old: str, new: str) -> None:
    """Edit a test project's file; the text to replace must be there."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def clean_build(make_app: Any, kwargs: dict[str, Any]) -> Path:
    """Build the test project from scratch (fresh environment); its output folder."""
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    outdir = Path(app.outdir)
    app.cleanup()
    return outdir


_LIST_PAGES_NAV = re.compile(
    r'<nav class="sp-list-pages" aria-label="Pages of the list">(.*?)</nav>', re.S
)
_HREF = re.compile(r'href="([^"]*)"')


def list_page_files(first: Path) -> list[Path]:
    """The file of a list's first page, and of each further page it links to (a list cut
    into pages, see list_pages.py), in the order the list shows them. Read with regular
    expressions: the first page of a long real database is slow to parse."""
    html = first.read_text(encoding="utf-8")
    nav = _LIST_PAGES_NAV.search(html)
    if nav is None:
        return [first]
    files = [first]
    for address in _HREF.findall(nav.group(1)):
        target = (first.parent / address.split("#")[0]).resolve()
        files.append(target / "index.html" if target.is_dir() else target)
    return files
