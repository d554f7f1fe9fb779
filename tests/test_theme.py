"""The personal-site theme: title, navbar, author card, 404 page, and what search engines read."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import queue
import re
import shutil
from io import BytesIO, StringIO
from pathlib import Path
from xml.etree import ElementTree

import pydata_sphinx_theme
import pytest
import sphinx_sitemap
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import _h_e_a_d as head_table
from sphinx.testing.util import SphinxTestApp

import scholarpages.theme.icon_fonts as icon_fonts
from scholarpages.theme.icon_fonts import FONTS, STYLESHEET

from helpers import html_files, paper_pages_by_process, read_html, warning_lines

ROOTS = Path(__file__).parent / "roots"
BASE = "https://jane.example/site/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    uri = app.builder.get_target_uri(docname)
    file = f"{uri}index.html" if uri == "" or uri.endswith("/") else uri
    return read_html(Path(app.outdir) / file)


def card(soup: BeautifulSoup) -> BeautifulSoup | None:
    return soup.select_one("section.sp-author")


def navbar(soup: BeautifulSoup) -> list[tuple[str, str]]:
    links = soup.select(".navbar-header-items nav a.nav-link")
    return [(link.get_text(strip=True), str(link["href"])) for link in links]


def sitemap(app: SphinxTestApp) -> list[str]:
    root = ElementTree.parse(Path(app.outdir) / "sitemap.xml").getroot()
    return [str(loc.text) for loc in root.iter(f"{SITEMAP_NS}loc")]


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def visible_text_and_labels(soup: BeautifulSoup) -> str:
    """What a reader sees or hears: text, the title, and text-bearing attributes."""
    for hidden in soup(["script", "style"]):
        hidden.decompose()
    labels = [
        str(tag[attribute])
        for attribute in ("title", "aria-label", "placeholder", "alt", "content")
        for tag in soup.find_all(attrs={attribute: True})
    ]
    return " ".join([soup.get_text(" "), *labels])


def build_once(root: str, builder: str, builddir: Path) -> SphinxTestApp:
    """A build shared by a module's tests, which only read what it wrote."""
    app = SphinxTestApp(
        builder,
        srcdir=ROOTS / f"test-{root}",
        builddir=builddir,
        freshenv=True,
        status=StringIO(),
        warning=StringIO(),
    )
    app.build()
    # Unregister its nodes at once, so other tests' apps start clean while this one's
    # output is read.
    app.cleanup()
    return app


@pytest.fixture(scope="module", params=["dirhtml", "html"])
def built(request: pytest.FixtureRequest, tmp_path_factory) -> SphinxTestApp:
    return build_once("theme", request.param, tmp_path_factory.mktemp(f"theme-{request.param}"))


def test_site_builds_without_warnings(built: SphinxTestApp) -> None:
    assert warning_lines(built.warning) == []


def test_site_is_named_after_its_owner_not_documentation(built: SphinxTestApp) -> None:
    home = page(built, "index")
    assert home.title is not None
    assert home.title.get_text() == "About Jane — Jane Q. Doe"
    assert home.select_one(".navbar-brand").get_text(strip=True) == "Jane Q. Doe"
    for name, html in html_files(Path(built.outdir)).items():
        soup = BeautifulSoup(html, "html.parser")
        if soup.find("meta", attrs={"content": "scholarpages-redirect"}):
            continue
        text = visible_text_and_labels(soup)
        assert "documentation" not in text.lower(), name
        assert "Show Source" not in text, name
        assert "_sources/" not in html, name
    assert not list(Path(built.outdir).glob("_sources/*"))


def test_navbar_lists_the_pages_in_the_authors_order(built: SphinxTestApp) -> None:
    dirhtml = built.builder.name == "dirhtml"
    home = navbar(page(built, "index"))
    assert [title for title, _ in home] == ["Publications", "Research", "About", "CV", "Blog"]
    expected = {
        "Publications": "publications/" if dirhtml else "publications.html",
        "Research": "research/" if dirhtml else "research.html",
        "CV": "files/cv.pdf",
        "Blog": "https://blog.jane.example/",
    }
    assert {title: href for title, href in home if title in expected} == expected
    research = page(built, "research")
    current = research.select(".navbar-header-items a[aria-current='page']")
    assert [a.get_text(strip=True) for a in current] == ["Research"]
    assert navbar(research)[3] == ("CV", "../files/cv.pdf" if dirhtml else "files/cv.pdf")


