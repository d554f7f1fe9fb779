"""Mermaid diagrams drawn as inline SVG when the site is built, plotly charts drawn by a copy
of plotly.js the site serves itself; a block that cannot be drawn stays readable as code."""

from __future__ import annotations

import sys

import pytest

from helpers import read_html, warning_lines

pytest.importorskip("mermaidx")
pytest.importorskip("plotly")


@pytest.mark.sphinx("dirhtml", testroot="diagrams", freshenv=True)
def test_diagrams_and_charts(app):
    app.build()
    warnings = warning_lines(app.warning)
    page = read_html(app.outdir / "index.html")
    diagrams = page.select("svg[role=img]")
    assert len(diagrams) == 2
    ids = [svg["id"] for svg in diagrams]
    assert len(set(ids)) == 2
    assert "my-svg" not in ids
    # Each diagram's style is scoped to its own id.
    for svg in diagrams:
        assert f"#{svg['id']}" in svg.style.get_text()
    assert diagrams[0]["aria-label"] == "Diagram"
    assert diagrams[1]["aria-label"] == "Two steps, then a third"
    # The broken diagram stays as its source, with a warning naming its line.
    assert "this is not mermaid {{{" in page.select_one("pre").get_text()
    assert any(
        "index.md:19" in line and "[scholarpages.diagram.mermaid]" in line for line in warnings
    ), warnings

    charts = read_html(app.outdir / "charts" / "index.html")
    scripts = [script["src"] for script in charts.find_all("script", src=True)]
    plotly = [src for src in scripts if "plotly.min.js" in src]
    assert plotly and not plotly[0].startswith(("http:", "https:", "//"))
    assert (app.outdir / "_static" / "plotly.min.js").is_file()
    chart = charts.select_one("figure.scholarpages-plotly")
    assert "Growth by year" in chart.noscript.get_text()
    assert "not json" in charts.select_one("pre").get_text()
    assert any(
        "charts.md:8" in line and "[scholarpages.diagram.plotly]" in line for line in warnings
    ), warnings
    # Pages without a chart do not load plotly.js.
    assert not any("plotly" in script["src"] for script in page.find_all("script", src=True))
    assert len(warnings) == 2, warnings


@pytest.mark.sphinx("dirhtml", testroot="diagrams", freshenv=True)
def test_without_the_diagrams_extra_blocks_stay_code_with_a_warning(app, monkeypatch):
    monkeypatch.setitem(sys.modules, "mermaidx", None)
    monkeypatch.setitem(sys.modules, "plotly", None)
    app.build()
    warnings = warning_lines(app.warning)
    missing = [line for line in warnings if "is not installed" in line]
    assert len(missing) == 5, warnings
    assert any("index.md:7" in line and "mermaidx" in line for line in missing)
    assert any("charts.md:3" in line and "plotly" in line for line in missing)
    page = read_html(app.outdir / "index.html")
    assert not page.select("svg")
    assert "A-->B" in page.select_one("pre").get_text()
    charts = read_html(app.outdir / "charts" / "index.html")
    assert not any("plotly" in script["src"] for script in charts.find_all("script", src=True))
    assert "not json" in charts.select("pre")[1].get_text()
