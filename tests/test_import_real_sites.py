"""What real academicpages sites hold comes across: authors, one entry per paper, old URLs."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import pytest
import yaml
from pybtex.database import parse_file
from test_import import build, follow, title_of

from scholarpages.importer import import_site

from helpers import read_html


def write_site(root: Path, items: dict[str, dict[str, object]], **config: object) -> Path:
    """An academicpages site with ``_publications`` items (front matter by file name)."""
    (root / "_pages").mkdir(parents=True)
    (root / "_publications").mkdir()
    data = {"title": "Ada's site", "url": "https://ada.example", **config}
    (root / "_config.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (root / "_pages/home.md").write_text(
        "---\ntitle: Home\npermalink: /\n---\n\nWelcome.\n", encoding="utf-8"
    )
    for name, front_matter in items.items():
        text = f"---\n{yaml.safe_dump(front_matter, allow_unicode=True)}---\n\nAbout it.\n"
        (root / "_publications" / name).write_text(text, encoding="utf-8")
    return root


def entries_of(dest: Path) -> dict[str, object]:
    return dict(parse_file(str(dest / "publications.bib"), "bibtex").entries)


# -- authors from citations ----------------------------------------------------------------


def test_citations_in_the_styles_people_write_give_authors(tmp_path: Path) -> None:
    citations = {
        "apa.md": "Alpha, A., Beta, B., Gamma, C., Delta, D. (2015). Title. <i>Venue</i>.",
        "html.md": (
            "<b>Ann Alpha</b>, Bo Beta, Cy Gamma. (2015). &quot;A title.&quot; "
            "<i>Proc. R. Soc. B</i>"
        ),
        "ieee.md": 'A. Alpha, B. Beta, and C. Gamma, "Title," Venue, 2015.',
        # pybtex's "Too many commas" stopped the import here.
        "ampersand.md": "Alpha, A., Beta, B., & Gamma, C. (2015). Title. Venue.",
    }
    items = {
        name: {"title": name, "date": "2015-01-01", "venue": "Venue", "citation": citation}
        for name, citation in citations.items()
    }
    site = write_site(tmp_path / "site", items)
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    assert report.counts["publications"] == (4, 4)
    entries = entries_of(dest)
    names = {
        key: [str(person) for person in entry.persons["author"]]  # type: ignore[attr-defined]
        for key, entry in entries.items()
    }
    assert names == {
        "ampersand": ["Alpha, A.", "Beta, B.", "Gamma, C."],
        "apa": ["Alpha, A.", "Beta, B.", "Gamma, C.", "Delta, D."],
        "html": ["Alpha, Ann", "Beta, Bo", "Gamma, Cy"],
        "ieee": ["Alpha, A.", "Beta, B.", "Gamma, C."],
    }
    for entry in entries.values():
        assert "note" not in entry.fields  # type: ignore[attr-defined]
    outdir, warnings = build(dest)
    assert warnings == [], warnings
    listing = read_html(outdir / "publications/html/index.html")
    assert "Bo Beta" in listing.get_text()
    assert "A title." not in listing.select_one(".sp-pub-venue").get_text()


def test_authors_listed_in_front_matter_or_the_excerpt_are_read(tmp_path: Path) -> None:
    items: dict[str, dict[str, object]] = {
        "listed.md": {
            "title": "Listed",
            "authors": "D. Davletshina, <b>V. Melnychuk</b>, <u>V. Tran</u>",
            "author": "",
            "citation": "",
        },
        "list.md": {"title": "A list", "authors": ["Ann Alpha", "Beta, Bo"]},
        # An author field beside a citation wrote the entry's author twice: pybtex refused
        # the whole file.
        "both.md": {"title": "Both", "author": "Ann Alpha", "citation": "Alpha, A. (2020). T."},
        "excerpt.md": {
            "title": "Excerpt",
            "excerpt": "Alpha, A., & Beta, B. (2023). &quot;Excerpt.&quot; <i>Venue</i>.",
        },
    }
    site = write_site(tmp_path / "site", items)
    dest = tmp_path / "dest"
    import_site(site, dest)
    names = {
        key: [str(person) for person in entry.persons["author"]]  # type: ignore[attr-defined]
        for key, entry in entries_of(dest).items()
    }
    assert names == {
        "listed": ["Davletshina, D.", "Melnychuk, V.", "Tran, V."],
        "list": ["Alpha, Ann", "Beta, Bo"],
        "both": ["Alpha, Ann"],
        "excerpt": ["Alpha, A.", "Beta, B."],
    }


def test_an_unreadable_citation_is_shown_as_written_and_kept_from_readers(
    tmp_path: Path,
) -> None:
    written = "Accepted at <i>NeurIPS</i> 2020, with code &amp; data."
    odd = {"title": "Odd", "date": "2020-01-01", "venue": "NeurIPS", "citation": written}
    items: dict[str, dict[str, object]] = {"odd.md": odd}
    site = write_site(tmp_path / "site", items)
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    assert any("shown as written" in why for _, why in report.review)
    outdir, warnings = build(dest)
    assert warnings == [], warnings
    page = read_html(outdir / "publications/odd/index.html")
    shown = page.select_one(".sp-pub-citation")
    assert shown is not None
    assert shown.get_text() == "Accepted at NeurIPS 2020, with code & data."
    assert page.select_one(".sp-pub-venue") is None  # not repeated as a venue and a note
    download = (outdir / "publications/odd.bib").read_text("utf-8")
    assert "Accepted" not in download


def test_a_citation_naming_only_the_venue_gives_no_authors(tmp_path: Path) -> None:
    """ChandlerLutz.github.io cites its papers as "<b>Journal</b>, year": no names."""
    items: dict[str, dict[str, object]] = {
        f"{name}.md": {"title": name, "date": "2016-01-01", "venue": venue, "citation": cited}
        for name, venue, cited in [
            ("letters", "Economics Letters", "<b>Economics Letters</b>, 2016"),
            ("dynamics", "Macroeconomic Dynamics", "<b>Macroeconomic Dynamics</b>"),
            ("rfs", "Review of Financial Studies", "<b>Review of Financial Studies</b>, 2021"),
        ]
    }
    dest = tmp_path / "dest"
    report = import_site(write_site(tmp_path / "site", items), dest)
    for key, entry in entries_of(dest).items():
        assert not entry.persons, key  # type: ignore[attr-defined]
        assert entry.fields["citation"], key  # type: ignore[attr-defined]
    assert sum("add an author field" in why for _, why in report.review) == 3


# -- every old URL resolves ------------------------------------------------------------------

PERMALINKS = {
    "underscore.md": "/publication/spread_of_mood",
    "spaces.md": "/publication/a paper with spaces",
    "commas.md": "/publication/one,two,three",
    "unicode.md": "/publication/café-über-日本",
    "dash.md": "/publication/2020–en–dash",
    "encoded.md": "/publication/caf%C3%A9%20encoded",
}


PAGE_PERMALINKS = {
    "commas.md": "/talks/a talk, with commas/",
    "unicode.md": "/über–uns/",
    "underscore.md": "/my_cv.html",
}


# Links of a paper in fields of their own, each kept as written (none LaTeX-escaped).
PAPER_LINKS = {
    "code": "https://github.com/ada/spread_of_mood#read_me",
    "github": "https://github.com/ada/mood_2020",
    "ssrn": "https://papers.ssrn.com/sol3/papers.cfm?abstract_id=2363938&a_b=1",
    "doi": "10.1000/spread_of_mood%20x",
    "video": "https://ada.example/files/talk_video.mp4",
    "arxiv": "https://arxiv.org/abs/2101.00001v2",
}


@pytest.fixture(scope="module")
def odd_urls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("odd")
    items: dict[str, dict[str, object]] = {
        name: {"title": f"Paper {name[:-3]}", "permalink": url, "date": "2020-01-01"}
        for name, url in PERMALINKS.items()
    }
    items["underscore.md"]["redirect_from"] = ["/old_site/spread_of_mood.html", "/a, b/"]
    items["underscore.md"]["paperurl"] = "https://ada.example/files/paper_1 v2.pdf"
    items["spaces.md"]["slidesurl"] = "http://ada.example/files/slides%201.pdf"
    items["commas.md"] |= PAPER_LINKS
    site = write_site(root / "site", items)
    for name, url in PAGE_PERMALINKS.items():
        text = f"---\ntitle: Page {name[:-3]}\npermalink: '{url}'\n---\n\nText.\n"
        (site / "_pages" / name).write_text(text, encoding="utf-8")
    (site / "files").mkdir()
    (site / "files/paper_1 v2.pdf").write_bytes(b"%PDF-1.4 paper")
    (site / "files/slides 1.pdf").write_bytes(b"%PDF-1.4 slides")
    (site / "files/talk_video.mp4").write_bytes(b"video")
    dest = root / "dest"
    import_site(site, dest)
    outdir, warnings = build(dest)
    assert warnings == [], warnings
    return dest, outdir


def test_old_urls_are_never_latex_escaped(odd_urls: tuple[Path, Path]) -> None:
    dest, _ = odd_urls
    bib = (dest / "publications.bib").read_text("utf-8")
    assert "spread_of_mood" in bib
    assert "\\_" not in bib


@pytest.mark.parametrize("name", sorted(PERMALINKS))
def test_every_old_url_resolves_as_written_and_percent_encoded(
    odd_urls: tuple[Path, Path], name: str
) -> None:
    _, outdir = odd_urls
    url = PERMALINKS[name]
    for form in (url, quote(url, safe="/%"), url + "/"):
        assert title_of(follow(outdir, form)) == f"Paper {name[:-3]}", form


@pytest.mark.parametrize("name", sorted(PAGE_PERMALINKS))
def test_every_old_page_url_resolves(odd_urls: tuple[Path, Path], name: str) -> None:
    _, outdir = odd_urls
    url = PAGE_PERMALINKS[name]
    for form in (url, quote(url, safe="/%")):
        assert title_of(follow(outdir, form)) == f"Page {name[:-3]}", form


def test_redirect_from_urls_with_commas_resolve(odd_urls: tuple[Path, Path]) -> None:
    _, outdir = odd_urls
    for url in ("/old_site/spread_of_mood.html", "/a, b/", "/a,%20b/"):
        assert title_of(follow(outdir, url)) == "Paper underscore", url


def test_paper_links_lead_where_they_led_on_the_old_site(odd_urls: tuple[Path, Path]) -> None:
    dest, outdir = odd_urls
    fields = entries_of(dest)["commas"].fields  # type: ignore[attr-defined]
    for name in ("code", "github", "ssrn", "doi"):
        assert fields[name] == PAPER_LINKS[name], name
    assert fields["video"] == "/files/talk_video.mp4"  # the old host's file, here
    page = outdir / "publications/commas/index.html"
    hrefs = {str(link.get("href")) for link in read_html(page).select("a.sp-button")}
    assert PAPER_LINKS["code"] in hrefs
    assert "https://doi.org/10.1000/spread_of_mood%20x" in hrefs
    assert "https://arxiv.org/abs/2101.00001" in hrefs  # an arXiv URL as its id
    # Links in fields the theme has no button for get one, named after the field, and
    # stay out of the BibTeX readers copy.
    buttons = {
        str(link.get("href")): link.get_text(strip=True)
        for link in read_html(page).select("a.sp-button")
    }
    assert buttons[PAPER_LINKS["ssrn"]] == "SSRN"
    assert buttons[PAPER_LINKS["github"]] == "GitHub"
    download = (outdir / "publications/commas.bib").read_text("utf-8")
    assert "ssrn" not in download


def test_links_to_the_old_host_become_links_within_the_site(odd_urls: tuple[Path, Path]) -> None:
    dest, outdir = odd_urls
    entries = entries_of(dest)
    assert entries["underscore"].fields["pdf"] == "/files/paper_1%20v2.pdf"  # type: ignore[attr-defined]
    assert entries["spaces"].fields["slides"] == "/files/slides%201.pdf"  # type: ignore[attr-defined]
    page = outdir / "publications/underscore/index.html"
    hrefs = [str(link.get("href")) for link in read_html(page).select("a.sp-button")]
    pdf = next(href for href in hrefs if "paper_1" in href)
    assert not pdf.startswith("http"), pdf
    assert follow(outdir, "/files/paper_1%20v2.pdf").read_bytes() == b"%PDF-1.4 paper"
    assert (page.parent / unquote(pdf)).resolve().read_bytes() == b"%PDF-1.4 paper"


# -- each publication once -------------------------------------------------------------------

TEMPLATE = Path(__file__).resolve().parents[2] / "shared/fixtures/academicpages-template"

PER_PAPER_BIBS = {
    # Named by its item's bibtexurl, the same title written with LaTeX and other case.
    "files/p1.bib": (
        '@article{alpha2020deep,\n  title = {Deep {C}ats and {\\"U}ber Dogs},\n'
        "  author = {Alpha, Ann and Beta, Bo},\n  journal = {Nature},\n  volume = {3},\n"
        "  pages = {1--2},\n  year = {2020},\n  doi = {10.1000/xyz}\n}\n"
    ),
    # Named by no item: the same paper as p2 by its DOI, as p3 by its arXiv id.
    "files/all.bib": (
        "@inproceedings{beta2021,\n  title = {Something Else, as Published},\n"
        "  author = {Beta, Bo},\n  booktitle = {Proc. of Things},\n  year = {2021},\n"
        "  doi = {10.1000/ABC}\n}\n"
        "@misc{gamma2022,\n  title = {A Preprint},\n  author = {Gamma, Cy and Delta, Di},\n"
        "  eprint = {2101.00001},\n  archiveprefix = {arXiv},\n  year = {2022}\n}\n"
        "@article{other2019,\n  title = {An Unrelated Paper of Mine},\n"
        "  author = {Alpha, Ann},\n  journal = {Science},\n  year = {2019}\n}\n"
    ),
}


@pytest.fixture(scope="module")
def per_paper(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("bibs")
    items: dict[str, dict[str, object]] = {
        "p1.md": {
            "title": "Deep cats and über dogs",
            "date": "2020-01-01",
            "venue": "Nature",
            "category": "manuscripts",
            "bibtexurl": "https://ada.example/files/p1.bib",
            "citation": "Alpha, A. (2020). Deep cats. Nature.",
        },
        "p2.md": {
            "title": "Something",
            "date": "2021-01-01",
            "paperurl": "https://doi.org/10.1000/abc",
        },
        "p3.md": {
            "title": "A preprint",
            "date": "2022-01-01",
            "paperurl": "https://arxiv.org/abs/2101.00001v2",
        },
        "p4.md": {
            "title": "Paper Title Number 1",
            "date": "2009-10-01",
            "bibtexurl": "/files/bibtex1.bib",
        },
    }
    site = write_site(root / "site", items)
    (site / "files").mkdir()
    for relative, text in PER_PAPER_BIBS.items():
        (site / relative).write_text(text, encoding="utf-8")
    template_bib = TEMPLATE / "files/bibtex1.bib"
    sample = (
        template_bib.read_text("utf-8")
        if template_bib.is_file()
        else "@article{Alice2023example,\n title={An Example Article},\n year={2023}\n}\n"
    )
    (site / "files/bibtex1.bib").write_text(sample, encoding="utf-8")
    dest = root / "dest"
    report = import_site(site, dest)
    return dest, report


def test_a_per_paper_bib_and_its_page_become_one_entry(per_paper: tuple[Path, object]) -> None:
    dest, _ = per_paper
    entries = entries_of(dest)
    titles = sorted(str(entry.fields["title"]) for entry in entries.values())  # type: ignore[attr-defined]
    assert titles == [
        "A preprint",
        "An Unrelated Paper of Mine",
        'Deep {C}ats and {\\"U}ber Dogs',
        "Paper Title Number 1",
        "Something Else, as Published",
    ]
    p1 = entries["p1"]
    assert [str(person) for person in p1.persons["author"]] == ["Alpha, Ann", "Beta, Bo"]  # type: ignore[attr-defined]
    assert p1.fields["pages"] == "1--2"  # type: ignore[attr-defined]
    assert p1.fields["bibtexurl"] == "/files/p1.bib"  # type: ignore[attr-defined]
    p2 = entries["p2"]
    assert p2.type == "inproceedings"  # type: ignore[attr-defined]
    assert p2.fields["booktitle"] == "Proc. of Things"  # type: ignore[attr-defined]
    assert [str(person) for person in entries["p3"].persons["author"]] == [  # type: ignore[attr-defined]
        "Gamma, Cy",
        "Delta, Di",
    ]
    assert "other2019" in entries


def test_the_template_sample_bib_is_a_download_not_a_publication(
    per_paper: tuple[Path, object],
) -> None:
    dest, report = per_paper
    titles = [str(entry.fields["title"]) for entry in entries_of(dest).values()]  # type: ignore[attr-defined]
    assert "An Example Article" not in titles
    skipped = "\n".join(f"{path}: {why}" for path, why in report.skipped)  # type: ignore[attr-defined]
    assert (
        "files/bibtex1.bib: entry 'Alice2023example' is not the paper of _publications/p4.md"
        in (skipped)
    )
    for relative in ("files/bibtex1.bib", "files/p1.bib"):  # the downloads are still there
        assert (dest / "docs" / relative).is_file()


def test_the_per_paper_download_url_still_works(per_paper: tuple[Path, object]) -> None:
    dest, _ = per_paper
    outdir, warnings = build(dest)
    assert warnings == [], warnings
    assert follow(outdir, "/files/p1.bib").read_text("utf-8") == PER_PAPER_BIBS["files/p1.bib"]
    listed = read_html(outdir / "publications/index.html").select(".sp-pub-title")
    titles = [title.get_text(" ", strip=True) for title in listed]
    assert titles.count("Something Else, as Published") == 1
    assert len(titles) == 5, titles


@pytest.mark.skipif(
    not TEMPLATE.is_dir(), reason="the academicpages fixture is not beside the repo"
)
def test_the_unmodified_template_lists_no_sample_bib(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    report = import_site(TEMPLATE, dest)
    titles = [str(entry.fields["title"]) for entry in entries_of(dest).values()]  # type: ignore[attr-defined]
    assert "An Example Article" not in titles
    assert report.counts["publications"] == (len(titles), len(titles))


SAMPLE_BIB = (
    "@article{Alice2023example,\n    title={An Example Article},\n"
    "    author={Alice, Bob and Charlie},\n    journal={Journal of Examples},\n"
    "    volume={12},\n    number={3},\n    pages={123--456},\n    year={2023},\n"
    "    publisher={Example Publisher}\n}\n"
)


def test_the_template_sample_bib_kept_alone_is_skipped_by_its_content(tmp_path: Path) -> None:
    """Sites delete the sample paper that offered files/bibtex1.bib and keep the file."""
    items = {"mine.md": {"title": "My own paper", "date": "2021-01-01"}}
    site = write_site(tmp_path / "site", items)
    (site / "files").mkdir()
    (site / "files/bibtex1.bib").write_text(SAMPLE_BIB.replace("\n", "\r\n"), encoding="utf-8")
    # The owner's own paper in a file of the same name is a publication.
    (site / "files/mine").mkdir()
    (site / "files/mine/bibtex1.bib").write_text(
        SAMPLE_BIB.replace("Journal of Examples", "Journal of Real Things"), encoding="utf-8"
    )
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    titles = sorted(str(entry.fields["title"]) for entry in entries_of(dest).values())  # type: ignore[attr-defined]
    assert titles == ["An Example Article", "My own paper"]
    assert "Journal of Real Things" in (dest / "publications.bib").read_text("utf-8")
    skipped = [(path, why) for path, why in report.skipped if path.startswith("files/")]
    assert len(skipped) == 1, report.skipped
    assert skipped[0][0] == "files/bibtex1.bib"
    assert "academicpages template's sample" in skipped[0][1]
    assert (dest / "docs/files/bibtex1.bib").is_file()  # still a download
    assert report.counts["publications"] == (1, 1)
