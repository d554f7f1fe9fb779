"""``_pages/*.html``: a listing becomes its directive; any other page is kept as raw HTML
inside a MyST page, a full HTML document reduced to its body."""

from __future__ import annotations

import html
import re

from .liquid import REGROUPED, DirectiveFor, translate

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_DOCUMENT = re.compile(r"^\s*(?:<!DOCTYPE[^>]*>\s*)?<html", re.IGNORECASE)


def html_page_body(text: str, directive_for: DirectiveFor) -> tuple[str, str | None, list[str]]:
    """(MyST body, title found in the document, notes) for an HTML page."""
    notes: list[str] = []
    title = None
    content = text
    if _DOCUMENT.match(text):
        found_title = _TITLE.search(text)
        title = " ".join(html.unescape(found_title.group(1)).split()) if found_title else None
        body = _BODY.search(text)
        content = body.group(1) if body else ""
        notes.append("a complete HTML document: its <head> was dropped, its <body> kept")
    listings: list[str] = []

    def record(collection: str) -> str | None:
        directive = directive_for(collection)
        if directive is not None:
            listings.append(directive)
        return directive

    content, liquid_notes = translate(content, record)
    if listings:
        notes.append("a listing page: it lists its collection; the HTML around it was dropped")
        notes += [note for note in liquid_notes if REGROUPED in note]
        return "\n\n".join(listings) + "\n", title, notes
    notes += liquid_notes
    if not content.strip():
        return "", title, notes
    notes.append("kept as raw HTML: links inside it are not rewritten for other hosts")
    fence = "````" if "```" in content else "```"
    return f"{fence}{{raw}} html\n{content.strip()}\n{fence}\n", title, notes
