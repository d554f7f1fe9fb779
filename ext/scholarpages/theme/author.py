"""The site's owner, configured once as ``scholarpages_author`` in conf.py::

    scholarpages_author = {
        "name": "Jane Q. Doe",
        "avatar": "/images/profile.png",
        "bio": "I study examples.",
        "position": "Assistant Professor",
        "employer": "Example University",
        "location": "Zürich",
        "education": ["Other University"],  # institutions studied at (schema.org alumniOf)
        "email": "jane@example.org",
        "links": {"googlescholar": "https://scholar.google.com/...", "github": "https://..."},
    }

The mapping is checked when the configuration is read: unknown keys, values of the wrong
type and links that are not http(s), ``mailto:`` or a path of the site are reported as
``scholarpages.config`` warnings and dropped, so nothing unchecked reaches a page. The
checked mapping replaces the original, so every later step reads clean values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config

from ..frontmatter.site_files import served_file
from .config_values import warn_config
from .links import RejectedLinkError, accept_email, accept_link, is_site_path

CONFIG = "scholarpages_author"

TEXT_KEYS = ("name", "pronouns", "bio", "position", "employer", "location")
KNOWN_KEYS = (*TEXT_KEYS, "education", "avatar", "email", "links")


class LinkKind(NamedTuple):
    label: str
    icon: str  # FontAwesome classes, shipped with pydata-sphinx-theme
    profile: bool = True  # a profile elsewhere: schema.org sameAs, rel="me"


# In the order the card shows them.
LINK_KINDS: dict[str, LinkKind] = {
    "email": LinkKind("Email", "fa-solid fa-envelope", profile=False),
    "cv": LinkKind("CV", "fa-solid fa-file-lines", profile=False),
    "website": LinkKind("Website", "fa-solid fa-globe"),
    "googlescholar": LinkKind("Google Scholar", "fa-brands fa-google-scholar"),
    "orcid": LinkKind("ORCID", "fa-brands fa-orcid"),
    "semanticscholar": LinkKind("Semantic Scholar", "fa-solid fa-book-open"),
    "researchgate": LinkKind("ResearchGate", "fa-brands fa-researchgate"),
    "arxiv": LinkKind("arXiv", "fa-solid fa-box-archive"),
    "pubmed": LinkKind("PubMed", "fa-solid fa-notes-medical"),
    "academia": LinkKind("Academia.edu", "fa-solid fa-building-columns"),
    "github": LinkKind("GitHub", "fa-brands fa-github"),
    "kaggle": LinkKind("Kaggle", "fa-brands fa-kaggle"),
    "stackoverflow": LinkKind("Stack Overflow", "fa-brands fa-stack-overflow"),
    "linkedin": LinkKind("LinkedIn", "fa-brands fa-linkedin"),
    "bluesky": LinkKind("Bluesky", "fa-brands fa-bluesky"),
    "mastodon": LinkKind("Mastodon", "fa-brands fa-mastodon"),
    "x": LinkKind("X", "fa-brands fa-x-twitter"),
    "medium": LinkKind("Medium", "fa-brands fa-medium"),
    "youtube": LinkKind("YouTube", "fa-brands fa-youtube"),
    "instagram": LinkKind("Instagram", "fa-brands fa-instagram"),
}
# academicpages' names for the same links.
ALIASES = {"twitter": "x", "uri": "website", "semantic": "semanticscholar"}


class AuthorLink(NamedTuple):
    key: str
    url: str  # http(s), mailto: or a site path

    @property
    def kind(self) -> LinkKind:
        return LINK_KINDS[self.key]


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    pronouns: str | None = None
    bio: str | None = None
    position: str | None = None
    employer: str | None = None
    location: str | None = None
    education: tuple[str, ...] = ()
    avatar: str | None = None  # http(s) URL or a site path
    links: tuple[AuthorLink, ...] = ()
    configured: bool = False  # whether conf.py describes the author at all

    @classmethod
    def from_config(cls, config: Config) -> Author:
        """The author from the checked ``scholarpages_author`` mapping."""
        data: dict[str, Any] = config[CONFIG] or {}
        links: dict[str, str] = data.get("links", {})
        return cls(
            name=data.get("name") or config.project,
            pronouns=data.get("pronouns"),
            bio=data.get("bio"),
            position=data.get("position"),
            employer=data.get("employer"),
            location=data.get("location"),
            education=tuple(data.get("education", ())),
            avatar=data.get("avatar"),
            links=tuple(AuthorLink(key, links[key]) for key in LINK_KINDS if key in links),
            configured=bool(data),
        )

    @property
    def profiles(self) -> list[str]:
        """Absolute URLs of the author's profiles elsewhere (schema.org ``sameAs``)."""
        return [link.url for link in self.links if link.kind.profile and not is_site_path(link.url)]


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {type(value).__name__}")
    return value.strip() or None


