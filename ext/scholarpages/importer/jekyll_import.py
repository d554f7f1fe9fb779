"""``scholarpages import-jekyll SRC DEST``: an academicpages site made a scholarpages project.

SRC is only read, and only inside it (a symbolic link out of it is skipped and reported, see
source_tree); every file is written through destination: inside DEST, never into SRC. DEST
receives ``docs/`` (conf.py, pages, collections, images, files), ``publications.bib``, a
copy of scholarpages in ``ext/`` with the ``pyproject.toml`` that installs it,
``.readthedocs.yaml``, a README and the import report. Every URL the Jekyll site served is
claimed by a page of the new one.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from pybtex.database import Entry

from ..confinement import FoundFile, resolve_inside
from ..frontmatter.urls import UnsafeURLError, site_path, split_url
from .bib_files import download_path, identities, is_template_sample, merge_into, read_bib
from .body_notes import body_note_kind
from .cv_data import convert_cv_json
from .destination import Destination, ImportRefusedError, overlap
from .documents import Document, Plan, as_list, slug
from .html_pages import html_page_body
from .liquid import CV_DATA, translate
from .markdown_fixes import fix_markdown, site_links, unlink
from .permalinks import Item, document_url, page_url
from .project import project_files
from .publications import (
    bibtex_text,
    entry_key,
    link_buttons,
    publication_entry,
    within_site,
)
from .report import Report
from .site_config import DEFAULT_COLLECTIONS, SiteConfig, read_site_config
from .source_files import JekyllFile, is_published, parse_jekyll_file
from .source_tree import SourceTree
from .vendor import write_vendored

_DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_NOTE_LINE = re.compile(r"^line (\d+): ")
_TEXT_SUFFIXES = {".md", ".markdown", ".html", ".htm"}
STATIC_FOLDERS = ("images", "files")


class DestinationNotEmptyError(ImportRefusedError):
    """DEST holds files, and overwriting was not asked for."""


class Importer:
    def __init__(self, src: Path, dest: Path) -> None:
        self.docs = dest / "docs"
        self.report = Report()
        self.src = SourceTree(src, self.report)
        self.dest = Destination(dest, src, self.report)
        self.static_files: set[str] = set()  # what was copied of images/ and files/
        self.plan = Plan()
        self.config = SiteConfig()
        self.entries: dict[str, Entry] = {}
        self.bib_texts: list[str] = []
        # Entries of the site's .bib files that are no _publications item.
        self.bib_entries: dict[str, Entry] = {}
        self.bib_added: list[tuple[str, dict[str, Entry]]] = []
        self.taken_keys: set[str] = set()
        self.paper_of: dict[str, str] = {}  # a DOI, arXiv id or title -> the key of its paper
        self.downloads: dict[str, str] = {}  # a .bib named by a bibtexurl -> its item
        self.collection_items: dict[str, int] = {}
        self.cv_file: str | None = None  # the CV's data file written in docs/

    # -- reading -------------------------------------------------------------------------

    def _files(self, folder: str) -> list[FoundFile]:
        return self.src.files(folder, _is_page)

    def _read(self, path: Path, relative: str) -> JekyllFile | None:
        raw = self.src.read_bytes(FoundFile(path, relative))
        if raw is None:
            return None
        item = parse_jekyll_file(path, relative, raw)
        for problem in item.problems:
            self.report.look(relative, problem, "Front matter")
        if not item.has_front_matter:
            self.report.skip(relative, "no front matter, so Jekyll did not make it a page")
            return None
        if not is_published(item.data):
            self.report.skip(relative, "published: false")
            return None
        self._own_host_paths(item)
        return item

    def _listing_for(self, name: str) -> str | None:
        """The directive for a loop over ``name``, or for the CV drawn from _data/cv.json."""
        if name == CV_DATA:
            return f"```{{cv}}\n:data: {self.cv_file}\n```" if self.cv_file else None
        return self._directive_for(name)

    def _own_host_paths(self, item: JekyllFile) -> None:
        """A permalink or redirect_from naming the site's own host, as that path of the site.

        Jekyll took ``https://ada.github.io/404/`` for a path and served it at
        ``/https:/ada.github.io/404/``; its author meant ``/404/``.
        """
        for key in ("permalink", "redirect_from"):
            value = item.data.get(key)
            urls = value if isinstance(value, list) else [value]
            paths = [
                within_site(url, self.config.url) if isinstance(url, str) else url for url in urls
            ]
            if paths == urls:
                continue
            item.data[key] = paths if isinstance(value, list) else paths[0]
            item.rewritten_front_matter = True
            for url, path in zip(urls, paths, strict=True):
                if url != path:
                    self.report.settle(
                        item.relative,
                        f"{key} {url} names the site's own host; the path {path} is kept",
                        "Old address",
                    )

    def _directive_for(self, collection: str) -> str | None:
        if collection == "publications":
            return "```{publications}\n```"
        if collection == "posts":
            return "```{collection} posts\n:group-by: year\n```"
        if collection in self.config.collections or collection in DEFAULT_COLLECTIONS:
            return f"```{{collection}} {collection}\n```"
        if collection == "pages":  # Jekyll's site.pages: the pages outside collections
            return "```{collection} /\n:sort: title\n```"
        if collection == "collections":  # a sitemap's loop over every collection
            return self._every_collection()
        return None

    def _every_collection(self) -> str:
        names = ["publications"] if self.entries else []
        names += sorted(name for name in self.collection_items if name != "posts")
        parts = [
            f"```{{rubric}} {name.replace('_', ' ').title()}\n```\n\n{self._directive_for(name)}"
            for name in names
        ]
        return "\n\n".join(parts)

    def _body(self, item: JekyllFile) -> str:
        if item.path.suffix.lower() in {".html", ".htm"}:
            body, title, notes = html_page_body(item.body, self._listing_for)
            if title and not item.data.get("title"):
                item.data["title"] = title
                item.rewritten_front_matter = True
            for note in notes:
                self._note(item.relative, _in_file(note, item.body_line))
            return body
        body, notes = translate(item.body, self._listing_for)
        body, fixes = fix_markdown(body)
        for note in [*notes, *fixes]:
            self._note(item.relative, _in_file(note, item.body_line))
        return body

    def _note(self, relative: str, note: str) -> None:
        """A note on a page body, reported by what it asks of a person."""
        kind, settled = body_note_kind(note)
        if "include cv-template.html" in note and self.src.file("_data/cv.json") is None:
            # The template's CV page draws _data/cv.json; without it, it showed nothing.
            kind, settled = "Liquid that shows nothing removed", True
            note += " (it shows _data/cv.json, which the site does not have)"
        note = note.replace("Liquid removed: ", "", 1)  # the kind says so
        if settled:
            self.report.settle(relative, note, kind)
        else:
            self.report.look(relative, note, kind)

    # -- pages and collections -------------------------------------------------------------

    def cv_data(self) -> None:
        """academicpages' _data/cv.json as docs/cv.yaml, the data of the {cv} directive."""
        found = self.src.file("_data/cv.json")
        raw = self.src.read_bytes(FoundFile(found, "_data/cv.json")) if found else None
        if raw is None:
            return
        listed_elsewhere = {"publications": "publications.bib"} if self.entries else {}
        for key, folder in (("presentations", "talks"), ("teaching", "teaching")):
            if self.collection_items.get(folder):
                listed_elsewhere[key] = f"the pages of {folder}/"
        data = convert_cv_json(raw.decode("utf-8", errors="replace"), listed_elsewhere)
        if not self.dest.write_text(f"docs/{data.name}", data.text, "_data/cv.json"):
            return
        self.cv_file = data.name
        self.report.convert("_data/cv.json")
        for note in data.settled:
            self.report.settle("_data/cv.json", note, "CV data")
        for problem in data.problems:
            self.report.look("_data/cv.json", problem, "CV data")

    def pages(self) -> None:
        for path, relative in self._files("_pages"):
            item = self._read(path, relative)
            if item is None:
                continue
            name = "index" if as_list(item.data.get("permalink")) == ["/"] else slug(path.stem)
            default = None
            if not item.data.get("permalink"):
                default = page_url(relative, self.config.permalink_style)
            if default:
                self.report.settle(
                    relative, f"no permalink; its old address {default} is kept", "Old address"
                )
            self.plan.add(self._document(item, name, default, "page"))
            self.report.convert(relative)

    def _document(self, item: JekyllFile, docname: str, default: str | None, kind: str) -> Document:
        body = self._body(item)
        return Document(
            docname=docname,
            source=item.relative,
            data=item.data,
            front_matter=item.front_matter,
            body=body,
            changed=item.rewritten_front_matter,
            default_url=default,
            kind=kind,
        )

    def _collection_names(self) -> list[str]:
        names = [name for name in DEFAULT_COLLECTIONS if name != "publications"]
        names += [
            name
            for name, settings in self.config.collections.items()
            if name not in names
            and name not in {"publications", "posts"}
            and settings.get("output", True) is not False
        ]
        return names

    def collections(self) -> None:
        for name in self._collection_names():
            published = 0
            pattern = str(self.config.collections.get(name, {}).get("permalink", ""))
            for path, relative in self._files(f"_{name}"):
                item = self._read(path, relative)
                if item is None:
                    continue
                inner = Path(relative).relative_to(f"_{name}").with_suffix("").as_posix()
                default = None
                if not item.data.get("permalink"):
                    jekyll_item = Item(relative, name, item.data)
                    default = document_url(jekyll_item, self.config.permalink_style, pattern)
                docname = f"{name}/{'/'.join(slug(part) for part in inner.split('/'))}"
                self.plan.add(self._document(item, docname, default, name))
                self.report.convert(relative)
                published += 1
            if published or self.src.has_folder(f"_{name}"):
                self.collection_items[name] = published

    def posts(self) -> None:
        today = dt.date.today()
        published = 0
        for path, relative in self._files("_posts"):
            item = self._read(path, relative)
            if item is None:
                continue
            date = _post_date(item.data.get("date"), path.stem)
            if date and date > today and not self.config.future:
                self.report.skip(relative, f"dated {date}, in the future (Jekyll's future: false)")
                continue
            default = None
            if not item.data.get("permalink"):
                post = Item(relative, "posts", item.data)
                default = document_url(post, self.config.permalink_style)
            self.plan.add(self._document(item, f"posts/{slug(path.stem)}", default, "posts"))
            self.report.convert(relative)
            published += 1
        if published or self.src.has_folder("_posts"):
            self.collection_items["posts"] = published
        for _, relative in self._files("_drafts"):
            self.report.skip(relative, "a draft: Jekyll does not publish drafts")

    def listings(self) -> None:
        """A listing page for each collection whose listing URL no page serves."""
        claimed = {_file(url) for doc in self.plan.documents for _, url in doc.urls()}
        menu = [url for _, url in self.config.navigation]
        wanted = ["publications"] if self.entries else []
        wanted += [name for name, count in self.collection_items.items() if count]
        for name in wanted:
            candidates = ["/year-archive/", "/posts/"] if name == "posts" else [f"/{name}/"]
            url = next((url for url in candidates if url in menu), candidates[0])
            if _file(url) in claimed:
                continue
            title = "Blog posts" if name == "posts" else name.replace("_", " ").title()
            self.plan.add(
                Document(
                    docname=slug(url.strip("/")),
                    source=f"(listing of {name})",
                    data={"title": title, "permalink": url},
                    front_matter=None,
                    body=self._directive_for(name) or "",
                    kind="listing",
                )
            )
        served = {_file(url) for doc in self.plan.documents for _, url in doc.urls()}
        for title, url in self.config.navigation:
            if url.startswith("/") and _file(url) not in served:
                self.report.look(
                    "_data/navigation.yml",
                    f"menu item {title!r} links to {url}, which no page serves",
                    "Menu link to nothing",
                )

    # -- publications ------------------------------------------------------------------------

    def publications(self) -> int:
        published = 0
        for path, relative in self._files("_publications"):
            item = self._read(path, relative)
            if item is None:
                continue
            key = entry_key(path.stem, self.taken_keys)
            if not item.data.get("permalink"):
                item.data["permalink"] = f"/publications/{path.stem}/"
            entry, notes = publication_entry(item, key, self.config.categories, self.config.url)
            for note in notes:
                self.report.look(relative, note, "Publication")
            self.entries[key] = entry
            self._known(key, entry)
            download = download_path(str(entry.fields.get("bibtexurl", "")))
            if download:
                self.downloads[download] = relative
            self.report.convert(relative)
            published += 1
        for found in self.src.files(wanted=_is_site_bib):
            self._site_bib(found)
        return published

    def _known(self, key: str, entry: Entry) -> None:
        for identity in identities(entry):
            self.paper_of.setdefault(identity, key)

    def _site_bib(self, found: FoundFile) -> None:
        """A .bib of the site: its entries merged into the papers they are, or added."""
        relative = found.relative
        raw = self.src.read_bytes(found)
        if raw is None:
            return
        text = raw.decode("utf-8-sig", errors="replace")
        bib = read_bib(text)
        if isinstance(bib, str):
            self.report.look(
                relative, f"not readable as BibTeX ({bib}); copied as it was", "BibTeX file"
            )
            self.bib_texts.append(f"% From {relative}, as it was.\n{text.strip()}\n")
            return
        owner = self.downloads.get(relative)
        added: dict[str, Entry] = {}
        for bib_key, entry in bib.entries.items():
            paper = next((self.paper_of[i] for i in identities(entry) if i in self.paper_of), None)
            if paper is not None:
                merge_into(self._entry(paper), entry)
            elif owner is not None:
                self.report.skip(
                    relative,
                    f"entry {bib_key!r} is not the paper of {owner}, which offers this file"
                    " as its BibTeX download; the file is kept as a download only",
                )
            elif is_template_sample(entry):
                self.report.skip(
                    relative,
                    f"entry {bib_key!r} is the academicpages template's sample ('An Example "
                    "Article'), not a publication of the site; the file is kept as a download",
                )
            else:
                key = entry_key(bib_key, self.taken_keys)
                added[key] = entry
                self._known(key, entry)
        if added:
            self.bib_entries.update(added)
            # Written last: a later file may still merge into these entries.
            self.bib_added.append((relative, added))
        self.report.convert(relative)

    def _entry(self, key: str) -> Entry:
        return self.entries.get(key) or self.bib_entries[key]

    # -- writing ------------------------------------------------------------------------------

    def copy_static(self) -> None:
        for folder in STATIC_FOLDERS:
            if not self.src.has_folder(folder):
                continue
            for found in self.src.files(folder):
                if self.dest.copy(found.path, f"docs/{found.relative}", found.relative):
                    self.static_files.add(found.relative)
            self.report.convert(f"{folder}/")

    def _settle_paper_urls(self) -> None:
        """Old paper URLs that a page, or an earlier paper, already serves are dropped."""
        owners = {_file(url): doc.source for doc in self.plan.documents for _, url in doc.urls()}
        for key, entry in self.entries.items():
            kept = []
            for url in str(entry.fields.get("redirect_from", "")).split():
                owner = owners.get(_file(url))
                if owner is None and _file(url) is not None:
                    owners[_file(url)] = f"publication {key}"
                    kept.append(url)
                else:
                    self.report.settle(
                        f"publication {key}",
                        f"old URL {url} is also claimed by {owner}, which keeps it",
                        "Old URL claimed twice",
                    )
            if kept:
                entry.fields["redirect_from"] = " ".join(kept)
            else:
                entry.fields.pop("redirect_from", None)

    def _report_dangling_links(self) -> None:
        """Links to the site's own URLs that nothing in the new site serves."""
        served = {_file(url) for doc in self.plan.documents for _, url in doc.urls()}
        for doc in self.plan.documents:
            served.add(_file(f"/{doc.docname}/"))
        served |= {_file(f"/publications/{key}/") for key in self.entries}
        served |= {
            _file(url)
            for e in self.entries.values()
            for url in str(e.fields.get("redirect_from", "")).split()
        }
        generated = {"publications.bib", "publications.atom", "sitemap.xml", "robots.txt"}
        own = self.config.url.rstrip("/")
        targets = [
            (doc.source, link) for doc in self.plan.documents for link in site_links(doc.body, own)
        ]
        for key, entry in self.entries.items():
            for name in _site_link_fields(entry):  # links to the old host, now within the site
                targets.append((f"publication {key}", str(entry.fields[name])))
        for source, link in dict.fromkeys(targets):  # a link written twice, reported once
            if link.startswith("//"):  # another host, named without its scheme
                continue
            parts = split_url(link)
            if parts is None:  # not a link anything can follow
                continue
            path = unquote(parts.path).lstrip("/")
            written = resolve_inside(self.docs, path)
            if path in generated or (written and written.is_file()) or _file(link) in served:
                continue
            if not (self._served_by_this_site(path) and self._unlink(source, link)):
                self.report.look(
                    source, f"links to {link}, which is not part of the imported site", "Lost link"
                )

    def _served_by_this_site(self, path: str) -> bool:
        """Whether only this site could have served ``path`` on its host, and did not.

        On a host such as github.io, /Repo/... is another repository's site: those links
        stay for a person. A file at the top, or under one of the site's own folders, was
        this site's to serve; missing from the site, it was "not found" there too.
        """
        first, _, rest = path.partition("/")
        if self.src.file(path) is not None:
            return False
        if not rest:
            return "." in first
        return first in _OWN_FOLDERS or self.src.has_folder(first)

    def _unlink(self, source: str, link: str) -> bool:
        """A link that was broken on the old site too, made text; whether there was one."""
        changed = False
        for doc in self.plan.documents:
            if doc.source == source:
                body = unlink(unlink(doc.body, link), f"{self.config.url.rstrip('/')}{link}")
                changed |= body != doc.body
                doc.body = body
        for key, entry in self.entries.items():
            if source == f"publication {key}":
                for name in _site_link_fields(entry):
                    if str(entry.fields[name]) == link:
                        del entry.fields[name]
                        changed = True
        if changed:
            self.report.settle(
                source,
                f"{link}: not in the site, so not found on the old site either; made plain text",
                "Link broken on the old site too",
            )
        return changed

    def write(self) -> None:
        if not any(doc.docname == "index" for doc in self.plan.documents):
            self.plan.add(
                Document(
                    "index",
                    "(home page)",
                    {"title": self.config.title, "permalink": "/"},
                    None,
                    self.config.description or "",
                    kind="listing",
                )
            )
        self.plan.settle_urls(self.report)
        self._settle_paper_urls()
        self._report_dangling_links()
        for document in self.plan.documents:
            self.dest.write_text(f"docs/{document.docname}.md", document.text(), document.source)
        bib = bibtex_text(self.entries)
        added = [
            f"% From {relative}.\n{bibtex_text(entries)}" for relative, entries in self.bib_added
        ]
        bib_text = "\n".join(part for part in [bib, *added, *self.bib_texts] if part)
        self.dest.write_text("publications.bib", bib_text, "(publications)")
        every_entry = [*self.entries.values(), *self.bib_entries.values()]
        files = project_files(self.config, self.plan, bool(self.entries), link_buttons(every_entry))
        for relative, text in files.items():
            self.dest.write_text(relative, text, "(project files)")
        write_vendored(self.dest)

    def _check_avatar(self) -> None:
        """academicpages names the avatar by its file name in images/."""
        avatar = self.config.author.pop("avatar", "")
        if not avatar:
            return
        path = avatar if avatar.startswith(("http://", "https://")) else ""
        copied = posixpath.normpath(f"images/{avatar.lstrip('/')}")
        if not path and copied in self.static_files:
            path = f"/{copied}"
        if path:
            self.config.author["avatar"] = path
        elif self.src.file(copied) is None:
            self.report.settle(
                "_config.yml",
                f"author avatar {avatar!r} is not in images/ (the old site showed no picture "
                "either); left out",
                "Missing author picture",
            )
        else:
            self.report.look(
                "_config.yml",
                f"author avatar {avatar!r} could not be copied; left out",
                "Lost link",
            )

    def run(self) -> Report:
        self.config = read_site_config(self.src, self.report)
        self.copy_static()
        self._check_avatar()
        publications = self.publications()
        self.collections()
        self.posts()
        self.cv_data()
        self.pages()
        self.listings()
        self.write()
        self.report.counts["publications"] = (publications, len(self.entries))
        for name, count in self.collection_items.items():
            written = sum(1 for doc in self.plan.documents if doc.kind == name)
            self.report.counts[name] = (count, written)
        self.dest.write_text("IMPORT_REPORT.md", self.report.render(), "(import report)")
        return self.report


