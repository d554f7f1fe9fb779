"""Math as MathML written at build time, for pages and .bib fields alike: no script, no CDN."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from ..stylesheet_bundle import add_stylesheet
from .page_math import RENDERER, visit_display_math, visit_inline_math

__all__ = ["setup"]


def _choose_renderer(app: Sphinx, config: Config) -> None:
    # Unless conf.py names a renderer (MathJax, say), the site's math loads nothing.
    if config.html_math_renderer is None:
        config.html_math_renderer = RENDERER


STATIC = Path(__file__).parent.parent / "static"


def _add_stylesheet(app: Sphinx) -> None:
    add_stylesheet(app, STATIC / "scholarpages-math.css")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_html_math_renderer(
        RENDERER,
        inline_renderers=(visit_inline_math, None),
        block_renderers=(visit_display_math, None),
    )
    app.connect("config-inited", _choose_renderer)
    app.connect("builder-inited", _add_stylesheet)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
