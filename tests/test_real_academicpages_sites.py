"""Real academicpages sites (see tests/corpus/academicpages/SOURCES.md) import and build.

The site copies come from other public repositories and are not in the project's history:
they are read from ``tests/corpus/academicpages/<owner>--<repo>/`` (ignored by git) or from
``shared/corpus/academicpages/`` beside the project. Without them, this module is skipped.

Each site is imported and built once (a module-scoped cache); small tests then check one
property each. What does not hold yet is marked ``xfail(strict=True)`` per site and per
property with the reason measured, so that a fix flips the marker. ``pytest -s`` prints the
table of the measures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest
from real_sites import SOURCES, SiteResult, find_corpus, measure, table

_FOUND = find_corpus()
if _FOUND is None:
    pytest.skip(
        "the corpus of real academicpages sites (tests/corpus/academicpages/<owner>--<repo>/ "
        "or ../shared/corpus/academicpages/) is not here",
        allow_module_level=True,
    )
CORPUS: Path = _FOUND
SITES = tuple(sorted(path.name for path in CORPUS.iterdir() if path.is_dir()))

# Sites whose import raises today: every property of theirs waits for that fix (none now).
RAISES: MappingProxyType[str, str] = MappingProxyType({})

# (property, site) -> why it does not hold yet, for sites whose import runs.
KNOWN = MappingProxyType(
    {
        ("twice", "CRLab--crlab.github.io"): "the site has two pages for '3-D Modeling from "
        "Range Imagery: An Incremental Method with a Planning Component' (1997 and 1999)",
        ("twice", "GVancauwenberghe--gvancauwenberghe.github.io"): "two published pages "
        "are titled 'Paper Title Number 1' (paper-01.md and the template's sample)",
        ("authors", "AnnaCorriveau--annacorriveau.github.io"): "0 of 6: the items have "
        "no citation and no author field (title, date, venue only): the site never names "
        "the authors",
        ("authors", "BenDHuber--bendhuber.github.io"): "6 of 8: the citations of "
        "2023-12-01-bupedef.md and 2024-01-01-bupe.md have U+FFFD, a character lost in the "
        "source file, for the space in 'Lisa\ufffdChiodo'; no names are read from them "
        "(7 and 12 with a space)",
        ("authors", "ChandlerLutz--ChandlerLutz.github.io"): "0 of 11: the items have no "
        "author field and their citations name only the journal and year ('<b>Review of "
        "Financial Studies</b>, 2021'): the site never names the authors",
        ("authors", "ClaudineCharrondiere--claudinecharrondiere.github.io"): "0 of 1: the "
        "one item, _publications/Publis.md (permalink /publications/), is the list of "
        "papers itself, written in Markdown in its body, with no citation or author field",
    }
)


def cases(prop: str) -> list[object]:
    """Every site, marked xfail where ``prop`` does not hold yet."""
    params: list[object] = []
    for site in SITES:
        why = KNOWN.get((prop, site))
        if site in RAISES:
            why = f"the import raises {RAISES[site]}"
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        params.append(pytest.param(site, marks=marks, id=site))
    return params


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], SiteResult]:
    """Each site imported and built once for the whole module."""
    done: dict[str, SiteResult] = {}

    def get(site: str) -> SiteResult:
        if site not in done:
            done[site] = measure(CORPUS / site, tmp_path_factory.mktemp(site[:40]))
        return done[site]

    return get


def test_corpus_has_at_least_twenty_sites_with_sources() -> None:
    assert len(SITES) >= 20
    size = sum(path.stat().st_size for path in CORPUS.rglob("*") if path.is_file())
    assert size < 10_000_000, "keep the corpus modest"
    sources = SOURCES.read_text(encoding="utf-8")
    assert all(f"`{site}`" in sources for site in SITES)


@pytest.mark.parametrize("site", cases("import"))
def test_import_does_not_raise(measured: Callable[[str], SiteResult], site: str) -> None:
    result = measured(site)
    assert result.import_exit is not None, result.import_error


@pytest.mark.parametrize("site", cases("build"))
def test_imported_site_builds(measured: Callable[[str], SiteResult], site: str) -> None:
    result = measured(site)
    assert result.build_exit == 0, result.warnings[-5:]


@pytest.mark.parametrize("site", cases("urls"))
def test_every_old_url_resolves(measured: Callable[[str], SiteResult], site: str) -> None:
    result = measured(site)
    assert result.old_urls
    assert result.import_exit is not None
    assert result.unresolved == []


@pytest.mark.parametrize("site", cases("count"))
def test_publications_in_equal_entries_out(
    measured: Callable[[str], SiteResult], site: str
) -> None:
    result = measured(site)
    assert result.import_exit is not None
    assert result.entries_out == result.publications_in


@pytest.mark.parametrize("site", cases("twice"))
def test_no_entry_twice(measured: Callable[[str], SiteResult], site: str) -> None:
    result = measured(site)
    assert result.import_exit is not None
    assert result.twice == []


@pytest.mark.parametrize("site", cases("authors"))
def test_authors_for_most_entries(measured: Callable[[str], SiteResult], site: str) -> None:
    result = measured(site)
    assert result.import_exit is not None
    assert result.author_share >= 0.9, f"{result.with_authors} of {result.entries_out}"


def test_known_failures_name_corpus_sites() -> None:
    """A renamed or removed site must not leave a stale marker behind."""
    assert set(RAISES) <= set(SITES)
    assert {site for _, site in KNOWN} <= set(SITES) - set(RAISES)


def test_print_table(
    measured: Callable[[str], SiteResult], capsys: pytest.CaptureFixture[str]
) -> None:
    results = [measured(site) for site in SITES]
    with capsys.disabled():
        print("\n" + table(results))
    # The old sites' URLs are all measured, each site's import either ran or is known to raise.
    assert all(r.old_urls for r in results)
    assert {r.site for r in results if r.import_exit is None} == set(RAISES)
