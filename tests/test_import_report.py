"""The import report: what needs a person first, grouped by kind, one line per kind and file."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scholarpages.importer import import_site
from scholarpages.importer.body_notes import body_note_kind
from scholarpages.importer.liquid import translate
from scholarpages.importer.markdown_fixes import unlink
from scholarpages.importer.report import Report
from scholarpages.importer.vendor import dependencies

from helpers import read_html

STRICT_BUILD = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "dirhtml"]
TEMPLATE = Path(__file__).resolve().parents[2] / "shared/fixtures/academicpages-template"


def test_findings_are_grouped_by_kind_with_one_line_per_file() -> None:
    report = Report()
    report.look("_pages/a.md", "line 9: {% include x.html %}", "Liquid removed")
    report.look("_pages/a.md", "line 3: {% if y %}", "Liquid removed")
    report.look("_pages/b.md", "line 4: {% include z.html %}", "Liquid removed")
    report.look("_config.yml", "not valid YAML, ignored: bad", "Site settings")
    report.settle("_pages/a.md", "line 5: placeholder links", "Placeholder link made text")
    text = report.render()
    needs = text.split("## Needs a person (4)\n", 1)[1].split("## Counts", 1)[0]
    assert needs.strip().splitlines() == [
        "### Liquid removed (3)",
        "",
        "- _pages/a.md, lines 3, 9: {% include x.html %}; {% if y %}",
        "- _pages/b.md, line 4: {% include z.html %}",
        "",
        "### Site settings (1)",
        "",
        "- _config.yml: not valid YAML, ignored: bad",
    ]
    assert text.index("## Needs a person") < text.index("## Settled by the import (1)")
    assert "- _pages/a.md, line 5: placeholder links" in text
    assert report.review[0] == ("_pages/a.md", "line 9: {% include x.html %}")


def test_an_empty_report_says_nothing_needs_a_person() -> None:
    assert "## Needs a person (0)\n\n- nothing\n" in Report().render()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see [the map](/map.html).", "see the map."),
        ('see [the map](/map.html "Map").', "see the map."),
        ("![a talk](/map.html)", "a talk"),
        ('<a class="btn" href="/map.html">PDF</a>', "PDF"),
        ('x <img src="/map.html" alt="m"> y', "x  y"),
        ("[other](/other.html)", "[other](/other.html)"),
    ],
)
def test_unlink_makes_links_to_one_target_text(text: str, expected: str) -> None:
    assert unlink(text, "/map.html") == expected


@pytest.mark.skipif(not TEMPLATE.is_dir(), reason="template fixture missing")
def test_the_template_leaves_nothing_for_a_person_and_builds_strictly(
    tmp_path: Path,
) -> None:
    pytest.importorskip("mermaidx")
    dest = tmp_path / "site"
    report = import_site(TEMPLATE, dest)
    assert [(item.kind, item.path, item.detail) for item in report.needs] == []
    # Its sample diagrams and charts stay fences the site draws, as the old site's scripts did.
    kinds = {item.kind for item in report.settled}
    assert "Diagram or chart drawn by the site" in kinds
    markdown = (dest / "docs/markdown.md").read_text("utf-8")
    assert markdown.count("\n```mermaid\n") == 2
    assert markdown.count("\n```plotly\n") == 4
    assert "Link broken on the old site too" in kinds
    sitemap = (dest / "docs/sitemap.md").read_text("utf-8")
    assert "{%" not in sitemap
    assert "'None'" not in sitemap  # captured Liquid text is not shown
    outdir = tmp_path / "html"
    result = subprocess.run(
        [*STRICT_BUILD, "docs", str(outdir)],
        cwd=dest,
        env={**os.environ, "PYTHONPATH": str(dest / "ext")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    drawn = read_html(outdir / "markdown/index.html")
    assert len(drawn.select("svg[role=img]")) == 2
    assert len(drawn.select("figure.scholarpages-plotly")) == 4
    assert (outdir / "_static/plotly.min.js").is_file()
    # The archive pages list the site's pages and collections, as their Liquid loops did.
    listed = [a.get_text() for a in read_html(outdir / "sitemap/index.html").select(".sp-item a")]
    assert {
        "Terms and Privacy Policy",
        "Blog Post number 1",
        "Talk 1 on Relevant Topic in Your Field",
    } <= set(listed)
    archive = read_html(outdir / "archive-layout-with-content/index.html").select(".sp-item a")
    assert "Sitemap" in [a.get_text() for a in archive]
    about = (dest / "docs/index.md").read_text("utf-8")
    assert "(/images/editing-talk.png)" not in about


def test_an_archive_by_category_becomes_a_listing_with_a_settled_note() -> None:
    page = (
        '{% include group-by-array collection=site.posts field="categories" %}\n'
        "\n"
        "{% for category in group_names %}\n"
        "  {% assign posts = group_items[forloop.index0] %}\n"
        "  <h2>{{ category }}</h2>\n"
        "  {% for post in posts %}\n"
        "    {% include archive-single.html %}\n"
        "  {% endfor %}\n"
        "{% endfor %}\n"
        "After.\n"
    )
    body, notes = translate(page, lambda name: f"```{{collection}} {name}\n```")
    assert body.split() == ["```{collection}", "posts", "```", "After."]
    assert notes == [
        "line 1: posts grouped by categories, listed by date instead "
        "(a listing does not group by categories)"
    ]
    assert body_note_kind(notes[0]) == ("Archive by category or tag made a listing by date", True)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("line 3: Liquid removed: {% include x.html %}", ("Liquid removed", False)),
        (
            "line 3: Liquid removed: {% capture a %}'None'{% endcapture %}",
            ("Liquid that shows nothing removed", True),
        ),
        (
            "line 2: mermaid block drawn as a diagram by the site",
            ("Diagram or chart drawn by the site", True),
        ),
        (
            "line 9: Plotly block drawn as a chart by the site",
            ("Diagram or chart drawn by the site", True),
        ),
        (
            "line 4: foo block shown as plain text",
            ("Code in a language Pygments does not know", True),
        ),
        ("kept as raw HTML: links inside it are not rewritten", ("Raw HTML", False)),
    ],
)
def test_body_notes_are_told_apart(note: str, expected: tuple[str, bool]) -> None:
    assert body_note_kind(note) == expected


def test_links_the_old_site_could_not_serve_are_settled_others_stay(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_pages").mkdir(parents=True)
    (site / "_config.yml").write_text("title: T\nurl: https://ada.github.io\n", "utf-8")
    (site / "_pages/about.md").write_text(
        "---\npermalink: /\ntitle: About\n---\n"
        "[CV](/files/cv.pdf), [course](/Course-2024/), [map](/talkmap.html)\n\n"
        '<script src="//cdn.example/widget.js"></script>\n',
        "utf-8",
    )
    dest = tmp_path / "out"
    report = import_site(site, dest)
    needs = [(item.kind, item.detail) for item in report.needs]
    assert needs == [
        ("Lost link", "links to /Course-2024/, which is not part of the imported site")
    ]
    settled = [item.detail for item in report.settled if item.kind.startswith("Link broken")]
    assert [detail.split(":")[0] for detail in settled] == ["/files/cv.pdf", "/talkmap.html"]
    body = (dest / "docs/index.md").read_text("utf-8")
    assert "CV, [course](/Course-2024/), map" in body


def test_diagrams_are_kept_for_the_site_to_draw_and_the_project_installs_it(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    (site / "_pages").mkdir(parents=True)
    (site / "_config.yml").write_text("title: T\n", "utf-8")
    (site / "_pages/flow.md").write_text(
        "---\ntitle: Flow\npermalink: /flow/\n---\n\nText.\n\n"  # the body starts on line 5
        "```mermaid\ngraph LR\nA-->B\n```\n\n```mermaid\nC-->D\n```\n",
        "utf-8",
    )
    dest = tmp_path / "out"
    report = import_site(site, dest)
    assert report.needs == []
    drawn = [item.line for item in report.settled if item.kind.startswith("Diagram")]
    assert drawn == [8, 13]
    assert "```mermaid\ngraph LR" in (dest / "docs/flow.md").read_text("utf-8")
    needed = tomllib.loads((dest / "pyproject.toml").read_text("utf-8"))["project"]
    assert needed["dependencies"] == dependencies(diagrams=True)
    assert any(item.startswith("mermaidx") for item in needed["dependencies"])


def test_a_project_without_diagrams_does_not_install_their_libraries(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_pages").mkdir(parents=True)
    (site / "_config.yml").write_text("title: T\n", "utf-8")
    (site / "_pages/about.md").write_text("---\npermalink: /\n---\n\nHello.\n", "utf-8")
    dest = tmp_path / "out"
    import_site(site, dest)
    needed = tomllib.loads((dest / "pyproject.toml").read_text("utf-8"))["project"]
    assert needed["dependencies"] == dependencies()
    assert not any(item.startswith(("mermaidx", "plotly")) for item in needed["dependencies"])
