"""Markdown that built under Jekyll but would not build cleanly here, made to.

- ``[text](#)``, a placeholder link, becomes plain ``text``;
- a code block in a language Pygments does not know is shown as plain text; ``mermaid`` and
  ``plotly`` blocks, which academicpages' scripts drew, are kept as fences scholarpages draws
  (with the ``diagrams`` extra, which the imported project then installs);
- links to the site's own files and pages are collected, so the import can report those
  that pointed nowhere on the old site either.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# Blocks academicpages' scripts drew, which scholarpages.diagrams draws too.
DRAWN = {"mermaid": "diagram", "plotly": "chart"}
_PLACEHOLDER_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(#\)")
_SITE_LINK = re.compile(r"\]\((/[^)\s#?]+)|(?:href|src)=[\"'](/[^\"'#?]+)")


def _known_language(name: str) -> bool:
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return False
    return True


def fix_markdown(text: str) -> tuple[str, list[str]]:
    """``text`` made to build cleanly, and notes on each change."""
    lines = text.split("\n")
    notes: list[str] = []
    code: set[int] = set()
    for token in MarkdownIt("commonmark").parse(text):
        if token.type not in {"fence", "code_block"} or token.map is None:
            continue
        start, end = token.map
        code.update(range(start, end))
        language = token.info.split()[0] if token.info.strip() else ""
        is_code = token.type == "fence" and language and not language.startswith("{")
        drawn = DRAWN.get(language.lower()) if is_code else None
        if drawn:
            lines[start] = lines[start].replace(language, language.lower(), 1)
            notes.append(f"line {start + 1}: {language} block drawn as a {drawn} by the site")
        elif is_code and not _known_language(language):
            lines[start] = lines[start].replace(language, "text", 1)
            notes.append(f"line {start + 1}: {language} block shown as plain text")
    for index, line in enumerate(lines):
        if index not in code and "](#)" in line:
            lines[index] = _PLACEHOLDER_LINK.sub(r"\1", line)
            notes.append(f"line {index + 1}: placeholder links [..](#) made plain text")
    return "\n".join(lines), notes


def site_links(text: str, own_address: str = "") -> list[str]:
    """Links to the site's own URLs, in Markdown and HTML: "/files/cv.pdf", "/talks/".

    Links that spell out the site's address (``own_address``, "https://ada.example") count.
    """
    if own_address:
        text = text.replace(f"]({own_address}/", "](/").replace(f'="{own_address}/', '="/')
    return [first or second for first, second in _SITE_LINK.findall(text)]


def unlink(text: str, link: str) -> str:
    """``text`` with its links to ``link`` made plain text, and its images of it left out.

    For links that pointed nowhere on the old site either: a visitor followed them to a
    "not found" page, and a strict build would refuse them.
    """
    target = re.escape(link)
    title = r"""(?:\s+["'][^"']*["'])?"""
    text = re.sub(rf"!\[([^\]]*)\]\({target}{title}\)", r"\1", text)
    text = re.sub(rf"(?<!!)\[([^\]]+)\]\({target}{title}\)", r"\1", text)
    text = re.sub(rf"""<a\s[^>]*href=["']{target}["'][^>]*>(.*?)</a>""", r"\1", text, flags=re.S)
    return re.sub(rf"""<img\s[^>]*src=["']{target}["'][^>]*>""", "", text)
