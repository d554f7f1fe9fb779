"""The text of a .bib file from its bytes: UTF-8, with what is not said, not hidden."""

from __future__ import annotations

from .problems import Problem


def decode_bib(raw: bytes) -> tuple[str, list[Problem]]:
    """The text of ``raw`` (UTF-8, a byte order mark allowed) and, if some bytes are not
    UTF-8, a problem on the line of the first: they are shown as U+FFFD, which would
    otherwise pass for text, in a page, unnoticed."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        text = raw.decode("utf-8-sig", errors="replace")
        # Offsets are in the bytes after the byte order mark, which the error holds.
        before = bytes(error.object[: error.start])
        line = before.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        bad = bytes(error.object[error.start : error.end]).hex(" ")
        message = (
            f"the file is not valid UTF-8: the bytes {bad} on this line (and any others like "
            "them) are shown as \ufffd; save the file as UTF-8"
        )
        return text, [Problem(line, message, "encoding")]
