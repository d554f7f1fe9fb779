"""``_config.yml`` and ``_data/navigation.yml``: the site's identity, author and menu."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..confinement import FoundFile, is_safe_name
from .report import Report
from .source_files import decode_text
from .source_tree import SourceTree

# academicpages' author keys that hold a profile link, and how to make a URL of a username.
PROFILE_LINKS: dict[str, str] = {
    "googlescholar": "{}",
    "orcid": "{}",
    "researchgate": "{}",
    "semantic": "{}",
    "arxiv": "{}",
    "pubmed": "{}",
    "academia": "{}",
    "uri": "{}",
    "mastodon": "{}",
    "medium": "{}",
    "github": "https://github.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "twitter": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "kaggle": "https://www.kaggle.com/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "youtube": "https://www.youtube.com/@{}",
    "instagram": "https://www.instagram.com/{}",
}
DEFAULT_COLLECTIONS = ("publications", "talks", "teaching", "portfolio")


@dataclass
class SiteConfig:
    title: str = "My site"
    description: str = ""
    url: str = ""  # html_baseurl: url + baseurl + "/"
    author: dict[str, Any] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    collections: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)  # publication category -> title
    # Jekyll's permalink style or pattern: how items without a permalink got their URL.
    permalink_style: str = "date"
    future: bool = False
    navigation: list[tuple[str, str]] = field(default_factory=list)


def _load_yaml(tree: SourceTree, relative: str, report: Report) -> dict[str, Any]:
    path = tree.file(relative)
    raw = tree.read_bytes(FoundFile(path, relative)) if path is not None else None
    if raw is None:
        return {}
    text, problems = decode_text(raw)
    for problem in problems:
        report.look(relative, problem, "Site settings")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        report.look(
            relative, f"not valid YAML, ignored: {str(error).splitlines()[0]}", "Site settings"
        )
        return {}
    return data if isinstance(data, dict) else {}


def _profile_url(key: str, value: str) -> str:
    if value.startswith(("http://", "https://", "mailto:")):
        return value
    return PROFILE_LINKS[key].format(value.lstrip("@"))


def _collections(value: object, report: Report) -> dict[str, dict[str, Any]]:
    """The collections by name; a name that is not one plain folder name is left out."""
    if isinstance(value, dict):
        found = {
            str(name): (data if isinstance(data, dict) else {}) for name, data in value.items()
        }
    elif isinstance(value, list):
        found = {str(name): {} for name in value}
    else:
        return {}
    for name in list(found):
        # The name becomes the folders _<name> (read) and docs/<name> (written).
        if not (is_safe_name(name) and is_safe_name(f"_{name}")):
            del found[name]
            report.skip(
                "_config.yml",
                f"collection {name!r} is not a plain folder name (it is empty, holds '/', "
                "'..' or a NUL, or is too long), so its items were not imported; rename it "
                "and its folder and import again",
            )
    return found


def read_site_config(tree: SourceTree, report: Report) -> SiteConfig:
    data = _load_yaml(tree, "_config.yml", report)
    config = SiteConfig()
    config.title = str(data.get("title") or data.get("name") or config.title)
    config.description = str(data.get("description") or "")
    url = str(data.get("url") or "").rstrip("/")
    baseurl = str(data.get("baseurl") or "").strip("/")
    if url:
        config.url = f"{url}/{baseurl}/" if baseurl else f"{url}/"
    author_data = data.get("author")
    author: dict[str, Any] = author_data if isinstance(author_data, dict) else {}
    config.author = {
        key: str(value)
        for key, value in author.items()
        if key in {"name", "avatar", "bio", "location", "employer", "email", "pronouns"}
        and value not in (None, "")
    }
    config.links = {
        key: _profile_url(key, str(value))
        for key, value in author.items()
        if key in PROFILE_LINKS and value not in (None, "")
    }
    config.collections = _collections(data.get("collections"), report)
    categories = data.get("publication_category")
    if isinstance(categories, dict):
        config.categories = {
            str(key): str(value.get("title", key)) if isinstance(value, dict) else str(key)
            for key, value in categories.items()
        }
    config.permalink_style = str(data.get("permalink") or config.permalink_style).strip()
    config.future = data.get("future") is True
    nav = _load_yaml(tree, "_data/navigation.yml", report)
    menu = nav.get("main")
    for item in menu if isinstance(menu, list) else []:
        if isinstance(item, dict) and item.get("title") and item.get("url"):
            config.navigation.append((str(item["title"]), str(item["url"])))
    return config