def test_author_card_only_on_author_profile_pages(built: SphinxTestApp) -> None:
    assert card(page(built, "index")) is not None
    assert card(page(built, "publications")) is not None
    assert card(page(built, "research")) is None


def test_author_card_shows_every_given_field_escaped(built: SphinxTestApp) -> None:
    home = card(page(built, "index"))
    assert home is not None
    assert home.select_one(".sp-author__name").get_text(" ", strip=True) == "Jane Q. Doe (she/her)"
    assert home.select_one(".sp-author__position").get_text() == (
        "Assistant Professor, Example University"
    )
    assert (
        home.select_one(".sp-author__bio").get_text() == 'I study <examples> & "counterexamples".'
    )
    assert [li.get_text(strip=True) for li in home.select(".sp-author__facts li")] == [
        "Zürich",
        "Other University",
    ]
    avatar = home.select_one("img.sp-author__avatar")
    assert avatar["src"] == "images/avatar.png"
    assert avatar["alt"] == ""  # the name is right beside it
    links = {a.get_text(strip=True): a for a in home.select(".sp-author__links a")}
    assert list(links) == ["Email", "CV", "Google Scholar", "ORCID", "GitHub"]
    assert links["Email"]["href"] == "mailto:jane@example.org"
    assert links["CV"]["href"] == "files/cv.pdf"
    assert links["Google Scholar"]["href"] == "https://scholar.google.com/citations?user=abc&hl=en"
    assert links["GitHub"].get("rel") == ["me"]
    assert links["CV"].get("rel") is None
    for link in links.values():
        assert link.select_one("i[aria-hidden='true']") is not None
    raw = (Path(built.outdir) / ("index.html")).read_text("utf-8")
    assert "I study &lt;examples&gt; &amp; &#34;counterexamples&#34;." in raw
    assert "user=abc&amp;hl=en" in raw


def test_card_links_are_relative_to_each_page(built: SphinxTestApp) -> None:
    dirhtml = built.builder.name == "dirhtml"
    publications = card(page(built, "publications"))
    assert publications is not None
    prefix = "../" if dirhtml else ""
    assert publications.select_one("img")["src"] == f"{prefix}images/avatar.png"
    assert publications.select_one("a[href$='cv.pdf']")["href"] == f"{prefix}files/cv.pdf"


@pytest.mark.sphinx("dirhtml", testroot="theme", freshenv=True)
def test_card_shows_only_what_is_given(make_app, app_params) -> None:
    _, kwargs = app_params
    overrides = {"scholarpages_author": {"name": "Solo Scholar"}}
    app = make_app("dirhtml", **{**kwargs, "confoverrides": overrides})
    app.build()
    assert warning_lines(app.warning) == []
    solo = card(page(app, "index"))
    assert solo is not None
    assert solo.get_text(" ", strip=True) == "Solo Scholar"
    assert solo.find("img") is None
    assert solo.find("ul") is None
    # Without an avatar there is no favicon, and shared links show no picture.
    home = page(app, "index")
    assert home.find("link", rel="icon") is None
    assert home.find("meta", property="og:image") is None


def test_canonical_links_come_from_the_site_address(built: SphinxTestApp) -> None:
    dirhtml = built.builder.name == "dirhtml"
    canonical = page(built, "research").find("link", rel="canonical")["href"]
    assert canonical == BASE + ("research/" if dirhtml else "research.html")