# academicpages' own folders of files: a link into one is this site's even when it is absent.
_OWN_FOLDERS = frozenset({"images", "files", "assets"})


def _in_file(note: str, body_line: int) -> str:
    """A note on the body ("line 3: ...") with the line of the file it is on."""
    match = _NOTE_LINE.match(note)
    if match is None:
        return note
    return f"line {int(match.group(1)) + body_line - 1}: {note[match.end() :]}"


def _site_link_fields(entry: Entry) -> list[str]:
    """The fields of an entry that link to a path of the site: "/files/paper.pdf"."""
    return [
        name
        for name, value in entry.fields.items()
        if name != "redirect_from" and str(value).startswith("/") and " " not in str(value)
    ]


def _is_page(relative: str, is_folder: bool) -> bool:
    return is_folder or PurePosixPath(relative).suffix.lower() in _TEXT_SUFFIXES


def _is_site_bib(relative: str, is_folder: bool) -> bool:
    """A .bib file of the site: not of its build output, its gems, its packages or dot-folders."""
    first = relative.split("/", 1)[0]
    if first in {"_site", "vendor", "node_modules"} or first.startswith("."):
        return False
    return is_folder or relative.lower().endswith(".bib")


def _file(url: str) -> str | None:
    try:
        return site_path(url).file
    except UnsafeURLError:
        return None


def _post_date(value: Any, stem: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATED.match(stem)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return None


def import_site(src: Path, dest: Path, force: bool = False) -> Report:
    """Import ``src`` into ``dest``; refused (nothing written) if they overlap."""
    config, pages = resolve_inside(src, "_config.yml"), resolve_inside(src, "_pages")
    if not (config and config.is_file()) and not (pages and pages.is_dir()):
        msg = f"{src} does not look like an academicpages (Jekyll) site: no _config.yml or _pages"
        raise FileNotFoundError(msg)
    problem = overlap(src, dest)
    if problem:
        raise ImportRefusedError(f"{problem}; choose another DEST")
    if dest.exists() and not dest.is_dir():
        raise ImportRefusedError(f"{dest} is not a folder")
    if dest.exists() and any(dest.iterdir()) and not force:
        msg = f"{dest} is not empty; use --force to write into it"
        raise DestinationNotEmptyError(msg)
    dest.mkdir(parents=True, exist_ok=True)
    return Importer(src.resolve(), dest.resolve()).run()
