"""A Mermaid diagram as SVG text, drawn by mermaidx (Mermaid itself, in an embedded engine)."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass

# The id mermaidx gives every diagram; its <style> is scoped by it, so each copy gets its own.
_DEFAULT_ID = "my-svg"
# The SVG goes into the page as it is: one that could run a script is not used.
_ACTIVE = re.compile(r"<script|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


@dataclass(frozen=True)
class Drawn:
    """An SVG with ``_DEFAULT_ID`` for its id, or why the diagram could not be drawn."""

    svg: str = ""
    error: str = ""


def installed(name: str) -> bool:
    """Whether ``name`` can be imported (without importing it: plotly takes a while)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # ValueError: blocked by a None in sys.modules
        return False


def available() -> bool:
    return installed("mermaidx")


def draw(source: str) -> Drawn:
    import mermaidx  # noqa: PLC0415  (optional: the diagrams extra)

    try:
        svg = mermaidx.render(source).svg()
    except Exception as error:  # any failure of the diagram's text
        lines = str(error).strip().splitlines() or ["unknown error"]
        # Mermaid's message: where (first line) and what it expected (last line).
        return Drawn(error=" ".join(dict.fromkeys([lines[0], lines[-1]])))
    if _ACTIVE.search(svg):
        return Drawn(error="its drawing would run a script")
    return Drawn(svg=svg)


def with_id(svg: str, new_id: str) -> str:
    """The SVG with its id (and the style and markers scoped by it) renamed."""
    return svg.replace(_DEFAULT_ID, new_id)
