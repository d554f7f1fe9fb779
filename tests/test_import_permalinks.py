"""Items without a permalink keep the URL Jekyll gave them, whatever the site's style."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import import build, follow, title_of

from scholarpages.frontmatter.urls import site_path
from scholarpages.importer import import_site

# The site's ``permalink`` -> where Jekyll served a page, a post and a talk that name none.
# Worked out from Jekyll's rules (Page#template, Collection#url_template, UrlDrop and
# add_permalink_suffix): pages and other collections end as the style ends.
STYLES = {
    "/:categories/:title/": (
        "/_pages/about-me/",
        "/paper%20review/My-Post/",
        "/talks/2012-03-01-talk_1/",
    ),
    "pretty": (
        "/_pages/about-me/",
        "/paper%20review/2020/01/05/My-Post/",
        "/talks/2012-03-01-talk_1/",
    ),
    "date": (
        "/_pages/about-me.html",
        "/paper%20review/2020/01/05/My-Post.html",
        "/talks/2012-03-01-talk_1.html",
    ),
    "ordinal": (
        "/_pages/about-me.html",
        "/paper%20review/2020/005/My-Post.html",
        "/talks/2012-03-01-talk_1.html",
    ),
    "none": (
        "/_pages/about-me.html",
        "/paper%20review/My-Post.html",
        "/talks/2012-03-01-talk_1.html",
    ),
    "/:year/:month/:day/:title": (
        "/_pages/about-me",
        "/2020/01/05/My-Post",
        "/talks/2012-03-01-talk_1",
    ),
    "/blog/:categories/:year/:i_month/:slug:output_ext": (
        "/_pages/about-me.html",
        "/blog/paper%20review/2020/1/my-post.html",
        "/talks/2012-03-01-talk_1.html",
    ),
}


def write_site(root: Path, style: str | None) -> Path:
    (root / "_pages").mkdir(parents=True)
    (root / "_posts").mkdir()
    (root / "_talks").mkdir()
    config: dict[str, object] = {
        "title": "Ada",
        "url": "https://ada.github.io",
        "collections": {"talks": {"output": True}},
    }
    if style is not None:
        config["permalink"] = style
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    pages = {
        "_pages/home.md": "title: Home\npermalink: /",
        "_pages/about-me.md": "title: About me",
        "_pages/404.md": "title: Not found\npermalink: https://ada.github.io/404/",
        "_pages/cv.md": "title: CV\npermalink: https://ada.github.io/cv/\nredirect_from: /vita/",
        "_posts/2020-01-05-My_Post.md": "title: My post\ncategories:\n  - Paper Review",
        "_talks/2012-03-01-talk_1.md": "title: Talk one",
    }
    for relative, front_matter in pages.items():
        (root / relative).write_text(f"---\n{front_matter}\n---\n\nText.\n", encoding="utf-8")
    return root


def permalink_of(dest: Path, docname: str) -> str:
    text = (dest / "docs" / f"{docname}.md").read_text("utf-8")
    return str(yaml.safe_load(text.split("---\n")[1])["permalink"])


@pytest.mark.parametrize("style", sorted(STYLES))
def test_items_without_permalink_keep_the_url_jekyll_gave_them(tmp_path: Path, style: str) -> None:
    dest = tmp_path / "dest"
    import_site(write_site(tmp_path / "site", style), dest)
    page, post, talk = STYLES[style]
    assert permalink_of(dest, "about-me") == page
    assert permalink_of(dest, "posts/2020-01-05-my_post") == post
    assert permalink_of(dest, "talks/2012-03-01-talk_1") == talk


def test_without_a_style_jekyll_dates_its_urls(tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    import_site(write_site(tmp_path / "site", None), dest)
    assert permalink_of(dest, "about-me") == STYLES["date"][0]
    assert permalink_of(dest, "posts/2020-01-05-my_post") == STYLES["date"][1]


def test_old_urls_with_a_spaced_category_and_a_full_url_permalink_resolve(
    tmp_path: Path,
) -> None:
    dest = tmp_path / "dest"
    report = import_site(write_site(tmp_path / "site", "/:categories/:title/"), dest)
    outdir, warnings = build(dest)
    assert warnings == [], warnings
    for url in ("/paper%20review/My-Post/", "/paper review/My-Post/"):
        assert title_of(follow(outdir, url)) == "My post", url
    assert title_of(follow(outdir, "/_pages/about-me/")) == "About me"
    assert title_of(follow(outdir, "/talks/2012-03-01-talk_1/")) == "Talk one"
    # A permalink naming the site's own host is that path of the site.
    for url in ("/cv/", "/vita/"):
        assert title_of(follow(outdir, url)) == "CV", url
    assert permalink_of(dest, "404") == "/404/"
    assert title_of(outdir / "404.html") == "Not found"  # what a host shows for /404/
    assert not [item for item in report.needs if item.path.endswith(("404.md", "cv.md"))]


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_STYLE_PARTS = st.sampled_from(
    [
        *(":categories", ":title", ":year", ":month", ":day", ":i_day", ":y_day", ":slug"),
        *(":path", ":basename", ":output_ext", ":collection", ":name", ":unknown"),
        *("/", "..", "%", "é"),
    ]
)
_STYLE = st.one_of(
    st.sampled_from(["pretty", "date", "ordinal", "none", ""]),
    st.lists(st.one_of(_STYLE_PARTS, _TEXT), max_size=8).map("".join),
)
_FRONT_VALUE = st.one_of(
    st.none(), _TEXT, st.integers(), st.lists(st.one_of(_TEXT, st.integers()), max_size=3)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    style=_STYLE,
    categories=_FRONT_VALUE,
    category=_FRONT_VALUE,
    slug=_FRONT_VALUE,
    date=st.one_of(_FRONT_VALUE, st.dates()),
)
def test_any_style_and_categories_import_and_give_a_url_or_a_report(
    style: str, categories: object, category: object, slug: object, date: object
) -> None:
    data = {"title": "Post", "categories": categories, "category": category, "slug": slug}
    data["date"] = date
    with tempfile.TemporaryDirectory() as folder:
        site = write_site(Path(folder) / "site", style)
        front_matter = yaml.safe_dump(data, allow_unicode=True)
        (site / "_posts/2020-01-05-My_Post.md").write_text(
            f"---\n{front_matter}---\n\nText.\n", encoding="utf-8"
        )
        dest = Path(folder) / "dest"
        report = import_site(site, dest)
        written_file = dest / "docs/posts/2020-01-05-my_post.md"
        if not written_file.is_file():  # a date in the future: Jekyll did not publish it
            assert [why for _, why in report.skipped if "in the future" in why]
            return
        text = written_file.read_text("utf-8")
        written = yaml.safe_load(text.split("---\n")[1]).get("permalink")
        refused = [item for item in report.needs if item.kind == "Unsafe old URL"]
        if written is None:
            assert any(item.path == "_posts/2020-01-05-My_Post.md" for item in refused)
        else:
            assert site_path(str(written)).file
