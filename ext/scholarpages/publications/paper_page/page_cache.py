"""Paper pages are written again only when what they show has changed.

Sphinx writes the pages an extension adds on every build, a no-op one included; with
thousands of entries that is most of a rebuild. Each paper page's inputs (its entry, the
pages citing it, the site's configuration and page titles) are hashed; a page whose hash
and output file are unchanged is left as it is. Pages of removed entries are deleted.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ...build_state import state_of
from ...code_version import code_version
from ...frontmatter.routes import page_file
from ...frontmatter.site_links_domain import routes_digest
from ...store import remove_output
from ...upstream.sphinx_private import build_hashes

# html_* settings are in Sphinx's config hash (build_info), taken before the theme's
# handlers run: pydata-sphinx-theme changes html_theme_options while pages are written, so
# hashing them here would make every page look changed on the next build.
_SETTINGS = ("scholarpages_", "bibtex_", "project", "author", "language")


def _hash(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def output_settings(app: Sphinx) -> tuple[Any, ...]:
    """What shapes every generated output besides its own inputs: builder, settings, tags."""
    config_hash, tags_hash = build_hashes(app.builder)
    # The settings that shape a page; "env" ones are not in Sphinx's config hash.
    settings = sorted(
        (item.name, repr(item.value)) for item in app.config if item.name.startswith(_SETTINGS)
    )
    extensions = sorted((name, str(loaded.version)) for name, loaded in app.extensions.items())
    return (
        app.builder.name,
        config_hash,
        tags_hash,
        settings,
        extensions,
    )


def site_digest(app: Sphinx) -> str:
    """What every generated page shows besides its own content: the code that writes it
    (code_version), the builder and settings, the site's page titles (its navigation), and
    where its URLs lead (the site links an entry holds, ``html = {/talks/x/}``)."""
    titles = sorted((name, title.astext()) for name, title in app.env.titles.items())
    return _hash((code_version(), output_settings(app), titles, routes_digest(app.env)))


class PageCache:
    def __init__(self, app: Sphinx) -> None:
        self._app = app
        self._outdir = Path(app.outdir)
        self._store = state_of(app).store
        self._record = f"pages-{app.builder.name}"
        # Of any version: the pages it lists that are not written any more are removed.
        stored = self._store.load(self._record, any_version=True)
        if not isinstance(stored, dict):
            stored = {}
        self._previous_all: str = stored.get("all", "")
        self._previous: dict[str, str] = stored.get("pages", {})
        # Each page's output file, as the build that wrote it named it.
        self._previous_files: dict[str, str] = stored.get("files", {})
        self._current: dict[str, str] = {}
        self._site = site_digest(app)
        self._all = ""
        self._all_fresh = False

    def _output(self, pagename: str) -> str:
        # Strings, not Paths: a rebuild checks thousands of them, and a Path each is slower.
        return f"{self._outdir}/{page_file(self._app.builder, pagename)}"

    def all_fresh(self, inputs: Any) -> bool:
        """True if the pages were all written from these inputs and are all still there.

        A rebuild where nothing changed then costs one hash, not one per page.
        """
        self._all = _hash((self._site, inputs))
        if self._all != self._previous_all or self._previous_files.keys() != self._previous.keys():
            return False
        # The same inputs and settings name the same files: no need to name them again.
        outdir = str(self._outdir)
        self._all_fresh = all(
            os.path.isfile(f"{outdir}/{file}")  # noqa: PTH113 - see _output
            for file in self._previous_files.values()
        )
        return self._all_fresh

    def pages(self) -> list[str]:
        """The pages of this build: all the earlier ones if all are fresh, else those recorded."""
        return list(self._previous if self._all_fresh else self._current)

    def is_fresh(self, pagename: str, inputs: Any) -> bool:
        """Record the page's inputs; True if its file already shows exactly them."""
        digest = _hash((self._site, inputs))
        self._current[pagename] = digest
        if self._previous.get(pagename) != digest:
            return False
        # The same inputs and settings name the same file as before: no need to name it.
        file = self._previous_files.get(pagename)
        output = f"{self._outdir}/{file}" if file is not None else self._output(pagename)
        return os.path.isfile(output)  # noqa: PTH113 - see _output

    def save(self) -> None:
        for gone in self._previous.keys() - self._current.keys():
            # A page of the site may have the name now (an entry's page moved for it).
            if gone not in self._app.env.found_docs:
                remove_output(Path(self._output(gone)), self._outdir)
        files = {pagename: page_file(self._app.builder, pagename) for pagename in self._current}
        self._store.save(self._record, {"all": self._all, "pages": self._current, "files": files})