def _texts(value: object) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(item, str) for item in items):
        raise ValueError("expected a string or a list of strings")
    return [item.strip() for item in items if item.strip()]


def _avatar(app: Sphinx, value: object) -> str:
    link = accept_link(value, allow_mailto=False)
    if not is_site_path(link):
        return link
    candidates = [link]
    if isinstance(value, str) and not value.strip().startswith("/"):
        # academicpages names the avatar by its file name in images/.
        candidates.append("/images" + link)
    for candidate in candidates:
        if served_file(app, candidate) is not None:
            return candidate
    folders = ", ".join(f"{folder}/" for folder in app.config.scholarpages_static_dirs)
    tried = " or ".join(candidates)
    raise RejectedLinkError(f"no file {tried} among the site's files ({folders})")


def _links(app: Sphinx, value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("expected a mapping of link names to URLs")
    links: dict[str, str] = {}
    for given_key, url in value.items():
        key = ALIASES.get(str(given_key), str(given_key))
        if key not in LINK_KINDS:
            known = ", ".join(LINK_KINDS)
            warn_config(app, f"{CONFIG}['links']: unknown link {given_key!r} (known: {known})")
            continue
        if url is None or url == "":
            continue
        try:
            links[key] = accept_email(url) if key == "email" else accept_link(url)
        except RejectedLinkError as error:
            warn_config(app, f"{CONFIG}['links'][{given_key!r}] ignored: {error}")
    return links


def _check(app: Sphinx, key: str, value: object) -> Any:
    if key in TEXT_KEYS:
        return _text(value)
    if key == "education":
        return _texts(value)
    if key == "avatar":
        return _avatar(app, value)
    if key == "email":
        return accept_email(value)
    return _links(app, value)


def check_author(app: Sphinx, config: Config) -> None:
    """Replace ``scholarpages_author`` by its checked values, warning about each one dropped."""
    raw = config[CONFIG]
    if not isinstance(raw, dict):
        warn_config(app, f"{CONFIG} must be a mapping (a dict); it is ignored")
        config[CONFIG] = {}
        return
    checked: dict[str, Any] = {}
    for given_key, value in raw.items():
        key = str(given_key)
        if key not in KNOWN_KEYS:
            hint = " (links go under 'links')" if key in LINK_KINDS or key in ALIASES else ""
            warn_config(app, f"{CONFIG}: unknown key {given_key!r} ignored{hint}")
            continue
        if value is None or value == "":
            continue
        try:
            cleaned = _check(app, key, value)
        except ValueError as error:  # RejectedLinkError included
            warn_config(app, f"{CONFIG}[{given_key!r}] ignored: {error}")
            continue
        if cleaned:
            checked[key] = cleaned
    # The email address is a link of the card like any other.
    if "email" in checked:
        checked.setdefault("links", {}).setdefault("email", checked.pop("email"))
    config[CONFIG] = checked


def avatar_source(app: Sphinx, author: Author) -> str | None:
    """The avatar as ``html_favicon`` takes it: a URL, or the path of the source file."""
    if author.avatar is None:
        return None
    if not is_site_path(author.avatar):
        return author.avatar
    relative = served_file(app, author.avatar)
    if relative is None:
        return None
    for folder in [app.srcdir, *(Path(app.confdir, extra) for extra in app.config.html_extra_path)]:
        candidate = Path(folder, relative)
        if candidate.is_file():
            return str(candidate)
    return None