def test_sitemap_lists_every_page_and_no_redirect(built: SphinxTestApp) -> None:
    dirhtml = built.builder.name == "dirhtml"
    names = (
        ["", "publications/", "research/"]
        if dirhtml
        else [
            "index.html",
            "publications.html",
            "research.html",
        ]
    )
    assert sitemap(built) == [BASE + name for name in names]
    robots = (Path(built.outdir) / "robots.txt").read_text("utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


@pytest.mark.sphinx("dirhtml", testroot="theme", copy_test_root=True)
def test_sitemap_stays_complete_after_an_incremental_build(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", freshenv=True, **kwargs)
    app.build()
    first = sitemap(app)
    app.cleanup()
    research = Path(app.srcdir) / "research.md"
    research.write_text(research.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
    again = make_app("dirhtml", **kwargs)
    again.build()
    assert "research" in again.env.metadata  # read again, not rebuilt from scratch
    assert sitemap(again) == first
    again.cleanup()


@pytest.mark.sphinx("dirhtml", testroot="theme", srcdir="theme-sitemap-rewritten")
def test_sitemap_is_written_again_only_when_it_changes(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", freshenv=True, **kwargs)
    app.build()
    app.cleanup()
    file = Path(app.outdir) / "sitemap.xml"
    written = file.stat().st_mtime_ns
    listed = sitemap(app)

    def rebuild(**overrides: object) -> list[str]:
        again = make_app("dirhtml", **kwargs, **overrides)
        again.build()
        again.cleanup()
        return sitemap(again)

    # Nothing changed, then a page's text: the same pages at the same addresses.
    assert rebuild() == listed
    research = Path(app.srcdir) / "research.md"
    research.write_text(research.read_text("utf-8") + "\nMore.\n", encoding="utf-8")
    assert rebuild() == listed
    assert file.stat().st_mtime_ns == written
    # A new page, and then a new address, are listed.
    (Path(app.srcdir) / "talks.md").write_text("# Talks\n", encoding="utf-8")
    assert rebuild() == sorted([*listed, BASE + "talks/"])
    moved = rebuild(confoverrides={"html_baseurl": "https://jane.example/new/"})
    assert moved == [
        link.replace(BASE, "https://jane.example/new/")
        for link in sorted([*listed, BASE + "talks/"])
    ]
    # Deleted by hand: written again.
    file.unlink()
    assert rebuild(confoverrides={"html_baseurl": "https://jane.example/new/"}) == moved


def test_opengraph_and_twitter_card(built: SphinxTestApp) -> None:
    home = page(built, "index")

    def meta(prop: str) -> str:
        tag = home.find("meta", property=prop) or home.find("meta", attrs={"name": prop})
        assert tag is not None, prop
        return str(tag["content"])

    assert meta("og:description") == 'Jane\'s "home" & <page>'
    assert meta("description") == 'Jane\'s "home" & <page>'
    assert meta("og:image") == BASE + "images/avatar.png"
    assert meta("og:site_name") == "Jane Q. Doe"
    assert meta("og:url") == BASE + ("" if built.builder.name == "dirhtml" else "index.html")
    assert meta("twitter:card") == "summary"
    assert len(home.find_all("meta", attrs={"name": "description"})) == 1


def test_person_structured_data_on_the_home_page_only(built: SphinxTestApp) -> None:
    [person] = json_ld(page(built, "index"))
    assert person["@context"] == "https://schema.org"
    assert person["@type"] == "Person"
    assert person["name"] == "Jane Q. Doe"
    assert person["url"] == BASE
    assert person["image"] == BASE + "images/avatar.png"
    assert person["jobTitle"] == "Assistant Professor"
    assert person["affiliation"] == {"@type": "Organization", "name": "Example University"}
    assert person["worksFor"] == person["affiliation"]
    assert person["alumniOf"] == [{"@type": "EducationalOrganization", "name": "Other University"}]
    assert person["homeLocation"] == {"@type": "Place", "name": "Zürich"}
    assert person["email"] == "mailto:jane@example.org"
    assert person["sameAs"] == [
        "https://scholar.google.com/citations?user=abc&hl=en",
        "https://orcid.org/0000-0002-1825-0097",
        "https://github.com/janedoe",
    ]
    assert json_ld(page(built, "research")) == []


def test_favicon_is_the_avatar(built: SphinxTestApp) -> None:
    icon = page(built, "index").find("link", rel="icon")
    assert icon["href"] == "_static/avatar.png"
    assert (Path(built.outdir) / "_static/avatar.png").is_file()


def test_404_page_helps_from_any_address(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    assert (outdir / "404.html").is_file()
    assert not (outdir / "404").exists()
    soup = read_html(outdir / "404.html")
    dirhtml = built.builder.name == "dirhtml"
    links = {a.get_text(strip=True): a["href"] for a in soup.select("article a")}
    assert links["About"] == "/site/"
    assert links["Publications"] == (
        "/site/publications/" if dirhtml else "/site/publications.html"
    )
    # Served in place of any missing URL: every link and asset is rooted at the site's path.
    for tag in soup.find_all(["a", "link", "script", "img"]):
        for attribute in ("href", "src"):
            target = tag.get(attribute)
            if target and not target.startswith(("#", "https://", "mailto:")):
                assert target.startswith("/site/"), tag
    assert soup.find("link", rel="canonical") is None
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.title.get_text() == "Page not found — Jane Q. Doe"


@pytest.mark.sphinx("dirhtml", testroot="theme", freshenv=True)
def test_settings_in_conf_py_win_over_the_defaults(make_app, app_params) -> None:
    _, kwargs = app_params
    overrides = {
        "html_title": "Jane's Lab",
        "html_theme_options": {"navbar_align": "right"},
        "html_favicon": "images/avatar.png",
        "ogp_enable_meta_description": True,
    }
    app = make_app("dirhtml", **{**kwargs, "confoverrides": overrides})
    app.build()
    assert warning_lines(app.warning) == []
    research = page(app, "research")
    assert research.title.get_text() == "Research — Jane's Lab"
    assert research.select_one(".navbar-header-items__center.ms-auto") is not None
    assert [title for title, _ in navbar(research)][:2] == ["Publications", "Research"]
    # Opted in: a page without an excerpt is described by its text.
    description = research.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Research on examples")


@pytest.mark.sphinx("dirhtml", testroot="theme", freshenv=True)
def test_without_a_site_address_nothing_absolute_is_invented(
    make_app, app_params, tmp_path: Path
) -> None:
    _, kwargs = app_params
    settings = {**kwargs, "builddir": tmp_path, "confoverrides": {"html_baseurl": ""}}
    app = make_app("dirhtml", **settings)
    app.build()
    assert warning_lines(app.warning) == []
    outdir = Path(app.outdir)
    assert not (outdir / "sitemap.xml").exists()
    assert not (outdir / "robots.txt").exists()
    home = page(app, "index")
    assert home.find("link", rel="canonical") is None
    assert home.find("meta", property="og:image") is None
    [person] = json_ld(home)
    assert "url" not in person
    assert "image" not in person
    links = {
        a.get_text(strip=True): a["href"]
        for a in read_html(outdir / "404.html").select("article a")
    }
    assert links["About"] == "/"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> SphinxTestApp:
    return build_once("theme_hostile", "dirhtml", tmp_path_factory.mktemp("theme-hostile"))


def test_bad_settings_are_reported_as_typed_warnings(hostile: SphinxTestApp) -> None:
    warnings = "\n".join(warning_lines(hostile.warning))
    expected = [
        "scholarpages_author['avatar'] ignored: no file /images/missing.png",
        "scholarpages_author['position'] ignored: expected a string, got list",
        "scholarpages_author: unknown key 'shoe_size' ignored",
        "scholarpages_author: unknown key 'github' ignored (links go under 'links')",
        "scholarpages_author['links']['github'] ignored: javascript: links are not allowed",
        "scholarpages_author['links']['website'] ignored: '//' names another host",
        "scholarpages_author['links']['orcid'] ignored: data: links are not allowed",
        "scholarpages_author['links']: unknown link 'myspace'",
        "scholarpages_navigation: entry 2 (('Evil', 'javascript:alert(1)')) ignored",
        "scholarpages_navigation: entry 3 (42) ignored",
        "scholarpages_navigation: entry 5 ('https://elsewhere.example/') ignored: a link to "
        "another site needs a title",
        "scholarpages_navigation: '/nowhere/' is no page or file of this site; left out",
        "scholarpages_navigation: 'missing-page' is no page or file of this site; left out",
    ]
    for message in expected:
        assert message in warnings
    lines = warning_lines(hostile.warning)
    assert len(lines) == len(expected), warnings
    assert all(line.endswith("[scholarpages.config]") for line in lines), warnings


def test_hostile_values_never_become_markup_or_script(hostile: SphinxTestApp) -> None:
    outdir = Path(hostile.outdir)
    raw = (outdir / "index.html").read_text("utf-8")
    home = read_html(outdir / "index.html")
    mallory = card(home)
    assert mallory is not None
    assert mallory.select_one(".sp-author__name").get_text() == "Mallory <b>Bold</b>"
    assert mallory.select_one(".sp-author__bio").get_text() == (
        "</script><script>alert('bio')</script>"
    )
    assert mallory.find("b") is None
    assert "<script>alert" not in raw
    assert [a.get_text(strip=True) for a in mallory.select("a")] == ["LinkedIn", "Bluesky"]
    assert navbar(home) == [("Home", "#")]
    for name, html in html_files(outdir).items():
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                assert not attribute.lower().startswith("on"), (name, tag)
                values = value if isinstance(value, list) else [value]
                for item in values:
                    lowered = str(item).strip().lower()
                    assert not lowered.startswith(("javascript:", "data:", "//evil")), (name, tag)
    # The JSON-LD holds the bio as data; nothing in it can close its script element.
    [person] = json_ld(home)
    assert person["description"] == "</script><script>alert('bio')</script>"
    assert person["sameAs"] == [
        'https://www.linkedin.com/in/mallory"onmouseover="alert(1)',
        "https://bsky.app/profile/mallory.example",
    ]
    assert re.search(r"</script>\s*<script>alert", raw) is None


# The theme's own fonts (the source of every cut), by name.
THEME_FONTS = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme"
    / "pydata_sphinx_theme"
    / "static"
    / FONTS.relative_to("_static")
)
# ".fa-graduation-cap,.fa-mortar-board{--fa:"\f19d"}" in Font Awesome's stylesheet.
ICON_RULE = re.compile(r'(\.fa-[a-z0-9-]+(?:,\.fa-[a-z0-9-]+)*)\{--fa:"\\([0-9a-f]+)"')


def _original_fonts() -> dict[str, Path]:
    return {font.name: font for font in THEME_FONTS.glob("*.woff2")}


def _codepoints(stylesheet: str) -> dict[str, int]:
    """Each icon's code point, by name, as Font Awesome's stylesheet maps them."""
    return {
        selector.removeprefix(".fa-"): int(code, 16)
        for selectors, code in ICON_RULE.findall(stylesheet)
        for selector in selectors.split(",")
    }


@pytest.mark.sphinx("dirhtml", testroot="theme", srcdir="theme-icon-fonts")
def test_icon_fonts_keep_exactly_the_icons_the_site_shows(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    assert warning_lines(app.warning) == []
    outdir = Path(app.outdir)
    originals = _original_fonts()
    app.cleanup()
    codes = _codepoints((outdir / STYLESHEET).read_text("utf-8"))
    shown = {
        name
        for html in html_files(outdir).values()
        for name in re.findall(r"\bfa-([a-z0-9-]+)", html)
        if name in codes
    }
    assert {"graduation-cap", "sun", "moon"} <= shown  # the author card's and the theme's
    kept: set[int] = set()
    for font in (outdir / FONTS).glob("*.woff2"):
        kept |= set(TTFont(str(font)).getBestCmap())
        # Cut down: a small part of the theme's file.
        assert font.stat().st_size < originals[font.name].stat().st_size / 10, font.name
    assert {codes[name] for name in shown} <= kept
    # And those the theme's stylesheet draws itself: a note's icon, an external link's.
    assert {0xF05A, 0xF35D} <= kept

    # Sphinx copies the theme's fonts again on every build; they are cut again, quietly.
    again = make_app("dirhtml", **kwargs)
    again.build()
    assert warning_lines(again.warning) == []
    again.cleanup()
    solid = outdir / FONTS / "fa-solid-900.woff2"
    assert solid.stat().st_size < originals[solid.name].stat().st_size / 10


@pytest.mark.sphinx("dirhtml", testroot="theme", srcdir="theme-icon-quiet")
def test_cutting_icon_fonts_prints_nothing_where_info_is_shown(
    make_app, app_params, caplog: pytest.LogCaptureFixture
) -> None:
    # As after a library configures the root logger to show INFO (a11y-pygments does).
    caplog.set_level(logging.INFO)
    _, kwargs = app_params
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    originals = _original_fonts()
    app.cleanup()
    solid = Path(app.outdir) / FONTS / "fa-solid-900.woff2"
    assert solid.stat().st_size < originals[solid.name].stat().st_size / 10  # cut
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fontTools")] == []


def test_an_icon_font_cut_twice_is_the_same_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two clean builds make identical files: a cut keeps the date the theme's font carries,
    # not the time it was cut (unless SOURCE_DATE_EPOCH is set, fontTools stamps the time).
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = THEME_FONTS / "fa-solid-900.woff2"
    cuts = []
    for moment in (3_000_000_000, 3_100_000_000):
        monkeypatch.setattr(head_table, "timestampNow", lambda moment=moment: moment)
        cuts.append(icon_fonts._cut(source, {0xF19D}))
    assert cuts[0] == cuts[1]
    assert TTFont(BytesIO(cuts[0]))["head"].modified == TTFont(str(source))["head"].modified


def _change_unseen(path: Path, old: str, new: str) -> None:
    """Edit a file in place keeping its size, modification time and inode: a change nothing
    that goes by those can tell."""
    assert len(old) == len(new)
    status = path.stat()
    data = path.read_bytes()
    at = data.rindex(old.encode())
    with path.open("r+b") as stream:
        stream.seek(at)
        stream.write(new.encode())
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        status.st_size,
        status.st_mtime_ns,
        status.st_ino,
    )


@pytest.mark.sphinx("dirhtml", testroot="theme", srcdir="theme-icon-rescan")
def test_icon_fonts_scan_only_files_whose_content_changed(make_app, app_params) -> None:
    _, kwargs = app_params
    app = make_app("dirhtml", **{**kwargs, "freshenv": True})
    app.build()
    app.cleanup()
    outdir = Path(app.outdir)
    codes = _codepoints((outdir / STYLESHEET).read_text("utf-8"))
    solid = outdir / FONTS / "fa-solid-900.woff2"

    def in_font(icon: str) -> bool:
        return codes[icon] in TTFont(str(solid)).getBestCmap()

    assert not in_font("bug") and not in_font("bomb")
    # A page whose size, date and inode are unchanged is not read again: an icon put there
    # unseen is not found by the next build (the theme's scripts, copied again the same by
    # every build, are read but not scanned).
    home = outdir / "index.html"
    _change_unseen(home, "</html>", "fa-bomb")
    noop = make_app("dirhtml", **kwargs)
    noop.build()
    noop.cleanup()
    assert not in_font("bomb")
    # A page changed behind the build's back and dated before the last build (but after its
    # source, so that Sphinx does not write it again): an older date than any scanned.
    research = outdir / "research" / "index.html"
    text = research.read_text("utf-8")
    research.write_text(text.replace("</body>", '<i class="fa-solid fa-bug"></i></body>'), "utf-8")
    source = (Path(app.srcdir) / "research.md").stat().st_mtime
    earlier = max(source, app.builder.templates.newest_template_mtime()) + 0.5
    assert earlier < (outdir / "index.html").stat().st_mtime
    os.utime(research, (earlier, earlier))
    again = make_app("dirhtml", **kwargs)
    again.build()
    again.cleanup()
    assert "fa-bug" in research.read_text("utf-8")  # not written again by the rebuild
    assert "fa-bomb" in home.read_text("utf-8")
    # Only the changed page was read again.
    assert in_font("bug") and not in_font("bomb")


@pytest.mark.parametrize("builder", ["dirhtml", "html"])
def test_icon_scan_reads_one_paper_page_and_every_other_page(
    make_app, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    settings = {
        "srcdir": rootdir / "test-publications",
        "builddir": tmp_path / "build",
        "confoverrides": {"html_theme": "pydata_sphinx_theme"},
    }
    app = make_app(builder, **settings, freshenv=True)
    app.build()
    app.cleanup()
    outdir = Path(app.outdir)
    codes = _codepoints((outdir / STYLESHEET).read_text("utf-8"))
    # Paper pages are all made from one template, which shows no icons: one of them stands
    # for all. Each given an icon of its own behind the build's back, and the list page one.
    suffix = "/index.html" if builder == "dirhtml" else ".html"
    # Each entry's page, beside its BibTeX file.
    papers = [Path(f"{bib.with_suffix('')}{suffix}") for bib in outdir.glob("publications/*.bib")]
    assert len(papers) == 5 and all(page.is_file() for page in papers)
    first_cut = TTFont(str(outdir / FONTS / "fa-solid-900.woff2")).getBestCmap()
    candidates = ["bug", "bomb", "anchor", "bell", "crow", "dragon", "feather", "frog", "hippo"]
    icons = [icon for icon in candidates if icon in codes and codes[icon] not in first_cut][:6]
    assert len(icons) == 6
    listing = outdir / f"publications{suffix}"
    for page, icon in zip([*papers, listing], icons, strict=True):
        text = page.read_text("utf-8")
        page.write_text(text.replace("</body>", f'<i class="fa-solid fa-{icon}"></i></body>'))
    again = make_app(builder, **settings)
    again.build()
    again.cleanup()
    cut = TTFont(str(outdir / FONTS / "fa-solid-900.woff2")).getBestCmap()
    found = [icon for icon in icons if codes[icon] in cut]
    assert icons[-1] in found  # the list page's
    assert len(found) == 2  # and one paper page's


@pytest.mark.parametrize(("parallel", "lastmod"), [(1, False), (2, False), (2, True)])
def test_sitemap_of_serial_and_parallel_builds_lists_every_paper(
    make_app, rootdir: Path, tmp_path: Path, parallel: int, lastmod: bool
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-publications", srcdir)
    # Enough entries that with -j 2 worker processes write paper pages.
    bib = srcdir / "refs.bib"
    extra = "".join(
        f"\n@misc{{many{index},\n  author = {{Doe, Jane Q.}},\n"
        f"  title = {{Many Papers, Number {index}}},\n  year = {{2020}},\n}}\n"
        for index in range(80)
    )
    bib.write_text(bib.read_text("utf-8") + extra, encoding="utf-8")
    app = make_app(
        "dirhtml",
        srcdir=srcdir,
        builddir=tmp_path / "build",
        freshenv=True,
        parallel=parallel,
        confoverrides={"sitemap_show_lastmod": lastmod},
        verbosity=2,
    )
    # A plain queue, not a multiprocessing manager's (a process of its own), unless pages
    # written in worker processes have dates to tell.
    assert (type(app.sitemap_links) is queue.Queue) == (not lastmod)
    # sphinx-sitemap is left as it was found, for the next application in this process.
    assert sphinx_sitemap.Manager is multiprocessing.Manager
    app.build()
    listed = sitemap(app)
    app.cleanup()
    written = paper_pages_by_process(app.status)
    assert bool(written.keys() - {os.getpid()}) == (parallel > 1)
    # Every page: the documents and the list page, and a page per entry.
    assert len([link for link in listed if "/publications/" in link]) == 86
    assert len(listed) == 89


def _reads_are_recorded(folder: Path) -> bool:
    """Whether reading a file there updates its access time when that is older than its
    modification time (relatime, Linux's default; not with noatime)."""
    probe = folder / "probe"
    probe.write_text("probe", encoding="utf-8")
    status = probe.stat()
    os.utime(probe, ns=(status.st_mtime_ns - 10**10, status.st_mtime_ns))
    probe.read_text("utf-8")
    return probe.stat().st_atime_ns >= status.st_mtime_ns


@pytest.mark.sphinx("dirhtml", testroot="publications", srcdir="theme-sitemap-noop")
def test_sitemap_after_a_rebuild_lists_paper_pages_without_reading_them(
    make_app, app_params
) -> None:
    _, kwargs = app_params
    first = make_app("dirhtml", **{**kwargs, "freshenv": True})
    first.build()
    listed = sitemap(first)
    first.cleanup()
    assert len([link for link in listed if "/publications/" in link]) == 6
    outdir = Path(first.outdir)
    if not _reads_are_recorded(outdir.parent):
        pytest.skip("this file system does not record reads")
    # Each paper page marked as not read since it was written: a read would update the mark.
    papers = list((outdir / "publications").glob("*/index.html"))
    assert len(papers) == 5
    for paper in papers:
        written = paper.stat().st_mtime_ns
        os.utime(paper, ns=(written - 10**10, written))
    unread = {paper: paper.stat().st_atime_ns for paper in papers}
    again = make_app("dirhtml", **kwargs)
    again.build()
    again.cleanup()
    assert sitemap(again) == listed
    # The paper pages were written by this build or checked as current: not read again.
    assert {paper: paper.stat().st_atime_ns for paper in papers} == unread
