"""The files a build writes, which a claimed URL must leave alone.

A redirect stub is a file, ``x/index.html`` or ``x.html``. It must not be a file the build
writes (a download, the sitemap, the 404 page), and it must not need a folder where the
build writes a file (``publications.bib/index.html``) or a file where it writes a folder.
Sphinx's own folders (``_static``...) are the build's entirely. Files copied from the
source (static folders, ``html_extra_path``) are looked up on disk when a claim asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..confinement import resolve_inside
from ..upstream.settings import not_found_page
from .site_files import registered_outputs, static_folders

# Folders Sphinx fills itself: everything in them is the build's.
SPHINX_FOLDERS = frozenset({"_static", "_images", "_sources", "_downloads"})
_SPHINX_FILES = {
    "objects.inv": "Sphinx's inventory",
    ".buildinfo": "Sphinx's build record",
    "searchindex.js": "the search index",
    "opensearch.xml": "the OpenSearch description",
    ".nojekyll": "the GitHub Pages marker",
    "CNAME": "the GitHub Pages domain",
}

# Extensions name the files they write, besides documents, by handling this event:
# (app, env) -> mapping of each file to what a warning calls it ("the BibTeX of smith2020").
OUTPUTS_EVENT = "scholarpages-collect-outputs"


@dataclass(frozen=True, slots=True)
class WrittenFile:
    file: str  # relative to the output directory, '/'-separated
    what: str  # how a warning names it: "the BibTeX of smith2020"
    served: bool = True  # False for a file that does not stay where it is first written


def page_file(builder: Builder, pagename: str) -> str:
    """The output file of a page, '/'-separated, relative to the output directory."""
    uri = builder.get_target_uri(pagename)
    return f"{uri}index.html" if uri == "" or uri.endswith("/") else uri


def not_found_files(app: Sphinx) -> tuple[str, ...]:
    """Where the 404 page is served, ``404.html``, and where dirhtml first writes it."""
    name = not_found_page(app)
    if name is None:
        return ()
    return f"{name}.html", f"{name}/index.html"


def _sphinx_outputs(app: Sphinx) -> Iterator[WrittenFile]:
    builder = app.builder
    for file, what in _SPHINX_FILES.items():
        yield WrittenFile(file, what)
    pages = {"search": "Sphinx's search page"}
    if app.config.html_use_index:
        pages["genindex"] = "Sphinx's index"
    pages.update(dict.fromkeys(app.config.html_additional_pages, "a page of html_additional_pages"))
    for pagename, what in pages.items():
        yield WrittenFile(page_file(builder, pagename), what)
    for index, file in enumerate(not_found_files(app)):
        # Served at the first; dirhtml writes the second, which is then moved.
        yield WrittenFile(file, "the 404 page", served=index == 0)
    for file in registered_outputs(app):
        yield WrittenFile(file, "one of the site's own files")


def _parents(file: str) -> Iterator[str]:
    """``a``, ``a/b`` for ``a/b/c``: the folders a file needs."""
    parts = file.split("/")
    for end in range(1, len(parts)):
        yield "/".join(parts[:end])


class WrittenFiles:
    """What the build writes, growing as claims are accepted; answers why a file is taken."""

    def __init__(self, app: Sphinx, groups: Iterable[Mapping[str, str]]) -> None:
        self._files: dict[str, str] = {}
        self._served: set[str] = set()
        self._folders: set[str] = set()
        # Source folders copied into the output as they are: (output prefix, source folder).
        self._copied = [(f"{folder}/", Path(app.srcdir) / folder) for folder in static_folders(app)]
        self._copied += [("", Path(app.confdir) / extra) for extra in app.config.html_extra_path]
        for written in _sphinx_outputs(app):
            self.add(written.file, written.what, served=written.served)
        for group in groups:
            self.add_all(group)

    def add(self, file: str, what: str, *, served: bool = True) -> None:
        self._files.setdefault(file, what)
        if served:
            self._served.add(file)
        self._add_folders(file.rpartition("/")[0])

    def add_all(self, files: Mapping[str, str]) -> None:
        """Many served files at once: every build names thousands of paper pages."""
        self._files = {**files, **self._files}  # a file named before keeps its name
        self._served.update(files)
        for folder in {file.rpartition("/")[0] for file in files} - self._folders:
            self._add_folders(folder)

    def _add_folders(self, folder: str) -> None:
        # Deepest folder first: once one is known, so are the folders holding it.
        while folder and folder not in self._folders:
            self._folders.add(folder)
            folder = folder.rpartition("/")[0]

    def serves(self, file: str) -> bool:
        """Whether the finished site has the file ``file``."""
        return file in self._served

    def conflict(self, file: str) -> str | None:
        """Why a redirect cannot be written at ``file``, in words; None if it can."""
        folders = list(_parents(file))
        if folders and folders[0] in SPHINX_FOLDERS:
            return f"{folders[0]}/ is Sphinx's own folder"
        if file in self._files:
            return f"the build writes {self._files[file]} there"
        for folder in folders:
            if folder in self._files:
                return f"it needs a folder {folder}/ where the build writes {self._files[folder]}"
        if file in self._folders:
            return f"the build writes files inside {file}/"
        return self._copied_conflict(file, folders)

    def _copied_conflict(self, file: str, folders: list[str]) -> str | None:
        for prefix, source in self._copied:
            for name in [*folders, file]:
                if not name.startswith(prefix):
                    continue
                found = resolve_inside(source, name.removeprefix(prefix))
                if found is None or not found.exists():
                    continue
                if name == file:
                    return f"{file} is copied there from {source.name}/"
                if not found.is_dir():
                    return f"it needs a folder {name}/ where a file is copied from {source.name}/"
        return None
