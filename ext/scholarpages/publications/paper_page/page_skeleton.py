"""Paper pages rendered from one rendering of the page template.

With pydata-sphinx-theme, rendering the page template takes several milliseconds a page:
for thousands of paper pages, most of a full build. Paper pages differ only in their own
fields (title, body, meta tags, name); everything else in the template's context (navbar,
settings, scripts, the relative paths of a page at that depth) is the same for all of them.
So the template is rendered once with placeholders in those fields, and each page is that
text with its own fields put in.

It is exact, not hopeful: a skeleton is used only after it has reproduced, byte for byte,
the page it was made from and a second page, both rendered the normal way, and only for
pages whose other context values are equal to theirs. A title or excerpt with characters
that the template's filters could treat differently (``&<>"'``, repeated spaces) is always
rendered the normal way.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Any, cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from ...sphinx_support import writes_site
from ...upstream.sphinx_private import Render, render_templates_through, shared_context
from ..render import PAPER_PAGES

logger = logging.getLogger(__name__)

MARK = "scholarpages_publication"
PAPER_TEMPLATE = "page.html"
# Context values that differ from one paper page to the next.
_OWN_FIELDS = ("title", "body", "metatags", "excerpt")
_NAME_FIELDS = ("pagename", "current_page_name")
_UNSAFE_TEXT = re.compile(r"""[&<>"']|\s\s|^\s|\s$""")


class SkeletonRenderer:
    def __init__(self, render: Render, shared: Callable[[], dict[str, Any]]) -> None:
        self._render = render
        # The builder's context for every page: values that are these very objects are
        # the same for all pages, and need no comparing.
        self._shared = shared
        # A token no page will contain: it marks where a page's own fields go.
        self._token = f"spskel{secrets.token_hex(8)}"
        self._slot = re.compile(rf"{self._token}(\w+?)end")
        self._trusted: dict[str, str] = {}
        self._candidates: dict[str, str] = {}
        self._refused: set[str] = set()

    def render(self, template: str, context: dict[str, Any]) -> str:
        slug = str(context.get("pagename", "")).rpartition("/")[2]
        # Only the page itself: the theme also renders its components one by one (to leave
        # out the empty ones), each cheap, and comparing contexts would cost more.
        if template != PAPER_TEMPLATE or context.get(MARK) is None:
            return self._render(template, context)
        if not self._fillable(context, slug):
            return self._render(template, context)
        signature = self._signature(template, context, slug)
        trusted = self._trusted.get(signature)
        if trusted is not None:
            logger.debug("%s written from the paper pages' skeleton", context["pagename"])
            return self._fill(trusted, context, slug)
        output = self._render(template, context)
        if signature in self._refused:
            return output
        candidate = self._candidates.pop(signature, None)
        if candidate is not None:
            # Made from another page: trusted once it reproduces this one as well.
            if self._fill(candidate, context, slug) == output:
                self._trusted[signature] = candidate
            else:
                self._refused.add(signature)
            return output
        candidate = self._skeleton(template, context, slug)
        if self._fill(candidate, context, slug) == output:
            self._candidates[signature] = candidate
        else:
            self._refused.add(signature)
        return output

    def _slot_for(self, name: str) -> str:
        return f"{self._token}{name}end"

    def _fillable(self, context: dict[str, Any], slug: str) -> bool:
        if not slug or context.get("pagename") != f"{PAPER_PAGES}/{slug}":
            return False
        for name in _OWN_FIELDS:
            value = context.get(name)
            if value is not None and not isinstance(value, str):
                return False
            if value and self._token in value:
                return False
        # Filters such as striptags and e leave such text alone, whatever the template does.
        return not any(
            _UNSAFE_TEXT.search(str(context.get(name) or "")) for name in ("title", "excerpt")
        )

    def _signature(self, template: str, context: dict[str, Any], slug: str) -> str:
        """What, besides a page's own fields and name, its rendering depends on."""
        shared = self._shared()
        parts = [template]
        for name, value in sorted(context.items()):
            if name in _NOT_COMPARED or callable(value):
                continue
            # Exact types: a subclass of str (Markup, say) is described like anything else.
            if type(value) in _IMMUTABLE and shared.get(name, _MISSING) is value:
                parts.append(name)
                continue
            described = _describe(value).replace(f"{PAPER_PAGES}/{slug}", self._slot_for("slug"))
            parts.append(f"{name}={described}")
        return "\0".join(parts)

    def _skeleton(self, template: str, context: dict[str, Any], slug: str) -> str:
        changed = dict(context)
        for name in _OWN_FIELDS:
            if context.get(name) is not None:
                changed[name] = self._slot_for(name)
        page, slot = f"{PAPER_PAGES}/{slug}", f"{PAPER_PAGES}/{self._slot_for('slug')}"
        for name in (*_NAME_FIELDS, "pageurl"):
            if isinstance(context.get(name), str):
                changed[name] = context[name].replace(page, slot)
        # Page names that reach the output through other values (a script setting the
        # page's name, say) become slots too.
        return self._render(template, changed).replace(page, slot)

    def _fill(self, skeleton: str, context: dict[str, Any], slug: str) -> str:
        values = {name: str(context.get(name) or "") for name in _OWN_FIELDS}
        values["slug"] = slug
        return self._slot.sub(lambda match: values[match.group(1)], skeleton)


_MISSING = object()
_IMMUTABLE = frozenset({str, int, float, bool, type(None), tuple, frozenset})
_NOT_COMPARED = frozenset({*_OWN_FIELDS, *_NAME_FIELDS, MARK})


def _describe(value: Any) -> str:
    """A value as text, by content: Sphinx's script and stylesheet objects say what they are."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(_describe, value)) + "]"
    if isinstance(value, str | int | float | bool | dict | type(None)):
        return repr(value)
    return str(value)


def use_skeletons(app: Sphinx) -> None:
    """Render paper pages from skeletons in the builders that write the site, until it ends."""
    if not writes_site(app):
        return
    builder = cast(StandaloneHTMLBuilder, app.builder)

    def with_skeletons(render: Render) -> Render:
        return SkeletonRenderer(render, lambda: shared_context(builder) or {}).render

    undo = render_templates_through(builder, with_skeletons)
    app.connect("build-finished", lambda app, exception: undo())
