"""Where in a page's front matter a value was written, for a warning's location.

MyST keeps the values, not their lines, so the line is found in the source: the line whose
value is exactly the one warned about, else a line that mentions it, else the key's line
(a value YAML escaped reads differently in the file), else the front matter's first line.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

_FENCES = {"---", "..."}


def _front_matter(env: BuildEnvironment, docname: str) -> list[str]:
    try:
        lines = Path(env.doc2path(docname)).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    if not lines or lines[0].strip() != "---":
        return []
    block = []
    for line in lines[1:]:
        if line.strip() in _FENCES:
            break
        block.append(line)
    return block


def _value(line: str) -> str:
    """What a line of YAML holds: ``- "/x/"`` and ``key: /x/`` hold ``/x/``."""
    text = line.strip().removeprefix("- ").strip()
    key, colon, rest = text.partition(": ")
    if colon and " " not in key and not key.startswith(("'", '"')):
        text = rest.strip()
    return text.strip("'\"")


def front_matter_line(
    env: BuildEnvironment, docname: str, needle: str, key: str | None = None
) -> int | None:
    """The line of the front matter that holds ``needle`` (see the module's docstring)."""
    block = _front_matter(env, docname)
    if not block:
        return None
    numbered = list(enumerate(block, start=2))
    for matches in (
        lambda line: bool(needle) and _value(line) == needle,
        lambda line: bool(needle) and needle in line,
        lambda line: key is not None and line.startswith(f"{key}:"),
    ):
        for number, line in numbered:
            if matches(line):
                return number
    return 1


def warn_front_matter(
    env: BuildEnvironment,
    docname: str,
    needle: str,
    message: str,
    subtype: str,
    *,
    key: str | None = None,
) -> None:
    """Warn at the front-matter line that holds ``needle`` (or ``key``)."""
    logger.warning(
        message,
        location=(docname, front_matter_line(env, docname, needle, key)),
        type="scholarpages",
        subtype=subtype,
    )
