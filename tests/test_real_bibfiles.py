"""Sites built from real bibliographies, as exported by the tools academics use.

The corpus (``tests/corpus/bib``, or ``shared/corpus/bib`` beside the project; sources and
licences in its SOURCES.md) holds .bib files kept byte for byte as they were found in public
repositories, broken ones included. Without it, this module is skipped. Each is
built into a small site (``tests/roots/test-real_bib``) once, and the build is checked for
what a new user would expect from any bibliography:

- it ends without an exception;
- every entry of the file is either listed or named in a warning as skipped;
- every warning says in which file and on which line.

A bibliography kept in several files (a group's ``\\bibliography{abbrev,...,crossref}``) is
one case: ``scholarpages_bibfile`` lists its files in the order ``\\bibliography{}`` reads
them. A ``@proceedings`` that is only the container of the papers that crossref it is not
one of the owner's works: it is neither listed nor reported.

Cases that fail today because of a known bug are marked ``xfail(strict=True)`` with the bug,
so that the mark has to go when the bug is fixed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database.input.bibtex import Parser
from sphinx.testing.util import SphinxTestApp

from scholarpages.publications.paper_page.page_names import readable_name

from helpers import list_page_files, read_html, warning_lines


def _corpus() -> Path | None:
    """Where the corpus is: beside this file, or in the shared/ folder beside the project.

    Files taken from other repositories may be kept out of the project's own history; the
    workplace keeps such data in the steering repository's shared/ folder, which CI puts
    beside the clone.
    """
    here = Path(__file__).resolve()
    for folder in (here.parent / "corpus" / "bib", here.parents[2] / "shared" / "corpus" / "bib"):
        if any(folder.glob("*.bib")):
            return folder
    return None


_FOUND = _corpus()
if _FOUND is None:
    pytest.skip(
        "the corpus of real .bib files (tests/corpus/bib or ../shared/corpus/bib) is not here",
        allow_module_level=True,
    )
CORPUS: Path = _FOUND
ROOT = Path(__file__).parent / "roots" / "test-real_bib"

# Bibliographies kept in several files, in the order their own \bibliography{} reads them
# (the order their README gives).
SPLIT = {
    "group-iridia": ("abbrev", "journals", "authors", "articles", "biblio", "crossref"),
    "group-aibasel": ("abbrv", "literatur", "crossref"),
}

# What fails today, by test and case, and why (the precise bug).
KNOWN_BUGS: dict[str, dict[str, str]] = {}


@dataclass(frozen=True)
class Case:
    name: str
    files: tuple[Path, ...]  # in the order BibTeX reads them

    def text(self) -> str:
        return "\n".join(decoded(path.read_bytes()) for path in self.files)


def decoded(raw: bytes) -> str:
    # As the extension reads the file: UTF-8, a byte-order mark dropped.
    return raw.decode("utf-8-sig", errors="replace")


def corpus_cases() -> list[Case]:
    cases = [Case(path.name, (path,)) for path in sorted(CORPUS.glob("*.bib"))]
    cases += [
        Case(name, tuple(CORPUS / name / f"{part}.bib" for part in parts))
        for name, parts in SPLIT.items()
    ]
    return cases


CASES = corpus_cases()


def params(test: str, cases: list[Case] = CASES) -> list[object]:
    bugs = KNOWN_BUGS.get(test, {})
    return [
        pytest.param(
            case,
            id=case.name,
            marks=[pytest.mark.xfail(strict=True, reason=bugs[case.name])]
            if case.name in bugs
            else [],
        )
        for case in cases
    ]


# --- Counting the entries of a file, independently of the extension -------------------------

# "@article{" or "@misc (" anywhere: BibTeX itself starts an entry at any "@" outside an
# entry, not only at the start of a line.
_OPENING = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*[{(]")
_NOT_ENTRIES = {"string", "preamble", "comment"}


def entries_written(text: str) -> int:
    """How many entries the file's author wrote: every ``@type{`` but @string/@preamble/@comment.

    This is the count that must hold for broken files too: an entry with a syntax error is
    still an entry the author wrote, which the site must list or report. Where pybtex reads
    the whole file without any error, its count is the same (checked below for the whole
    corpus); where it does not, its own recovery skips entries silently, so it cannot serve.
    """
    return sum(1 for match in _OPENING.finditer(text) if match[1].lower() not in _NOT_ENTRIES)


def entries_pybtex_reads(text: str) -> int | None:
    """pybtex's count of the whole file, or None when the file has any error for it."""
    with pybtex.errors.capture() as errors:
        try:
            entries = Parser().parse_string(text).entries
        except Exception:  # any error (syntax, repeated key, bad name) counts as unread
            return None
    return None if errors else len(entries)


