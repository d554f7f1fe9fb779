"""Fenced ``mermaid`` and ``plotly`` blocks (and the directives) drawn, or kept as code."""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..build_state import state_of
from . import mermaid_svg
from .directives import ALT
from .plotly_chart import CHART_CLASS, chart_html, plotly_js

logger = logging.getLogger(__name__)

MERMAID_CLASS = "scholarpages-mermaid"
_EXTRA = "(the diagrams extra: pip install 'scholarpages[diagrams]')"


def _keep_as_code(block: nodes.literal_block, kind: str, why: str) -> None:
    logger.warning(
        "%s block kept as its source: %s",
        kind,
        why,
        location=block,
        type="scholarpages",
        subtype=f"diagram.{kind}",
    )
    block["language"] = "text"


def _labelled(svg: str, new_id: str, label: str) -> str:
    # role="img" with a name: a screen reader announces the diagram, not its boxes one by one.
    svg = mermaid_svg.with_id(svg, new_id)
    attributes = f'<svg role="img" aria-label="{_attribute(label)}"'
    return svg.replace("<svg", attributes, 1).replace(' role="graphics-document document"', "", 1)


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


class DrawDiagrams(SphinxTransform):
    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        diagrams = 0
        for block in list(self.document.findall(nodes.literal_block)):
            language = block.get("language", "")
            if language == "mermaid":
                diagrams += 1
                self._mermaid(block, f"{MERMAID_CLASS}-{diagrams}")
            elif language == "plotly":
                self._plotly(block)

    def _mermaid(self, block: nodes.literal_block, new_id: str) -> None:
        if not mermaid_svg.available():
            _keep_as_code(block, "mermaid", f"mermaidx is not installed {_EXTRA}")
            return
        source = block.astext()
        drawn = state_of(self.env).store.memo("mermaid", source, lambda: mermaid_svg.draw(source))
        if not drawn.svg:
            _keep_as_code(block, "mermaid", f"Mermaid could not draw it: {drawn.error}")
            return
        svg = _labelled(drawn.svg, new_id, block.get(ALT) or "Diagram")
        block.replace_self(nodes.raw("", svg, format="html", classes=[MERMAID_CLASS]))

    def _plotly(self, block: nodes.literal_block) -> None:
        if plotly_js() is None:
            _keep_as_code(block, "plotly", f"plotly is not installed {_EXTRA}")
            return
        try:
            figure = json.loads(block.astext())
        except ValueError as error:
            _keep_as_code(block, "plotly", f"its figure is not JSON: {error}")
            return
        if not isinstance(figure, dict):
            _keep_as_code(block, "plotly", 'its figure is not a JSON object with "data"')
            return
        html = chart_html(figure, block.get(ALT, ""))
        block.replace_self(nodes.raw("", html, format="html", classes=[CHART_CLASS]))
