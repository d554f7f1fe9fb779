"""schema.org ``Person`` on the home page, so search engines know whose site this is."""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx

from .author import Author
from .links import is_site_path
from .site_url import site_url

# json.dumps leaves these as they are; as \u escapes no value can end the script element
# (``</script>``) or open a comment in it.
_SCRIPT_ESCAPES = {"&": "\\u0026", "<": "\\u003c", ">": "\\u003e"}


def _organisation(name: str, kind: str = "Organization") -> dict[str, str]:
    return {"@type": kind, "name": name}


def person(app: Sphinx, author: Author) -> dict[str, Any]:
    base = site_url(app.config)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": author.name,
    }
    if base:
        data["url"] = base
    if author.avatar and not is_site_path(author.avatar):
        data["image"] = author.avatar
    elif author.avatar and base:
        data["image"] = base + author.avatar.lstrip("/")
    if author.bio:
        data["description"] = author.bio
    if author.position:
        data["jobTitle"] = author.position
    if author.employer:
        data["worksFor"] = _organisation(author.employer)
        data["affiliation"] = _organisation(author.employer)
    if author.education:
        data["alumniOf"] = [
            _organisation(name, "EducationalOrganization") for name in author.education
        ]
    if author.location:
        data["homeLocation"] = {"@type": "Place", "name": author.location}
    for link in author.links:
        if link.key == "email":
            data["email"] = link.url
    if author.profiles:
        data["sameAs"] = author.profiles
    return data


def json_ld_script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def add_person(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    author = Author.from_config(app.config)
    if pagename != app.config.root_doc or not author.configured:
        return
    context["metatags"] = context.get("metatags", "") + "\n" + json_ld_script(person(app, author))
