"""Import and build one real academicpages site of the corpus, and measure the result."""

from __future__ import annotations

import contextlib
import html
import io
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from jekyll_urls import old_urls
from sphinx.cmd.build import build_main

from scholarpages.confinement import resolve_inside
from scholarpages.importer import import_site
from scholarpages.publications.database import parse_database

# Where the sources of the corpus are described (committed); the sites themselves are not.
SOURCES = Path(__file__).parent / "corpus" / "academicpages" / "SOURCES.md"
# The template's own sample download (files/bibtex1.bib), not a publication of the owner.
_TEMPLATE_SAMPLE_KEYS = frozenset({"alice2023example"})
_NOT_FOUND_ADDRESSES = frozenset({"404", "404.html"})
_LATEX_ESCAPE = re.compile(r"\\([_%#&$])")
_HREF = re.compile(r'<a\s[^>]*href="([^"]*)"')
_STUB_TARGET = re.compile(r'<script data-target="([^"]*)"')
_MARKUP = re.compile(r"<[^>]+>|\\[a-zA-Z]+|[{}]")


def find_corpus() -> Path | None:
    """The folder of the site copies: beside this file, or in the shared/ folder beside the
    project. The copies come from other repositories and stay out of the project's history;
    the workplace keeps them in the steering repository's shared/ folder."""
    here = Path(__file__).resolve()
    for folder in (
        here.parent / "corpus" / "academicpages",
        here.parents[2] / "shared" / "corpus" / "academicpages",
    ):
        if folder.is_dir() and any(path.is_dir() for path in folder.iterdir()):
            return folder
    return None


def normalised_title(title: str) -> str:
    """A title without markup, case, spaces or punctuation, to tell two entries are one."""
    return re.sub(r"[\W_]+", "", _MARKUP.sub("", html.unescape(title)).casefold())


@dataclass
class SiteResult:
    site: str
    import_exit: int | None = None  # 0 complete, 1 counts differ, None: it raised
    import_error: str = ""
    build_exit: int | None = None
    warnings: list[str] = field(default_factory=list)
    old_urls: list[tuple[str, str]] = field(default_factory=list)
    unresolved: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    publications_in: int = 0
    entries_out: int = 0
    twice: list[str] = field(default_factory=list)
    with_authors: int = 0
    review_items: int = 0
    # Links of the old site's papers that led somewhere (a URL elsewhere, or a file or page
    # the old site had), and those the new site's publication pages lead to the same place.
    paper_links: list[str] = field(default_factory=list)
    paper_links_same: list[str] = field(default_factory=list)

    @property
    def links_dropped(self) -> int:
        """Paper links (pdf, slides, code, ...) the build refused, e.g. LaTeX-escaped URLs."""
        return sum("[scholarpages.bib.unsafe_link]" in line for line in self.warnings)

    @property
    def author_share(self) -> float:
        return self.with_authors / self.entries_out if self.entries_out else 1.0


def _site_bib_titles(site: Path, downloads: set[str]) -> list[str]:
    """Titles of the entries of the site's .bib files, less the template's sample and the
    files ``downloads`` names: a file a paper offers as its download is that paper's, even
    when its title differs a little from the page's ("point systems", "point system")."""
    titles = []
    for bib in sorted(site.rglob("*.bib")):
        if bib.name in downloads:
            continue
        relative = bib.relative_to(site).as_posix()
        text = bib.read_text("utf-8", errors="replace")
        database, _ = parse_database(text, relative, frozenset())
        titles += [
            publication.get("title") or f"{relative}#{publication.key}"
            for publication in database.publications
            if publication.key.lower() not in _TEMPLATE_SAMPLE_KEYS
        ]
    return titles


def publications_in(site: Path, page_titles: list[str], downloads: set[str]) -> int:
    """Publications of the old site: its _publications items, and the entries of its other
    .bib files that are not one of those items (told apart by their normalised title)."""
    pages = {normalised_title(title) for title in page_titles}
    others = {normalised_title(title) for title in _site_bib_titles(site, downloads)} - pages
    return len(page_titles) + len(others)


def served_file(out: Path, url: str) -> Path | None:
    """The file a static host (GitHub Pages) shows for ``url``, following redirect stubs."""
    for _ in range(6):
        path = unquote(urlparse(url).path).lstrip("/")
        if path == "" or path.endswith("/"):
            candidates = [f"{path}index.html"]
        else:
            candidates = [path, f"{path}.html", f"{path}/index.html"]
        found = None
        for candidate in candidates:
            file = resolve_inside(out, candidate)
            if file is not None and file.is_file():
                found = file
                break
        if found is None and path.rstrip("/") in _NOT_FOUND_ADDRESSES:
            # The 404 page's own address: a static host shows 404.html there, as it does
            # for every missing path, and the site keeps the page only there.
            page = resolve_inside(out, "404.html")
            found = page if page is not None and page.is_file() else None
        if found is None or found.suffix != ".html":
            return found
        stub = _STUB_TARGET.search(found.read_text("utf-8", errors="replace")[:4000])
        if stub is None:
            return found
        target = urljoin(f"https://site.invalid/{found.relative_to(out).as_posix()}", stub[1])
        if not target.startswith("https://site.invalid/"):
            return found  # a redirect off the site, as the old page's redirect_to was
        url = target[len("https://site.invalid") :]
    return None


def _import(src: Path, dest: Path, result: SiteResult) -> bool:
    try:
        report = import_site(src, dest)
    except Exception as error:  # the measure is whether it raises at all
        result.import_error = f"{type(error).__name__}: {error}"
        result.import_error += f" (at {traceback.extract_tb(error.__traceback__)[-1].name})"
        return False
    result.import_exit = 0 if report.complete else 1
    result.review_items = len(report.review)
    return True


