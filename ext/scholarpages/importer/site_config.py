"""``_config.yml`` and ``_data/navigation.yml``: the site's identity, author and menu."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .report import Report
from .source_files import read_text

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
    posts_permalink: str = "/:categories/:title/"
    future: bool = False
    navigation: list[tuple[str, str]] = field(default_factory=list)


def _load_yaml(path: Path, relative: str, report: Report) -> dict[str, Any]:
    if not path.is_file():
        return {}
    text, problems = read_text(path)
    for problem in problems:
        report.look(relative, problem)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        report.look(relative, f"not valid YAML, ignored: {str(error).splitlines()[0]}")
        return {}
    return data if isinstance(data, dict) else {}


def _profile_url(key: str, value: str) -> str:
    if value.startswith(("http://", "https://", "mailto:")):
        return value
    return PROFILE_LINKS[key].format(value.lstrip("@"))


def read_site_config(src: Path, report: Report) -> SiteConfig:
    data = _load_yaml(src / "_config.yml", "_config.yml", report)
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
    collections = data.get("collections")
    if isinstance(collections, dict):
        config.collections = {
            str(name): (value if isinstance(value, dict) else {})
            for name, value in collections.items()
        }
    elif isinstance(collections, list):
        config.collections = {str(name): {} for name in collections}
    categories = data.get("publication_category")
    if isinstance(categories, dict):
        config.categories = {
            str(key): str(value.get("title", key)) if isinstance(value, dict) else str(key)
            for key, value in categories.items()
        }
    config.posts_permalink = str(data.get("permalink") or config.posts_permalink)
    config.future = data.get("future") is True
    nav = _load_yaml(src / "_data" / "navigation.yml", "_data/navigation.yml", report)
    for item in nav.get("main") or []:
        if isinstance(item, dict) and item.get("title") and item.get("url"):
            config.navigation.append((str(item["title"]), str(item["url"])))
    return config