_CONTAINER_TYPES = {"proceedings", "book", "collection", "mvproceedings", "mvbook", "mvcollection"}


def containers(text: str) -> int:
    """How many entries are only the volume other entries ``crossref``: not listed."""
    with pybtex.errors.capture():  # errors are the other tests' business
        entries = Parser().parse_string(text).entries
    named = {entry.fields.get("crossref", "").lower() for entry in entries.values()}
    return sum(
        1
        for key, entry in entries.items()
        if key.lower() in named
        and entry.type.lower() in _CONTAINER_TYPES
        and not entry.fields.get("crossref")
    )


# --- One build per case, shared by the tests that read it ------------------------------------


@dataclass
class Build:
    outdir: Path
    warnings: list[str]
    error: BaseException | None


@dataclass
class Builds:
    """Builds each case once, the first time a test asks for it."""

    make_dir: Callable[[str], Path]
    done: dict[str, Build] = field(default_factory=dict)

    def of(self, case: Case) -> Build:
        if case.name not in self.done:
            self.done[case.name] = self._build(case)
        return self.done[case.name]

    def _build(self, case: Case) -> Build:
        project = self.make_dir(case.name)
        srcdir = project / "src"
        shutil.copytree(ROOT, srcdir)
        overrides = {}
        if len(case.files) == 1:
            (srcdir / "publications.bib").write_bytes(case.files[0].read_bytes())
        else:
            (srcdir / "bib").mkdir()
            for path in case.files:
                shutil.copyfile(path, srcdir / "bib" / path.name)
            overrides["scholarpages_bibfile"] = [f"bib/{path.name}" for path in case.files]
        warnings = StringIO()
        app = SphinxTestApp(
            "dirhtml",
            srcdir=srcdir,
            builddir=project / "_build",
            freshenv=True,
            status=StringIO(),
            warning=warnings,
            confoverrides=overrides,
        )
        error: BaseException | None = None
        try:
            app.build()
        except Exception as exception:  # the bug being looked for: recorded, not raised here
            error = exception
        finally:
            app.cleanup()
        return Build(Path(app.outdir), warning_lines(warnings), error)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(lambda name: tmp_path_factory.mktemp(re.sub(r"\W", "-", name)))


def built(builds: Builds, case: Case) -> Build:
    build = builds.of(case)
    assert build.error is None, f"the build stopped: {build.error!r}"
    return build


# --- The tests ---------------------------------------------------------------------------------


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        for path in case.files:
            assert path.is_file(), path


@pytest.mark.parametrize("case", params("build"))
def test_the_build_ends_without_an_exception(builds: Builds, case: Case) -> None:
    build = built(builds, case)
    assert not [
        line for line in build.warnings if "Traceback" in line or "Exception occurred" in line
    ]


@pytest.mark.parametrize("case", params("count"))
def test_every_entry_is_listed_or_reported_as_skipped(builds: Builds, case: Case) -> None:
    build = built(builds, case)
    listed = _listed(build.outdir / "publications" / "index.html")
    skipped = sum(
        1
        for line in build.warnings
        if line.endswith(("[scholarpages.bib.syntax]", "[scholarpages.bib.duplicate]"))
    )
    written = entries_written(case.text()) - containers(case.text())
    assert (listed, skipped, listed + skipped) == (listed, skipped, written)


