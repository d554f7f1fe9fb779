"""Every entry has a page of its own, whatever its key: never another entry's, never a page
or file the site has already, never a name a file system refuses; and every link to it,
the feed and the sitemap name that same page."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from scholarpages.confinement import is_safe_name
from scholarpages.publications.paper_page.page_names import (
    MAX_PAGE_NAME_BYTES,
    assign_page_names,
    fold,
    readable_name,
)

from helpers import read_html, warning_lines

ROOT = Path(__file__).parent / "roots" / "test-publications_keys"
TITLES = {
    "index": "The Index Paper",
    "a/b": "Slash Paper",
    "a-b": "Hyphen Paper",
    "müller2020": "Mueller Paper",
    "mäller2020": "Maeller Paper",
    "日本語": "Japanese Paper",
    "😀": "Emoji Paper",
    "-": "Hyphen Only Paper",
    "entry": "Entry Paper",
    "x.": "X Dot Paper",
    "x": "X Paper",
    "Ab-c": "Upper Case Paper",
    "ab/c": "Lower Case Paper",
    "about": "About Paper",
    "claimed": "Claimed Paper",
    "x.bib": "Download Paper",
    "plain2020": "Plain Paper",
    "served.pdf": "Served Paper",
}


def paper_pages(outdir: Path) -> dict[str, Path]:
    """Title -> file of every paper page of a dirhtml build."""
    pages: dict[str, Path] = {}
    for path in sorted((outdir / "publications").glob("*/index.html")):
        soup = read_html(path)
        if soup.select_one(".sp-paper") is None:
            continue
        title = soup.select_one(".sp-paper h1").get_text(strip=True)
        assert title not in pages, f"{title} has two pages"
        pages[title] = path
    return pages


def target(outdir: Path, page: Path, href: str) -> Path:
    """The output file a relative link on ``page`` leads to (dirhtml)."""
    relative = page.relative_to(outdir).as_posix()
    resolved = unquote(urljoin(f"https://site.example/{relative}", href).split("#")[0])
    path = resolved.removeprefix("https://site.example/")
    return outdir / (f"{path}index.html" if path == "" or path.endswith("/") else path)


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


keys_root = pytest.mark.sphinx("dirhtml", testroot="publications_keys", freshenv=True)


@keys_root
def test_every_entry_has_a_page_of_its_own(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    assert set(paper_pages(outdir)) == set(TITLES.values())
    # The list and the site's own page under publications/ are still there.
    listing = read_html(outdir / "publications/index.html")
    assert len(listing.select(".sp-pub")) == len(TITLES)
    about = read_html(outdir / "publications/about/index.html")
    assert about.select_one("h1").get_text(strip=True).startswith("About these publications")
    # Neither the downloads nor the stub claimed by a page were replaced by a paper page.
    assert (outdir / "publications/x.bib").read_text(encoding="utf-8").startswith("@article{x.,")
    claimed = read_html(outdir / "publications/claimed/index.html")
    assert claimed.select_one(".sp-paper") is None


@keys_root
def test_keys_that_clash_are_reported_with_both_lines(built: SphinxTestApp) -> None:
    text = "\n".join(warning_lines(built.warning))
    expected = [
        r"keys\.bib:1: WARNING: entry 'index': publications/index is the folder's index page",
        r"keys\.bib:16: WARNING: entry 'a-b': publications/a-b is the page of entry 'a/b' "
        r"\(.*keys\.bib:8\); its page is publications/a-b-[0-9a-f]{8}",
        r"keys\.bib:44: WARNING: entry '😀': its key has no letter or digit",
        r"keys\.bib:51: WARNING: entry '-': its key has no letter or digit",
        r"keys\.bib:72: WARNING: entry 'x': publications/x is the page of entry 'x\.' "
        r"\(.*keys\.bib:65\)",
        r"keys\.bib:86: WARNING: entry 'ab/c': publications/ab-c is the page of entry 'Ab-c' "
        r"\(.*keys\.bib:79\), and page names ignore case",
        r"keys\.bib:93: WARNING: entry 'about': publications/about is the page .*about\.md",
        r"keys\.bib:100: WARNING: entry 'claimed': publications/claimed is a URL claimed by "
        r".*index\.md",
    ]
    for pattern in expected:
        assert re.search(pattern, text), pattern
    assert "[scholarpages.bib.page_name]" in text
    # Keys that clash with nothing keep the name they read as, Unicode letters included.
    assert "müller2020" not in text
    assert "日本語" not in text
    assert "plain2020" not in text


@keys_root
def test_every_link_to_an_entry_leads_to_its_own_page(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    pages = paper_pages(outdir)
    listing_file = outdir / "publications/index.html"
    listing = read_html(listing_file)
    for entry in listing.select(".sp-pub"):
        title_link = entry.select_one(".sp-pub-title a")
        title = title_link.get_text(strip=True)
        page = target(outdir, listing_file, str(title_link["href"]))
        assert page == pages[title], title
        # The anchor is the page's name, but where a page of the site took that name: ids
        # on the list are settled among the keys alone, as the list is read.
        taken = {"index", "about", "claimed"}
        assert entry["id"] in taken or entry["id"] == page.parent.name
        assert entry["id"] not in taken or page.parent.name.startswith(f"{entry['id']}-")
        # Its .bib download is beside the page.
        download = target(
            outdir, pages[title], str(read_html(page).select_one("a.sp-download")["href"])
        )
        assert download == page.parent.with_name(page.parent.name + ".bib")
        assert download.is_file()
    # The id the entry had before ("#ab-c", from the key "Ab-c") still leads to it.
    old_id = listing.select_one("#ab-c")
    assert old_id.name == "span"
    assert old_id.find_parent(class_="sp-pub")["id"] == "Ab-c"
    # {cite} and a link to an entry's URL lead to the right entry.
    home_file = outdir / "index.html"
    home = read_html(home_file)
    cited = [str(link["href"]) for link in home.select("a[href*='publications/#']")]
    anchors = {str(entry["id"]): entry for entry in listing.select(".sp-pub")}
    titles = set()
    for href in cited:
        entry = anchors[href.split("#")[1]]
        titles.add(entry.select_one(".sp-pub-title a").get_text(strip=True))
    assert {"Slash Paper", "Hyphen Paper"} <= titles
    marker = home.select_one("a.sp-xref")
    assert target(outdir, home_file, str(marker["href"])) == pages["Slash Paper"]
    # Both entries cited from the home page say so.
    for title in ("Slash Paper", "Hyphen Paper"):
        referenced = read_html(pages[title]).select(".sp-cited-by a")
        assert [target(outdir, pages[title], str(a["href"])) for a in referenced] == [home_file]


@keys_root
def test_feed_and_sitemap_name_each_entry_page(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    pages = paper_pages(outdir)
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(outdir / "publications.atom").getroot()
    linked = {
        entry.findtext("atom:title", namespaces=namespace): entry.find("atom:link", namespace).get(
            "href"
        )
        for entry in feed.findall("atom:entry", namespace)
    }
    assert set(linked) == set(TITLES.values())
    for title, url in linked.items():
        assert unquote(url) == f"https://jane.example/{pages[title].parent.relative_to(outdir)}/"
    sitemap = (outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://jane.example/publications/%E6%97%A5%E6%9C%AC%E8%AA%9E/</loc>" in sitemap
    assert "日本語" not in sitemap
    for page in pages.values():
        assert (
            f"<loc>https://jane.example/{page.parent.relative_to(outdir).as_posix()}/"
            in unquote(sitemap)
        )


@pytest.mark.sphinx("html", testroot="publications_keys", freshenv=True)
def test_html_builder_gives_every_entry_a_page_too(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    titles = set()
    for path in (outdir / "publications").glob("*.html"):
        heading = read_html(path).select_one(".sp-paper h1")
        if heading is not None:
            titles.add(heading.get_text(strip=True))
    assert titles == set(TITLES.values())
    assert read_html(outdir / "publications/about.html").select_one(".sp-paper") is None


@keys_root
def test_files_copied_into_the_site_keep_their_names(
    make_app: Any, app_params: Any, tmp_path: Path
) -> None:
    _, kwargs = app_params
    overrides = {"html_extra_path": ["extra"]}
    # An output folder of its own: in the shared one, served.pdf is a page's folder.
    built = make_app("dirhtml", **{**kwargs, "builddir": tmp_path, "confoverrides": overrides})
    built.build()
    outdir = Path(built.outdir)
    assert (outdir / "publications/served.pdf").read_text().startswith("%PDF-1.4")
    assert paper_pages(outdir)["Served Paper"].parent.name.startswith("served.pdf-")
    text = "\n".join(warning_lines(built.warning))
    assert re.search(
        r"keys\.bib:122: WARNING: entry 'served\.pdf': publications/served\.pdf is ", text
    )


# Case 6: input that crashed the build.
crash_root = pytest.mark.sphinx(
    "dirhtml",
    testroot="publications_keys",
    freshenv=True,
    confoverrides={"scholarpages_bibfile": "crash.bib"},
)


@crash_root
def test_hostile_entries_warn_and_the_rest_builds(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    text = "\n".join(warning_lines(built.warning))
    assert re.search(r"crash\.bib:7: WARNING: entry key 'k+'\.\.\. is 252 bytes long", text)
    assert re.search(r"crash\.bib:13: WARNING: entry 'control': control characters removed", text)
    assert re.search(r"crash\.bib:20: WARNING: redirect_from '/publication/s+/' refused", text)
    pages = paper_pages(outdir)
    assert set(pages) == {
        "Before Paper",
        "Long Key Paper",
        "Control Character Paper",
        "Segment Paper",
        "After Paper",
    }
    for path in outdir.rglob("*"):
        assert all(len(part.encode()) <= 255 for part in path.parts), path
    feed = ElementTree.parse(outdir / "publications.atom").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 5
    for path in outdir.rglob("*.html"):
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", path.read_text(encoding="utf-8"))


def test_keys_of_the_example_site_keep_their_urls() -> None:
    database = Path(__file__).parent.parent / "publications.bib"
    keys = re.findall(r"^@\w+\{([^,]+),", database.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(keys) > 10
    naming = assign_page_names(keys, {"research": "a page"})
    for key in keys:
        # The name every key had before names were checked for clashes.
        assert naming.names[key] == re.sub(r"[^A-Za-z0-9._-]+", "-", key).strip("-.") or "entry"
    assert naming.displaced == []


# The mapping itself, over keys of every kind.
_PIECES = st.sampled_from(["ä", "a\u0308", "Ä", "ß", "SS", "ﬁ", "fi", "😀", "日", "İ", "i", "ı"])
_SPECIAL_KEYS = ["index", "INDEX", ".", "..", "-", "x.", "x", "a.bib", "con", "Index.html"]
_KEY = (
    st.text(st.characters(codec="ascii"), min_size=1, max_size=12)
    | st.text(st.sampled_from("aAbB/-._ "), min_size=1, max_size=8)
    | st.lists(_PIECES, min_size=1, max_size=6).map("".join)
    | st.text(min_size=1, max_size=12)
    | st.sampled_from([*_SPECIAL_KEYS, "k" * 300, "é" * 200, "日" * 90])
)
_KEYS = st.lists(_KEY, min_size=1, max_size=30, unique=True).flatmap(
    # Case variants of keys drawn already.
    lambda keys: st.lists(st.sampled_from(keys).map(str.swapcase), max_size=5).map(
        lambda variants: list(dict.fromkeys([*keys, *variants]))
    )
)
_RESERVED = st.dictionaries(
    st.sampled_from(["about", "a", "x", "entry", "ä", "A-b"]), st.just("a page")
)


@settings(max_examples=300, deadline=None)
@given(keys=_KEYS, reserved=_RESERVED)
def test_page_names_are_distinct_safe_and_never_reserved(
    keys: list[str], reserved: dict[str, str]
) -> None:
    naming = assign_page_names(keys, reserved)
    names = [naming.names[key] for key in keys]
    assert len({fold(name) for name in names}) == len(keys)
    blocked = {fold(name) for name in [*reserved, "index"]}
    for name in names:
        assert is_safe_name(name), name
        assert fold(name) not in blocked, name
        assert len(name.encode()) <= MAX_PAGE_NAME_BYTES
        assert not name.lower().endswith((".bib", ".html", ".htm")), name
        assert not name.startswith((".", "-")), name
    # The same keys name the same pages, build after build.
    assert assign_page_names(keys, reserved) == naming
    # An entry that keeps its readable name keeps it whatever entries come after it.
    kept = [key for key in keys if naming.names[key] == readable_name(key)]
    assert all(assign_page_names(kept, reserved).names[key] == naming.names[key] for key in kept)


# One whole build per example: few examples, small databases.
_BIB_KEY = st.text(
    st.characters(
        exclude_characters=" \t\n\r\x0b\x0c\"#%'(),={}\\@",
        exclude_categories=["Zs", "Zl", "Zp", "Cc", "Cs"],
    ),
    min_size=1,
    max_size=20,
) | st.sampled_from(["index", "a/b", "a-b", "x.", "x", "k" * 260])
# A file holds no lone surrogate: UTF-8 cannot encode one.
_TITLE = st.text(
    st.characters(exclude_characters="{}\\@%$#&^_~", exclude_categories=["Cs"]), max_size=30
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    entries=st.lists(
        st.tuples(_BIB_KEY, _TITLE), min_size=1, max_size=6, unique_by=lambda e: e[0].lower()
    )
)
def test_any_database_builds_with_a_page_per_entry(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str]]
) -> None:
    project = tmp_path_factory.mktemp("keys")
    (project / "conf.py").write_text(
        'extensions = ["scholarpages"]\nhtml_baseurl = "https://jane.example/"\n'
        'scholarpages_bibfile = "refs.bib"\n',
        encoding="utf-8",
    )
    (project / "index.md").write_text("# Home\n\n- [Publications](publications.md)\n", "utf-8")
    (project / "publications.md").write_text("# Publications\n\n```{publications}\n```\n", "utf-8")
    text = "".join(
        f"@misc{{{key},\n  title = {{T{number} {title}}},\n  year = {{2020}}\n}}\n\n"
        for number, (key, title) in enumerate(entries)
    )
    (project / "refs.bib").write_text(text, encoding="utf-8")
    warning = StringIO()
    app: Any = SphinxTestApp(
        "dirhtml", srcdir=project, freshenv=True, status=StringIO(), warning=warning
    )
    try:
        app.build()
    finally:
        app.cleanup()
    outdir = Path(app.outdir)
    headings = [
        read_html(path).select_one(".sp-paper h1").get_text(strip=True).split(" ")[0]
        for path in (outdir / "publications").glob("*/index.html")
        if read_html(path).select_one(".sp-paper") is not None
    ]
    assert sorted(headings) == sorted(f"T{number}" for number in range(len(entries)))
    assert "Traceback" not in warning.getvalue()


def _links_to(outdir: Path, title: str) -> set[Path]:
    """Where the list, the home page's marker and the feed send a reader for ``title``."""
    listing_file, home_file = outdir / "publications/index.html", outdir / "index.html"
    found = set()
    for entry in read_html(listing_file).select(".sp-pub-title a"):
        if entry.get_text(strip=True) == title:
            found.add(target(outdir, listing_file, str(entry["href"])))
    marker = read_html(home_file).select_one("a.sp-xref")
    found.add(target(outdir, home_file, str(marker["href"])))
    return found


