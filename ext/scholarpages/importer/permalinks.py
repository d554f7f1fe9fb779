"""Where Jekyll served a page, post or collection item that names no ``permalink``.

Jekyll (3.x, as GitHub Pages runs it) fills a template with placeholders. The site's
``permalink`` in ``_config.yml`` is a style (``date``, the default, ``pretty``, ``ordinal``,
``none``) or a pattern of its own (academicpages ships ``/:categories/:title/``):

- posts use the style itself: ``/:categories/:year/:month/:day/:title:output_ext`` for
  ``date``;
- other collections use their own ``permalink``, else ``/:collection/:path`` ended as the
  style ends (``/`` or ``:output_ext``, or nothing for a pattern that ends with neither);
- pages use ``/:path/:basename`` ended the same way, ``/:path/`` for an ``index``.

Each value is percent-encoded where a URL needs it (a category "paper review" is served at
``/paper%20review/``), ``:categories`` is the item's categories lowercased and joined by
``/``, ``:title`` its slug keeping case, ``:name`` and ``:slug`` its slug lowercased.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER = re.compile(r":([a-z_]+)")
# Jekyll's file name of a dated item: its date, then its slug.
_DATED_NAME = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.*)$")
# Jekyll's slugify modes: "pretty" keeps these characters (and case, for :title).
_NOT_PRETTY = re.compile(r"(?:[^\w.~!$&'()+,;=@]|_)+")
_NOT_ALNUM = re.compile(r"(?:[^\w]|_)+")
_PLAIN = re.compile(r"^[a-zA-Z0-9./-]*$")
# What a URL path may hold as it is (RFC 3986 pchar and "/"); the rest is percent-encoded.
_PATH_SAFE = "/!$&'()*+,;=:@-._~"
_OUTPUT_EXT = ".html"


@dataclass(frozen=True)
class Item:
    """What Jekyll knows of a document when it makes its URL."""

    relative: str  # "_posts/2020-01-05-my-post.md", "_pages/about.md"
    collection: str  # "posts", "talks"; "" for a page
    data: dict[str, Any]


def style_template(style: str) -> str:
    """The posts' template for the site's ``permalink`` (a style name or a pattern)."""
    return _STYLES.get(style, style)


def _with_suffix(template: str, style: str) -> str:
    """``template`` ended as the style ends (Jekyll's add_permalink_suffix)."""
    if style == "pretty":
        return template + "/"
    if style in {"date", "ordinal", "none"}:
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def page_url(relative: str, style: str) -> str:
    """The URL of a page (``_pages/cv.md``) that names no permalink."""
    path = PurePosixPath(relative)
    folder = path.parent.as_posix()
    folder = "" if folder == "." else folder
    if path.stem == "index":
        return _fill("/:path/", {"path": folder})
    template = _with_suffix("/:path/:basename", style)
    return _fill(template, {"path": folder, "basename": path.stem, "output_ext": _OUTPUT_EXT})


def document_url(item: Item, style: str, pattern: str = "") -> str:
    """The URL of a post or collection item that names no permalink.

    ``pattern`` is the collection's own ``permalink`` from ``_config.yml``, if any.
    """
    if item.collection == "posts":
        template = style_template(style)
    else:
        template = pattern or _with_suffix("/:collection/:path", style)
    return _fill(template, _placeholders(item))


def _placeholders(item: Item) -> dict[str, str]:
    inner = PurePosixPath(item.relative).relative_to(f"_{item.collection}")
    stem = inner.stem
    dated = _DATED_NAME.match(stem)
    slug = str(item.data.get("slug") or (dated.group(4) if dated else stem)).rstrip(".")
    date = _date(item.data.get("date"), dated)
    values = {
        "collection": item.collection,
        "path": "/" + inner.with_suffix("").as_posix(),
        "name": _slugify(stem, _NOT_ALNUM).lower(),
        "title": _slugify(slug, _NOT_PRETTY),
        "slug": _slugify(slug, _NOT_ALNUM).lower(),
        "categories": "/".join(dict.fromkeys(c.lower() for c in categories(item.data))),
        "output_ext": _OUTPUT_EXT,
    }
    if date is not None:
        values |= {
            "year": f"{date.year:04d}",
            "month": f"{date.month:02d}",
            "day": f"{date.day:02d}",
            "i_month": str(date.month),
            "i_day": str(date.day),
            "short_year": f"{date.year % 100:02d}",
            "short_month": date.strftime("%b"),
            "y_day": f"{date.timetuple().tm_yday:03d}",
        }
    return values


def categories(data: dict[str, Any]) -> list[str]:
    """An item's categories as Jekyll reads them.

    ``categories`` as written, then ``category``, else ``categories`` once more with a
    string split at spaces (Jekyll's pluralized_array_from_hash), without repeats.
    """
    written = data.get("categories")
    found = _as_strings(written)
    if "category" in data:
        found += _as_strings(data["category"])
    elif isinstance(written, str):
        found += written.split()
    return list(dict.fromkeys(found))


def _as_strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item is not None]
    return [str(value)]


def _date(value: Any, dated: re.Match[str] | None) -> dt.date | None:
    if isinstance(value, dt.date):  # a datetime is a date too
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    if dated is not None:
        try:
            return dt.date(*(int(part) for part in dated.groups()[:3]))
        except ValueError:
            return None
    return None


def _slugify(text: str, unsafe: re.Pattern[str]) -> str:
    return unsafe.sub("-", text).strip("-")


def _escape(value: str) -> str:
    """A placeholder's value in a URL, as Jekyll's escape_path writes it."""
    return value if _PLAIN.match(value) else quote(value, safe=_PATH_SAFE)


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with each known placeholder replaced; an unknown one stays as written."""
    url = _PLACEHOLDER.sub(
        lambda match: _escape(values[match.group(1)]) if match.group(1) in values else match[0],
        template,
    )
    # Jekyll's sanitize_url: one leading slash, no "..", no empty segments.
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)
