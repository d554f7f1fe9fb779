"""Mermaid diagrams and plotly charts, drawn without loading anything from another host.

A ```` ```mermaid ```` fence or a ``{mermaid}`` directive becomes an inline SVG drawn when the
site is built; a ```` ```plotly ```` fence or ``{plotly}`` directive becomes a chart that a copy
of plotly.js served by the site itself draws. Both need the ``diagrams`` extra; without it, or
when a block cannot be drawn, the block stays as its source with a warning.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .directives import MermaidDirective, PlotlyDirective
from .drawing import DrawDiagrams
from .plotly_chart import serve_plotly

__all__ = ["setup"]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("mermaid", MermaidDirective)
    app.add_directive("plotly", PlotlyDirective)
    app.add_transform(DrawDiagrams)
    app.connect("html-page-context", serve_plotly)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
