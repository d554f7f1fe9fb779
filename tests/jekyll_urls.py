"""Every URL a Jekyll (academicpages) site served, worked out the way Jekyll does.

This is an independent model of Jekyll's rules, written for the tests so that they do not
check the importer against itself: pages (``permalink`` or Jekyll's default), items of
collections with ``output: true`` (their ``permalink`` or the collection's pattern), posts
(the site's ``permalink`` style and the date in their file name) and every ``redirect_from``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

_PAGE_SUFFIXES = {".md", ".markdown", ".html", ".htm"}
_FRONT_MATTER = re.compile(
    rb"\A(?:\xef\xbb\xbf)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S
)
_LINK = re.compile(r"^(?:https?://|/)\S+$", re.IGNORECASE)
_DATED = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_POST_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


@dataclass
class SiteUrls:
    urls: list[tuple[str, str]] = field(default_factory=list)  # (URL, file that served it)
    unreadable: list[str] = field(default_factory=list)  # front matter YAML could not read
    # the title (or, without one, the file) of each published item of _publications
    publications: list[str] = field(default_factory=list)
    # file names of the .bib files those items offer as their "Download BibTeX" (bibtexurl)
    bib_downloads: set[str] = field(default_factory=set)
    own_url: str = ""  # the site's url in _config.yml: "https://ada.github.io"
    # (item, link) for each link of a _publications item (paperurl, slidesurl, code, ...):
    # an http(s) URL, or a path of the site for a link to it or to its own host
    paper_links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Item:
    relative: str
    data: dict[str, Any]


def _front_matter(path: Path, relative: str, found: SiteUrls) -> _Item | None:
    match = _FRONT_MATTER.match(path.read_bytes())
    if match is None:
        return None
    try:
        data = yaml.safe_load(match.group(1).decode("utf-8", errors="replace"))
    except yaml.YAMLError:
        found.unreadable.append(relative)
        return None
    data = data if isinstance(data, dict) else {}
    if data.get("published") is False:
        return None
    return _Item(relative, data)


def _items(site: Path, folder: str, found: SiteUrls) -> list[_Item]:
    root = site / folder
    if not root.is_dir():
        return []
    items = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in _PAGE_SUFFIXES:
            item = _front_matter(path, path.relative_to(site).as_posix(), found)
            if item is not None:
                items.append(item)
    return items


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _with_slash(url: str, own: str) -> str:
    """``url`` as a path of the site. A full URL of the site's own host (``own``) names
    that path: Jekyll served ``https://ada.github.io/404/`` at ``/https:/ada.github.io/404/``,
    an address nobody links to, and its author meant ``/404/``."""
    if own and url.startswith(own.rstrip("/") + "/"):
        url = url[len(own.rstrip("/")) :]
    return url if url.startswith("/") else f"/{url}"


def _own_path(link: str, own: str) -> str:
    """A link to the site's own host (http or https, with or without www) as its path."""
    parts, home = urlsplit(link), urlsplit(own)
    host = parts.netloc.lower().removeprefix("www.")
    if not home.netloc or host != home.netloc.lower().removeprefix("www."):
        return link
    prefix = home.path.rstrip("/")
    if parts.path != prefix and not parts.path.startswith(prefix + "/"):
        return link
    path = parts.path[len(prefix) :] or "/"
    return path + (f"?{parts.query}" if parts.query else "")


def _add(found: SiteUrls, item: _Item, default: str) -> None:
    permalink = item.data.get("permalink")
    own = found.own_url
    found.urls.append((_with_slash(str(permalink), own) if permalink else default, item.relative))
    for old in _as_list(item.data.get("redirect_from")):
        found.urls.append((_with_slash(old, own), item.relative))


def _config(site: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load((site / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _page_default(relative: str, style: str) -> str:
    """Jekyll's Page#template with the site's permalink style."""
    path = PurePosixPath(relative)
    folder = f"/{path.parent.as_posix()}/" if path.parent.as_posix() != "." else "/"
    if path.stem == "index":
        return folder
    style = _POST_STYLES.get(style, style)
    suffix = "/" if style.endswith("/") else ".html"
    return f"{folder}{path.stem}{suffix}"


def _collection_default(name: str, relative: str, pattern: str) -> str:
    inner = PurePosixPath(relative).relative_to(f"_{name}").with_suffix("").as_posix()
    url = (
        pattern.replace(":collection", name)
        .replace(":path", inner)
        .replace(":name", PurePosixPath(inner).name)
        .replace(":title", PurePosixPath(inner).name)
        .replace(":output_ext", ".html")
    )
    return re.sub(r"/+", "/", url)


def _post_default(item: _Item, style: str) -> str:
    stem = PurePosixPath(item.relative).stem
    match = _DATED.match(stem)
    year, month, day, title = match.groups() if match else ("", "", "", stem)
    date = item.data.get("date")
    if isinstance(date, (dt.date, dt.datetime)):
        year, month, day = str(date.year), str(date.month), str(date.day)
    categories = _as_list(item.data.get("categories")) or _as_list(item.data.get("category"))
    url = (
        _POST_STYLES.get(style, style)
        .replace(":categories", "/".join(c.lower() for c in categories))
        .replace(":year", year)
        .replace(":month", month.zfill(2))
        .replace(":day", day.zfill(2))
        .replace(":title", str(item.data.get("slug") or title))
        .replace(":output_ext", ".html")
    )
    return re.sub(r"/+", "/", url)


def _is_future(item: _Item) -> bool:
    date = item.data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        match = _DATED.match(PurePosixPath(item.relative).stem)
        try:
            date = dt.date(*(int(part) for part in match.groups()[:3])) if match else None
        except ValueError:
            date = None
    return date is not None and date > dt.date.today()


def old_urls(site: Path) -> SiteUrls:
    """The URLs the Jekyll site at ``site`` served, each with the file that served it."""
    config = _config(site)
    found = SiteUrls(own_url=str(config.get("url") or ""))
    style = str(config.get("permalink") or "date")
    for item in _items(site, "_pages", found):
        _add(found, item, _page_default(item.relative, style))
    collections = config.get("collections") or {}
    if isinstance(collections, list):
        collections = {name: {} for name in collections}
    for name, written in collections.items():
        settings = written if isinstance(written, dict) else {}
        if name == "posts" or not settings.get("output"):
            continue
        pattern = str(settings.get("permalink") or "/:collection/:path:output_ext")
        for item in _items(site, f"_{name}", found):
            _add(found, item, _collection_default(name, item.relative, pattern))
    for item in _items(site, "_publications", SiteUrls()):
        found.publications.append(str(item.data.get("title") or item.relative))
        for key, value in item.data.items():
            # bibtexurl is left out: the entry's own BibTeX, merged with that file, replaces
            # its "Download BibTeX", and the file stays at its URL.
            if key not in {"permalink", "redirect_from", "bibtexurl"} and isinstance(value, str):
                link = value.strip()
                if _LINK.match(link):
                    found.paper_links.append((item.relative, _own_path(link, found.own_url)))
        if item.data.get("bibtexurl"):
            found.bib_downloads.add(PurePosixPath(unquote(str(item.data["bibtexurl"]))).name)
    for item in _items(site, "_posts", found):
        if _is_future(item) and not config.get("future"):
            continue
        _add(found, item, _post_default(item, style))
    return found