_CLASSES = re.compile(r'class="([^"]*)"')


def _listed(page: Path) -> int:
    """The entries a list shows (``.sp-pub``), on its page and the pages it goes on over.

    Read with a regular expression: the page of a database of thousands of entries takes
    html.parser most of a minute.
    """
    return sum(
        1
        for file in list_page_files(page)
        for match in _CLASSES.finditer(file.read_text(encoding="utf-8"))
        if "sp-pub" in match[1].split()
    )


# "<file>:<line>: WARNING: ..." (Sphinx writes a location so).
_LOCATED = re.compile(r"^\S.*:\d+: (WARNING|ERROR): ")


@pytest.mark.parametrize("case", params("location"))
def test_every_warning_names_its_file_and_line(builds: Builds, case: Case) -> None:
    # A build that stopped still warned about what it read first.
    build = builds.of(case)
    assert [line for line in build.warnings if not _LOCATED.match(line)] == []


def _children_with_parent(case: Case) -> Iterator[tuple[str, str]]:
    """(child key, year of its crossref'd parent) of entries without a year of their own."""
    with pybtex.errors.capture():  # errors are the other tests' business
        entries = Parser().parse_string(case.text()).entries
    years = {key.lower(): entry.fields.get("year", "") for key, entry in entries.items()}
    for key, entry in entries.items():
        parent = entry.fields.get("crossref", "").lower()
        if parent and not entry.fields.get("year") and years.get(parent):
            yield key, years[parent]


@pytest.mark.parametrize("case", params("crossref", [c for c in CASES if c.name in SPLIT]))
def test_crossrefd_entries_show_their_parents_year_and_venue(builds: Builds, case: Case) -> None:
    children = list(_children_with_parent(case))
    assert children, "the case has entries that take their year from their parent"
    build = built(builds, case)
    for key, year in children[:: max(1, len(children) // 20)]:
        page = read_html(build.outdir / "publications" / readable_name(key) / "index.html")
        date = page.find("meta", attrs={"name": "citation_publication_date"})
        assert date is not None and str(date["content"]).startswith(year), key
        venue = page.find(
            "meta", attrs={"name": re.compile("citation_(conference|journal|inbook)_")}
        )
        assert venue is not None and str(venue["content"]).strip(), key


@pytest.mark.parametrize("case", params("pybtex"))
def test_the_count_agrees_with_pybtex_where_it_reads_the_whole_file(case: Case) -> None:
    text = case.text()
    read = entries_pybtex_reads(text)
    if read is not None:
        assert entries_written(text) == read


# --- Rendering of what DBLP writes (its exports are the commonest in computer science) --------

_DBLP = next((case for case in CASES if case.name == "dblp-carlostome.bib"), None)


@pytest.mark.skipif(_DBLP is None, reason="the DBLP export is not in the corpus")
def test_dblp_accented_dotless_i_is_shown_as_the_letter(builds: Builds) -> None:
    assert _DBLP is not None
    page = read_html(built(builds, _DBLP).outdir / "publications" / "Abadi99" / "index.html")
    author = page.find("meta", attrs={"name": "citation_author"})
    assert author is not None and author["content"] == "Martín Abadi"


@pytest.mark.skipif(_DBLP is None, reason="the DBLP export is not in the corpus")
def test_dblp_escaped_underscore_in_a_doi_is_linked(builds: Builds) -> None:
    assert _DBLP is not None
    pages = list_page_files(built(builds, _DBLP).outdir / "publications" / "index.html")
    entries = [read_html(page).find("div", id="Abadi99") for page in pages]
    entry = next((found for found in entries if found is not None), None)
    assert entry is not None
    links = [str(link.get("href")) for link in entry.select("a")]
    assert "https://doi.org/10.1007/3-540-48749-2_2" in links
