"""``{mermaid}`` and ``{plotly}``: the same block as the fence, with an optional ``:alt:``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

# The node attribute that carries ``:alt:`` to the drawing transform.
ALT = "scholarpages_alt"


class _DiagramDirective(SphinxDirective):
    language: ClassVar[str]
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]] | None] = {"alt": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        block = nodes.literal_block(source, source, language=self.language)
        if "alt" in self.options:
            block[ALT] = self.options["alt"]
        self.set_source_info(block)
        return [block]


class MermaidDirective(_DiagramDirective):
    language = "mermaid"


class PlotlyDirective(_DiagramDirective):
    language = "plotly"
