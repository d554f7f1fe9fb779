"""Compiled page templates kept between builds.

Sphinx compiles the theme's Jinja templates in every build, a rebuild where nothing changed
included: with pydata-sphinx-theme's layout and components that is a noticeable part of
such a rebuild. Jinja's own bytecode cache keeps them beside the doctrees, keyed by each
template's source; the folder is per Sphinx and Jinja version, whose compilers may differ.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import sphinx
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .upstream.sphinx_private import compile_templates_into


def cache_compiled_templates(app: Sphinx) -> None:
    """Until the build finishes (a preview server's next build makes its own)."""
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    version = f"sphinx-{sphinx.__version__}-jinja-{jinja2.__version__}"
    folder = Path(app.doctreedir) / "scholarpages" / "templates" / version
    folder.mkdir(parents=True, exist_ok=True)
    undo = compile_templates_into(app.builder, jinja2.FileSystemBytecodeCache(str(folder)))
    app.connect("build-finished", lambda app, exception: undo())