@pytest.mark.sphinx("dirhtml", testroot="publications_keys", copy_test_root=True)
def test_a_page_added_later_moves_the_entry_and_every_link_follows(
    make_app: Any, app_params: Any
) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", freshenv=True, **kwargs)
    app.build()
    outdir = Path(app.outdir)
    assert _links_to(outdir, "Slash Paper") == {outdir / "publications/a-b/index.html"}
    app.cleanup()

    added = Path(app.srcdir) / "publications/a-b.md"
    added.write_text("---\norphan: true\n---\n\n# A page named a-b\n", encoding="utf-8")
    again = make_app("dirhtml", **kwargs)
    again.build()
    moved = paper_pages(outdir)["Slash Paper"]
    assert moved.parent.name.startswith("a-b-")
    assert _links_to(outdir, "Slash Paper") == {moved}
    assert read_html(outdir / "publications/a-b/index.html").select_one(".sp-paper") is None
    assert (outdir / f"publications/{moved.parent.name}.bib").is_file()
    assert not (outdir / "publications/a-b.bib").exists()
    feed = (outdir / "publications.atom").read_text(encoding="utf-8")
    assert f"publications/{moved.parent.name}/" in feed
    text = "\n".join(warning_lines(again.warning))
    assert re.search(r"keys\.bib:8: WARNING: entry 'a/b': publications/a-b is the page ", text)
    again.cleanup()

    added.unlink()
    third = make_app("dirhtml", **kwargs)
    third.build()
    assert _links_to(outdir, "Slash Paper") == {outdir / "publications/a-b/index.html"}
    assert read_html(outdir / "publications/a-b/index.html").select_one(".sp-paper") is not None
    assert not moved.exists()


