"""An entry's BibTeX as a highlighted code block, highlighted once per text.

Pygments takes about a millisecond a block; a list of a thousand entries, each with its
BibTeX, spends more time there than anywhere else when it is written. The highlighted HTML
depends only on the text and on the Pygments and Sphinx versions (the lexer's options too),
so it is kept beside the doctrees and reused while the text is unchanged. Elsewhere (LaTeX,
text...) the block is an ordinary literal block.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pygments
import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.writers.html5 import HTML5Translator

_LANGUAGE = "bibtex"


class bibtex_block(nodes.literal_block):  # noqa: N801 - docutils names nodes in lower case
    """An entry's BibTeX."""


def make_block(text: str) -> bibtex_block:
    return bibtex_block(text, text, language=_LANGUAGE)


class _Highlighted:
    """Highlighted HTML by BibTeX text, read from disk on first use and saved when it grew."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.version: tuple[str, ...] = ()
        self.blocks: dict[str, str] | None = None
        self.used: set[str] = set()
        self.grew = False

    def start(self, app: Sphinx) -> None:
        self.path = Path(app.doctreedir) / "scholarpages" / "highlighted.pickle"
        options = repr(sorted(app.config.highlight_options.get(_LANGUAGE, {}).items()))
        self.version = (pygments.__version__, sphinx.__version__, options)
        self.blocks, self.used, self.grew = None, set(), False

    def _load(self) -> dict[str, str]:
        blocks: dict[str, str] = {}
        try:
            with Path(self.path or "").open("rb") as stream:
                version, stored = pickle.load(stream)  # noqa: S301 - our own cache file
            if version == self.version and isinstance(stored, dict):
                blocks = stored
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass
        return blocks

    def get(self, text: str, highlight: Any) -> str:
        if self.blocks is None:
            self.blocks = self._load()
        self.used.add(text)
        html = self.blocks.get(text)
        if html is None:
            html = self.blocks[text] = highlight()
            self.grew = True
        return html

    def save(self) -> None:
        if not self.grew or self.blocks is None or self.path is None:
            return
        kept = {text: html for text, html in self.blocks.items() if text in self.used}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("wb") as stream:
            pickle.dump((self.version, kept), stream, pickle.HIGHEST_PROTOCOL)


HIGHLIGHTED = _Highlighted()


def _highlighted(highlighter: Any, config: Any, text: str, location: Any = None) -> str:
    def highlight() -> str:
        opts = config.highlight_options.get(_LANGUAGE, {})
        return str(highlighter.highlight_block(text, _LANGUAGE, opts=opts, location=location))

    return HIGHLIGHTED.get(text, highlight)


def highlight_once(builder: Builder, text: str) -> None:
    """Have ``text`` highlighted, ahead of the pages that show it."""
    highlighter = getattr(builder, "highlighter", None)
    if highlighter is not None:
        _highlighted(highlighter, builder.config, text)


def _visit_html(translator: HTML5Translator, node: bibtex_block) -> None:
    html = _highlighted(translator.highlighter, translator.config, node.rawsource, node)
    starttag = translator.starttag(
        node, "div", suffix="", CLASS=f"highlight-{_LANGUAGE} notranslate"
    )
    translator.body.append(starttag + html + "</div>\n")
    raise nodes.SkipNode


def _start(app: Sphinx) -> None:
    HIGHLIGHTED.start(app)


def _save(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        HIGHLIGHTED.save()


def setup_bibtex_block(app: Sphinx) -> None:
    # Other builders dispatch on the node's classes in order, so they see a literal block.
    app.add_node(bibtex_block, html=(_visit_html, None))
    app.connect("builder-inited", _start)
    app.connect("build-finished", _save)
