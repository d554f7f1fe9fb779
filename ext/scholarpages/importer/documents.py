"""The pages of the new site, planned before anything is written.

Every page, collection item and post becomes a :class:`Document` with the URLs it claims.
Planning them all first lets the import settle collisions the way the old site did (one URL,
one page, the first by name keeps it) and report them, instead of leaving them to the build.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..frontmatter.urls import UnsafeURLError, site_path
from .report import Report

_SLUG_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def slug(name: str) -> str:
    """A file name that every file system and URL takes: "Talk 1: résumé" -> "talk-1-resume"."""
    visible = "".join(char for char in name if unicodedata.category(char) != "Cf")
    folded = unicodedata.normalize("NFKD", visible).encode("ascii", "ignore").decode()
    return _SLUG_UNSAFE.sub("-", folded.lower()).strip("-.") or "page"


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item not in (None, "")]
    return [str(value)] if str(value).strip() else []


@dataclass
class Document:
    docname: str  # "talks/2012-03-01-talk-1"
    source: str  # "_talks/2012-03-01-talk-1.md", for the report
    data: dict[str, Any]
    front_matter: str | None  # the original YAML, written back untouched when unchanged
    body: str
    changed: bool = False  # the front matter must be written anew
    default_url: str | None = None  # where Jekyll served it when it had no permalink
    kind: str = "page"

    def urls(self) -> list[tuple[str, str]]:
        """(key, url) for every URL the document claims."""
        claimed = [("permalink", url) for url in as_list(self.data.get("permalink"))]
        if not claimed and self.default_url:
            claimed.append(("default", self.default_url))
        claimed += [("redirect_from", url) for url in as_list(self.data.get("redirect_from"))]
        return claimed

    def drop_url(self, key: str, url: str) -> None:
        if key == "permalink":
            self.data.pop("permalink", None)
        elif key == "redirect_from":
            kept = [item for item in as_list(self.data.get("redirect_from")) if item != url]
            self.data["redirect_from"] = kept
            if not kept:
                self.data.pop("redirect_from")
        else:
            self.default_url = None
        self.changed = True

    def text(self) -> str:
        if self.default_url and "permalink" not in self.data:
            # Keep the address Jekyll gave it, whatever this file is called now.
            self.data["permalink"] = self.default_url
            self.changed = True
        if self.changed or self.front_matter is None:
            yaml_text = yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True).strip()
        else:
            yaml_text = self.front_matter.strip("\n")
        return f"---\n{yaml_text}\n---\n\n{self.body.lstrip(chr(10))}".rstrip("\n") + "\n"


@dataclass
class Plan:
    documents: list[Document] = field(default_factory=list)

    def add(self, document: Document) -> Document:
        taken = {doc.docname for doc in self.documents}
        base, number = document.docname, 2
        while document.docname in taken:
            document.docname = f"{base}-{number}"
            number += 1
        self.documents.append(document)
        return document

    def settle_urls(self, report: Report) -> None:
        """One page per URL: the first claimer keeps it; unsafe URLs are dropped."""
        owners: dict[str, Document] = {}
        for document in self.documents:
            for key, url in document.urls():
                try:
                    file = site_path(url).file
                except UnsafeURLError as error:
                    document.drop_url(key, url)
                    report.look(
                        document.source, f"{key} {url!r} dropped: {error}", "Unsafe old URL"
                    )
                    continue
                owner = owners.get(file)
                if owner is None:
                    owners[file] = document
                elif owner is not document:
                    document.drop_url(key, url)
                    report.settle(
                        document.source,
                        f"{key} {url!r} is also claimed by {owner.source}, which keeps it "
                        "(the old site served only one of them there)",
                        "Old URL claimed twice",
                    )
