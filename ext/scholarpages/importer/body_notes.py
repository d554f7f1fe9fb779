"""What each note on a page body asks of a person: its kind, and whether the import settled it.

The notes come from liquid, markdown_fixes and html_pages; a note is settled when nothing the
old site showed is lost (a placeholder link made text, Liquid that only set a variable).
"""

from __future__ import annotations

from .liquid import REGROUPED, SILENT

_REMOVED = "Liquid removed: "

# (words in the note, its kind, settled by the import)
_KINDS = (
    (REGROUPED, "Archive by category or tag made a listing by date", True),
    ("placeholder links", "Placeholder link made text", True),
    # The old site's scripts drew it; scholarpages.diagrams draws it when the site is built.
    ("drawn as a", "Diagram or chart drawn by the site", True),
    ("block shown as plain text", "Code in a language Pygments does not know", True),
    ("a complete HTML document", "HTML page made a page", True),
    ("a listing page", "HTML listing made a collection listing", True),
    ("kept as raw HTML", "Raw HTML", False),
)


def shows_nothing(liquid: str) -> bool:
    """Liquid that only sets variables: removing it changes nothing a visitor saw."""
    return not SILENT.sub("", liquid).strip()


def body_note_kind(note: str) -> tuple[str, bool]:
    if _REMOVED in note:
        removed = note.split(_REMOVED, 1)[1]
        if shows_nothing(removed):
            return "Liquid that shows nothing removed", True
        return "Liquid removed", False
    for words, kind, settled in _KINDS:
        if words in note:
            return kind, settled
    return "Other", False
