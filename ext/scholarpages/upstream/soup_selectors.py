"""Beautiful Soup's CSS selectors, as pydata-sphinx-theme uses them to write a page.

The theme picks parts of its navigation with ``soup.select("li")``, ``.toc-h1``,
``li.toctree-l0 > details``... soupsieve, which answers them, compiles the regular
expressions of its selector parser the first time a process uses each: 0.3 s of every build
that writes a page, a rebuild after one edit included. Selectors of that form (a tag name
and classes, alone or as ``parent > child``) are answered here from Beautiful Soup's own
search: the same elements, in document order, as soupsieve finds in an HTML document. Any
other selector, or a call with soupsieve's own options, goes to soupsieve as before.

``Tag.select`` and ``Tag.select_one`` are replaced from write-started until the build
finishes (``answer_simple_selectors`` returns the undo).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bs4.element import ResultSet, Tag

from . import Undo, require

_DISTRIBUTION = "beautifulsoup4"
# A tag name, then classes: "li", ".toc-h1", "li.toctree-l0".
_SIMPLE = re.compile(r"([a-z][a-z0-9]*)?((?:\.[A-Za-z_][A-Za-z0-9_-]*)*)")


def check() -> None:
    require(_DISTRIBUTION, Tag, ["select", "select_one", "find_all", "_is_xml"])


@dataclass(frozen=True)
class _Simple:
    tag: str | None
    classes: tuple[str, ...]

    def matches(self, element: Tag) -> bool:
        # An HTML document's tag names match whatever their case (html.parser lowers them).
        if self.tag is not None and (element.name or "").lower() != self.tag:
            return False
        present: Any = element.get("class") or []
        names = present.split() if isinstance(present, str) else list(present)
        return all(name in names for name in self.classes)


@dataclass(frozen=True)
class _Selector:
    element: _Simple
    parent: _Simple | None

    def matches(self, element: Tag) -> bool:
        if not self.element.matches(element):
            return False
        if self.parent is None:
            return True
        parent = element.parent
        # The document itself is no element: nothing is its child in CSS.
        return (
            isinstance(parent, Tag) and parent.name != "[document]" and self.parent.matches(parent)
        )


def _simple(text: str) -> _Simple | None:
    found = _SIMPLE.fullmatch(text.strip())
    if found is None or not found.group(0):
        return None
    classes = tuple(name for name in found.group(2).split(".") if name)
    return _Simple(found.group(1), classes)


def simple_selector(selector: str) -> _Selector | None:
    """The selector, if it is a tag name and classes alone or as ``parent > child``."""
    parts = selector.split(">")
    if len(parts) > 2:
        return None
    simples = [_simple(part) for part in parts]
    if any(simple is None for simple in simples):
        return None
    *parent, element = simples
    assert element is not None
    return _Selector(element, parent[0] if parent else None)


def _answerable(
    tag: Tag, selector: str, namespaces: Any, kwargs: dict[str, Any]
) -> _Selector | None:
    if namespaces is not None or kwargs or tag._is_xml:
        return None  # soupsieve's own options, or XML, where names keep their case
    return simple_selector(selector)


def answer_simple_selectors() -> Undo:
    """Answer simple selectors without soupsieve until the undo is called."""
    original_select: Callable[..., Any] = Tag.select
    original_select_one: Callable[..., Any] = Tag.select_one

    def select(
        self: Tag, selector: str, namespaces: Any = None, limit: int = 0, **kwargs: Any
    ) -> Any:
        plan = _answerable(self, selector, namespaces, kwargs)
        if plan is None:
            return original_select(self, selector, namespaces, limit, **kwargs)
        found: list[Tag] = []
        for element in self.find_all(True):
            if isinstance(element, Tag) and plan.matches(element):
                found.append(element)
                if limit and len(found) == limit:
                    break
        return ResultSet(None, found)

    def select_one(self: Tag, selector: str, namespaces: Any = None, **kwargs: Any) -> Any:
        if _answerable(self, selector, namespaces, kwargs) is None:
            return original_select_one(self, selector, namespaces, **kwargs)
        found = select(self, selector, limit=1)
        return found[0] if found else None

    Tag.select = select  # type: ignore[method-assign]
    Tag.select_one = select_one  # type: ignore[method-assign]

    def undo() -> None:
        Tag.select = original_select  # type: ignore[method-assign]
        Tag.select_one = original_select_one  # type: ignore[method-assign]

    return undo