@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_a_non_ascii_key_keeps_its_former_address(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    """Page names used to turn "müller2020" into "m-ller2020": that address still leads there,
    unless two keys shared it (then neither can have it)."""
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["scholarpages"]\nscholarpages_bibfile = "refs.bib"\n', encoding="utf-8"
    )
    (srcdir / "index.md").write_text("---\ntitle: Home\n---\n\nText.\n", encoding="utf-8")
    (srcdir / "publications.md").write_text(
        "---\ntitle: Publications\n---\n\n```{publications}\n```\n", encoding="utf-8"
    )
    (srcdir / "refs.bib").write_text(
        "".join(
            f"@article{{{key}, title = {{T {key}}}, author = {{Doe, Jane}}, year = {{2020}}}}\n"
            for key in ["müller2020", "jöns2021", "jäns2021"]
        ),
        encoding="utf-8",
    )
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert warning_lines(app.warning) == []
    outdir = Path(app.outdir)
    old, new = (
        ("m-ller2020/index.html", "müller2020/")
        if builder == "dirhtml"
        else (
            "m-ller2020.html",
            "müller2020.html",
        )
    )
    stub = read_html(outdir / "publications" / old)
    assert stub.find("link", rel="canonical") is not None
    assert unquote(str(stub.find("link", rel="canonical")["href"])).endswith(new)
    # "jöns2021" and "jäns2021" were both at "j-ns2021": that address is nobody's.
    assert not (outdir / "publications" / "j-ns2021").exists()
    assert not (outdir / "publications" / "j-ns2021.html").exists()
