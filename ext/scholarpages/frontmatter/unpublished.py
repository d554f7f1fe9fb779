"""Pages with ``published: false`` are left out of the build, as Jekyll leaves them out.

Only the literal boolean hides a page: real sites write ``published: 2021-03-01`` or
``published: preprint`` and expect the page to appear. The decision has to be made before
Sphinx discovers its documents, so the front matter of each Markdown source is read here,
with the same YAML loader MyST uses, and hidden pages join ``exclude_patterns``. Doing it at
``config-inited`` keeps the environment's saved configuration stable between builds.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.project import Project

_FENCE = "---"
_FENCE_ENDS = {"---", "..."}


def has_front_matter(text: str) -> bool:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    return first_line.rstrip() == _FENCE


def _parse_block(lines: Iterable[str]) -> dict[str, Any] | None:
    """The YAML mapping between the opening and closing fences, None if there is none.

    Malformed front matter is reported by MyST when it reads the page; here it simply
    does not count.
    """
    iterator = iter(lines)
    if next(iterator, "").lstrip("\ufeff").rstrip() != _FENCE:
        return None
    block: list[str] = []
    for line in iterator:
        if line.rstrip() in _FENCE_ENDS:
            break
        block.append(line)
    else:
        return None
    try:
        data = yaml.safe_load("".join(block))
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def read_front_matter(path: Path) -> dict[str, Any] | None:
    """The front matter at the top of the file ``path``, reading no further than it."""
    try:
        with path.open(encoding="utf-8-sig") as stream:
            return _parse_block(stream)
    except (OSError, UnicodeDecodeError):
        return None


def read_front_matter_text(text: str) -> dict[str, Any] | None:
    return _parse_block(text.splitlines(keepends=True))


def is_unpublished(front_matter: dict[str, Any] | None) -> bool:
    return front_matter is not None and front_matter.get("published") is False


def markdown_suffixes(config: Config) -> tuple[str, ...]:
    suffixes: dict[str, str] = config.source_suffix
    return tuple(suffix for suffix, kind in suffixes.items() if kind == "markdown")


def exclude_unpublished(app: Sphinx, config: Config) -> None:
    suffixes = markdown_suffixes(config)
    if not suffixes:
        return
    project = Project(app.srcdir, config.source_suffix)
    docnames = project.discover(config.exclude_patterns, config.include_patterns)
    hidden = []
    for docname in sorted(docnames):
        path = Path(project.doc2path(docname, absolute=True))
        if path.name.endswith(suffixes) and is_unpublished(read_front_matter(path)):
            hidden.append(project.doc2path(docname, absolute=False).as_posix())
    if hidden:
        config.exclude_patterns = [*config.exclude_patterns, *hidden]