def _build(dest: Path, out: Path, result: SiteResult) -> None:
    errors = io.StringIO()
    arguments = ["-b", "dirhtml", "-q", "-j", "1", "--keep-going", "-E"]
    arguments += ["-d", str(dest / "_doctrees"), str(dest / "docs"), str(out)]
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        try:
            result.build_exit = build_main(arguments)
        except Exception as error:  # a crash of the build is measured, not raised
            result.warnings.append(f"build raised {type(error).__name__}: {error}")
    result.warnings += [line for line in errors.getvalue().splitlines() if "WARNING" in line]


def _measure_entries(dest: Path, result: SiteResult) -> None:
    bib = dest / "publications.bib"
    text = bib.read_text("utf-8") if bib.is_file() else ""
    database, _ = parse_database(text, "publications.bib", frozenset())
    result.entries_out = len(database.publications)
    seen: dict[str, int] = {}
    for publication in database.publications:
        title = normalised_title(publication.get("title"))
        seen[title] = seen.get(title, 0) + 1
        result.with_authors += bool(publication.persons.get("author"))
    result.twice = sorted(title for title, count in seen.items() if count > 1 and title)


def _served_by_old_site(site: Path, link: str) -> bool:
    """Whether the old site served the path ``link``: a file of it, or a page's URL."""
    path = unquote(urlparse(link).path).lstrip("/")
    file = resolve_inside(site, path) if path else None
    return file is not None and file.is_file()


def _new_paper_targets(out: Path) -> set[str]:
    """Where the links of the new site's publication pages lead: URLs and site paths."""
    targets: set[str] = set()
    folder = out / "publications"
    pages = sorted(folder.rglob("index.html")) if folder.is_dir() else []
    for page in pages:
        base = f"https://site.invalid/{page.parent.relative_to(out).as_posix()}/"
        text = page.read_text("utf-8", errors="replace")
        for href in _HREF.findall(text):
            target = urljoin(base, html.unescape(href))
            if target.startswith("https://site.invalid/"):
                targets.add(unquote(urlparse(target).path))
            else:
                targets.add(unquote(target))
    return targets


def _measure_paper_links(src: Path, out: Path, links: list[str], result: SiteResult) -> None:
    targets = _new_paper_targets(out)
    for link in links:
        if link.startswith("/"):
            if not _served_by_old_site(src, link):
                continue  # it led nowhere on the old site either
            result.paper_links.append(link)
            path = unquote(urlparse(link).path)
            if path in targets and served_file(out, link) is not None:
                result.paper_links_same.append(link)
        else:
            result.paper_links.append(link)
            # A source that LaTeX-escaped its link ("paper\\_25.pdf") meant "paper_25.pdf".
            if _LATEX_ESCAPE.sub(r"\1", unquote(link)) in targets:
                result.paper_links_same.append(link)


def measure(src: Path, work: Path) -> SiteResult:
    """Import the site copy ``src`` into ``work``, build it, and measure what came out."""
    result = SiteResult(src.name)
    found = old_urls(src)
    result.old_urls = found.urls
    result.unreadable = found.unreadable
    result.publications_in = publications_in(src, found.publications, found.bib_downloads)
    dest, out = work / "project", work / "html"
    if not _import(src, dest, result):
        result.unresolved = list(found.urls)
        return result
    _measure_entries(dest, result)
    _build(dest, out, result)
    result.unresolved = [(url, file) for url, file in found.urls if served_file(out, url) is None]
    _measure_paper_links(src, out, [link for _, link in found.paper_links], result)
    return result


def table(results: list[SiteResult]) -> str:
    """One line per site: the numbers issue 16 asks the corpus test to show."""
    header = (
        f"{'site':48} {'imp':>4} {'bld':>4} {'warn':>4} {'urls':>9} "
        f"{'pubs in':>7} {'out':>4} {'twice':>5} {'authors':>7} {'links lost':>10} "
        f"{'paper links':>11} {'review':>6}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        imported = "RAISE" if r.import_exit is None else str(r.import_exit)
        built = "-" if r.build_exit is None else str(r.build_exit)
        authors = f"{r.author_share:.0%}" if r.entries_out else "-"
        resolved = len(r.old_urls) - len(r.unresolved)
        lines.append(
            f"{r.site[:48]:48} {imported:>4} {built:>4} {len(r.warnings):>4} "
            f"{resolved:>4}/{len(r.old_urls):<4} {r.publications_in:>7} {r.entries_out:>4} "
            f"{len(r.twice):>5} {authors:>7} {r.links_dropped:>10} "
            f"{len(r.paper_links_same):>5}/{len(r.paper_links):<5} {r.review_items:>6}"
        )
    total_urls = sum(len(r.old_urls) for r in results)
    total_resolved = total_urls - sum(len(r.unresolved) for r in results)
    lines.append(
        f"{'total':48} {sum(r.import_exit is None for r in results):>4} raised, "
        f"{total_resolved}/{total_urls} URLs, "
        f"{sum(r.publications_in for r in results)} in, "
        f"{sum(r.entries_out for r in results)} out, "
        f"{sum(len(r.twice) for r in results)} twice, "
        f"{sum(r.with_authors for r in results)} with authors, "
        f"{sum(r.links_dropped for r in results)} links lost, "
        f"{sum(len(r.paper_links_same) for r in results)}/"
        f"{sum(len(r.paper_links) for r in results)} paper links lead where they did, "
        f"{sum(r.review_items for r in results)} review items"
    )
    return "\n".join(lines)
