"""The navbar: the site's pages in the order the author lists them in conf.py.

A site built from Jekyll-style pages has no toctree to take the navbar from, so the author
lists it, as academicpages' ``_data/navigation.yml`` does::

    scholarpages_navigation = [
        ("About", "/"),                      # a URL of the site
        "research",                          # a page, titled as the page is
        {"title": "CV", "url": "/files/cv.pdf"},
        ("Blog", "https://blog.example.org/"),
    ]
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .config_values import warn_config
from .links import PathTo, accept_link, is_site_path, page_href, site_page, site_target_exists

CONFIG = "scholarpages_navigation"


class NavEntry(NamedTuple):
    title: str | None
    target: str  # a page name, an http(s) URL or a site path


class NavItem(NamedTuple):
    title: str
    href: str
    current: bool  # this page or a page under it (a paper under Publications)
    current_page: bool  # exactly this page
    external: bool


def _is_link(target: str) -> bool:
    return target.startswith("/") or ":" in target


def _entry(item: object) -> NavEntry:
    title: object = None
    if isinstance(item, str):
        target: object = item
    elif isinstance(item, dict):
        title, target = item.get("title"), item.get("url")
    elif isinstance(item, list | tuple) and len(item) == 2:
        title, target = item
    else:
        raise ValueError(
            "expected a page name, a URL, a (title, URL) pair or {'title': ..., 'url': ...}"
        )
    if title is not None and not isinstance(title, str):
        raise ValueError("the title must be a string")
    if not isinstance(target, str) or not target.strip():
        raise ValueError("the page or URL must be a non-empty string")
    target = target.strip()
    if _is_link(target):
        target = accept_link(target, allow_mailto=False)
        if not is_site_path(target) and not (title and title.strip()):
            raise ValueError("a link to another site needs a title")
    return NavEntry(title.strip() if title and title.strip() else None, target)


def check_navigation(app: Sphinx, config: Config) -> None:
    """Replace ``scholarpages_navigation`` by its checked entries, warning about each dropped."""
    raw = config[CONFIG]
    if not isinstance(raw, list | tuple):
        warn_config(app, f"{CONFIG} must be a list; it is ignored")
        config[CONFIG] = []
        return
    entries = []
    for position, item in enumerate(raw, start=1):
        try:
            entries.append(_entry(item))
        except ValueError as error:
            warn_config(app, f"{CONFIG}: entry {position} ({item!r}) ignored: {error}")
    config[CONFIG] = entries


def entries(config: Config) -> list[NavEntry]:
    return [NavEntry(*entry) for entry in config[CONFIG]]


def _docname(app: Sphinx, target: str) -> str | None:
    if is_site_path(target):
        return site_page(app, target)
    if _is_link(target):
        return None
    return target if target in app.env.found_docs else None


def check_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Warn, once the pages are known, about entries that lead nowhere (they are left out)."""
    if app.builder.format != "html":
        return []  # no navbar, and no URLs to check
    for entry in entries(app.config):
        if _docname(app, entry.target) is not None:
            continue
        if is_site_path(entry.target) and site_target_exists(app, entry.target):
            continue
        if _is_link(entry.target) and not is_site_path(entry.target):
            continue
        warn_config(app, f"{CONFIG}: {entry.target!r} is no page or file of this site; left out")
    return []


def _is_under(pagename: str, docname: str, root_doc: str) -> bool:
    if docname == root_doc:
        return False
    prefix = docname.removesuffix("index") if docname.endswith("/index") else docname + "/"
    return pagename.startswith(prefix)


def nav_items(app: Sphinx, pagename: str, pathto: PathTo) -> list[NavItem]:
    """The navbar of one page, with links relative to it."""
    items = []
    for entry in entries(app.config):
        docname = _docname(app, entry.target)
        if docname is not None:
            title = entry.title or _title(app, docname)
            current_page = docname == pagename
            current = current_page or _is_under(pagename, docname, app.config.root_doc)
            items.append(NavItem(title, pathto(docname), current, current_page, external=False))
        elif is_site_path(entry.target) and site_target_exists(app, entry.target):
            title = entry.title or entry.target
            href = page_href(app, pathto, entry.target)
            items.append(NavItem(title, href, current=False, current_page=False, external=False))
        elif _is_link(entry.target) and not is_site_path(entry.target) and entry.title:
            items.append(NavItem(entry.title, entry.target, False, False, external=True))
    return items


def _title(app: Sphinx, docname: str) -> str:
    title: Any = app.env.titles.get(docname)
    return title.astext() if title is not None else docname
