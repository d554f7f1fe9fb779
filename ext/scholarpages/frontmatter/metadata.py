"""Typed view of a page's Jekyll-style front matter.

MyST stores front matter in ``env.metadata[docname]`` with every value turned into a
string: ``true`` arrives as ``"True"``, ``null`` as ``"null"`` and a YAML list or mapping as
a JSON string. Sphinx already purges and merges that store per document (parallel builds
included), so this module only decodes it; it never keeps a second copy.

The URL keys are decoded strictly: a value of the wrong kind (a list as ``permalink``, a
mapping, a boolean, null) is not turned into an address such as ``/null/``; it is refused,
and the refusal is kept for the routes to report with the page's file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


def decode_flag(value: Any) -> bool:
    """Liquid truthiness: everything but a literal false or null is true."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    return str(value).strip() not in {"False", "false", "None", "null", ""}


def decode_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text if text and text != _NULL else None


_NULL = "null"


def _yaml_value(value: Any) -> Any:
    """The YAML value behind what MyST stored, as far as its string tells."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text == _NULL:
        return None
    if text in {"True", "False"}:
        return text == "True"
    if text[:1] in {"[", "{"}:
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return value
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A front-matter value that was not used, and why."""

    key: str
    reason: str


def _is_url_text(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _one_url(key: str, raw: Any, refused: list[Refusal]) -> str | None:
    value = _yaml_value(raw)
    if key == "redirect_to" and isinstance(value, list) and value:
        value = value[0]  # jekyll-redirect-from accepts a list and follows its first entry.
    if _is_url_text(value):
        return decode_text(value)
    refused.append(Refusal(key, f"{_kind(value)} is not a URL"))
    return None


def _url_list(key: str, raw: Any, refused: list[Refusal]) -> tuple[str, ...]:
    value = _yaml_value(raw)
    items = value if isinstance(value, list) else [value]
    urls = [str(item).strip() for item in items if _is_url_text(item)]
    wrong = sorted({_kind(item) for item in items if not _is_url_text(item)})
    if wrong:
        refused.append(Refusal(key, f"{' and '.join(wrong)} is not a URL"))
    return tuple(urls)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The front-matter keys scholarpages acts on; all other keys are ignored, as Jekyll does."""

    title: str | None = None
    excerpt: str | None = None
    permalink: str | None = None
    redirect_from: tuple[str, ...] = ()
    redirect_to: str | None = None
    layout: str | None = None
    author_profile: bool = False
    refused: tuple[Refusal, ...] = ()

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> FrontMatter:
        refused: list[Refusal] = []
        present = {key for key in ("permalink", "redirect_from", "redirect_to") if key in metadata}
        return cls(
            title=decode_text(metadata.get("title")),
            excerpt=decode_text(metadata.get("excerpt")),
            permalink=(
                _one_url("permalink", metadata["permalink"], refused)
                if "permalink" in present
                else None
            ),
            redirect_from=(
                _url_list("redirect_from", metadata["redirect_from"], refused)
                if "redirect_from" in present
                else ()
            ),
            redirect_to=(
                _one_url("redirect_to", metadata["redirect_to"], refused)
                if "redirect_to" in present
                else None
            ),
            layout=decode_text(metadata.get("layout")),
            author_profile=decode_flag(metadata.get("author_profile")),
            refused=tuple(refused),
        )
