"""A plotly figure (its JSON) as a chart plotly.js draws, served from the site's own _static/.

plotly.js (about 4.6 MB, 1.4 MB compressed) is copied from the installed ``plotly`` package
into the build only when a page has a chart, and only those pages load it.
"""

from __future__ import annotations

import html
import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .mermaid_svg import installed

CHART_CLASS = "scholarpages-plotly"
PLOTLY_JS = "plotly.min.js"
DRAWING_JS = "scholarpages-plotly.js"


def plotly_js() -> Path | None:
    """The plotly.js the installed ``plotly`` package ships, if it is installed."""
    if not installed("plotly"):
        return None
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / PLOTLY_JS
    return path if path.is_file() else None


def _title(layout: Any) -> str:
    title = layout.get("title") if isinstance(layout, dict) else None
    if isinstance(title, dict):
        title = title.get("text")
    return title if isinstance(title, str) else ""


def description(figure: dict[str, Any], alt: str) -> str:
    """What the chart shows, for readers without the script: ``alt``, or its title and traces."""
    if alt:
        return alt
    data = figure.get("data")
    traces = data if isinstance(data, list) else []
    kinds = sorted({str(t.get("type", "scatter")) for t in traces if isinstance(t, dict)})
    count = f"{len(traces)} series" + (f" ({', '.join(kinds)})" if kinds else "")
    title = _title(figure.get("layout"))
    return f"Chart: {title}, {count}" if title else f"Chart: {count}"


def chart_html(figure: dict[str, Any], alt: str) -> str:
    text = html.escape(description(figure, alt))
    data = html.escape(json.dumps(figure, separators=(",", ":")), quote=True)
    return (
        f'<figure class="{CHART_CLASS}">'
        f'<div class="{CHART_CLASS}-chart" role="img" aria-label="{text}" data-figure="{data}">'
        f"</div><noscript><p>{text} (the chart needs JavaScript)</p></noscript></figure>"
    )


def _has_chart(doctree: nodes.document) -> bool:
    return any(CHART_CLASS in node["classes"] for node in doctree.findall(nodes.raw))


def serve_plotly(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """On a page with a chart, load plotly.js, copying it into the build's _static/ once."""
    if doctree is None or not _has_chart(doctree):
        return
    # Looked up only for a page with a chart: every page of the site comes through here.
    source = plotly_js()
    if source is None:
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    copy = static / PLOTLY_JS
    if not copy.is_file() or copy.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, copy)
    # Called from html-page-context, these add the scripts to this page only.
    app.add_js_file(PLOTLY_JS, defer="defer")
    app.add_js_file(DRAWING_JS, defer="defer")
