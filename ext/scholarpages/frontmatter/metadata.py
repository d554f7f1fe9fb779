"""Typed view of a page's Jekyll-style front matter.

MyST stores front matter in ``env.metadata[docname]`` with every value turned into a
string: ``true`` arrives as ``"True"`` and a YAML list as a JSON string. Sphinx already
purges and merges that store per document (parallel builds included), so this module only
decodes it; it never keeps a second copy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


def decode_list(value: Any) -> list[str]:
    """A front-matter value that may be a string or a list, as a list of strings."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item is not None]
    text = str(value).strip()
    if text.startswith("["):
        try:
            decoded = json.loads(text)
        except ValueError:
            return [text]
        if isinstance(decoded, list):
            return [str(item) for item in decoded if item is not None]
    return [text] if text else []


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
    return text or None


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

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> FrontMatter:
        return cls(
            title=decode_text(metadata.get("title")),
            excerpt=decode_text(metadata.get("excerpt")),
            permalink=decode_text(metadata.get("permalink")),
            redirect_from=tuple(decode_list(metadata.get("redirect_from"))),
            # jekyll-redirect-from accepts a list and follows its first entry.
            redirect_to=next(iter(decode_list(metadata.get("redirect_to"))), None),
            layout=decode_text(metadata.get("layout")),
            author_profile=decode_flag(metadata.get("author_profile")),
        )
