"""What a page waits for before its first paint: Sphinx's and sphinx-copybutton's scripts
load with ``defer`` (``documentation_options.js`` stays, as the theme's inline scripts read it
while the head is read), sphinx-copybutton's files only where there is code to copy, and the
package's stylesheets are one file."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag
from sphinx.testing.util import SphinxTestApp

from helpers import read_html, warning_lines


def _assets(head: Tag) -> list[str]:
    return [
        str(tag.get("src") or tag.get("href")).rsplit("/", 1)[-1].split("?")[0]
        for tag in head.select('script[src], link[rel="stylesheet"]')
    ]


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_only_documentation_options_blocks_the_page(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app.warning) == []
    pages = ["index.html", "publications/index.html", "publications/2019/index.html"]
    for file in [*pages, "publications/doe2019rivers/index.html"]:
        head = read_html(Path(app.outdir) / file).head
        assert head is not None
        blocking = [
            str(script["src"]).rsplit("/", 1)[-1].split("?")[0]
            for script in head.select("script[src]")
            if not script.has_attr("defer") and not script.has_attr("async")
        ]
        assert blocking == ["documentation_options.js"], file
    # A paper's page shows its BibTeX as code, with a button to copy it: ClipboardJS is
    # there, deferred before its user (deferred scripts run in the order they are written).
    paper = read_html(Path(app.outdir) / "publications/doe2019rivers/index.html").head
    assert paper is not None
    names = _assets(paper)
    clipboard = names.index("clipboard.min.js")
    assert names[clipboard + 1] == "copybutton.js" and "copybutton.css" in names
    # Pages with no code to copy load none of it.
    for file in pages:
        head = read_html(Path(app.outdir) / file).head
        assert head is not None
        assert {"copybutton.js", "clipboard.min.js", "copybutton.css"}.isdisjoint(_assets(head))


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_the_package_styles_are_one_stylesheet(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app.warning) == []
    head = read_html(Path(app.outdir) / "publications/2021/index.html").head
    assert head is not None
    ours = [
        str(link["href"])
        for link in head.select('link[rel="stylesheet"]')
        if "scholarpages" in str(link["href"])
    ]
    assert len(ours) == 1 and ours[0].startswith("../../_static/scholarpages.css?v=")
    bundle = (Path(app.outdir) / "_static" / "scholarpages.css").read_text(encoding="utf-8")
    # The theme's, the math's and the lists' (with the search box's) rules, in that order.
    positions = [bundle.index(rule) for rule in (".sp-profile {", "math", "div.sp-search")]
    assert positions == sorted(positions)
