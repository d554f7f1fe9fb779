"""Folders served at the site's root, as Jekyll serves ``images/`` and ``files/``.

Each folder named in ``scholarpages_static_dirs`` (relative to the source directory) is
copied to the same path in the output, so ``/images/x.jpg`` keeps its address.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.fileutil import copy_asset

# Files the build itself writes at the site's root (a feed, a sitemap), by project.
_OUTPUTS: dict[str, set[str]] = {}
# Pages written outside Sphinx's documents (a page per paper) that this build leaves in the
# output, by project.
_GENERATED: dict[str, list[str]] = {}


def register_site_output(app: Sphinx, path: str) -> None:
    """Note a file the build writes, so links to it (``/publications.atom``) resolve."""
    _OUTPUTS.setdefault(str(app.srcdir), set()).add(path.lstrip("/"))


def registered_outputs(app: Sphinx) -> set[str]:
    return set(_OUTPUTS.get(str(app.srcdir), set()))


def register_generated_pages(app: Sphinx, pagenames: list[str]) -> None:
    """Note the pages an extension wrote, or found written and current, in this build."""
    _GENERATED[str(app.srcdir)] = pagenames


def generated_pages(app: Sphinx) -> list[str]:
    return _GENERATED.get(str(app.srcdir), [])


def static_folders(app: Sphinx) -> list[str]:
    return [folder.strip("/") for folder in app.config.scholarpages_static_dirs if folder]


def served_file(app: Sphinx, url_path: str) -> str | None:
    """The output path of the file the site serves at ``url_path``, if there is one."""
    relative = unquote(url_path).lstrip("/")
    if not relative or ".." in relative.split("/"):
        return None
    if relative in _OUTPUTS.get(str(app.srcdir), set()):
        return relative
    for folder in static_folders(app):
        if relative.startswith(folder + "/") and (Path(app.srcdir) / relative).is_file():
            return relative
    for extra in app.config.html_extra_path:
        if (Path(app.confdir) / extra / relative).is_file():
            return relative
    return None


def copy_site_folders(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    for folder in static_folders(app):
        source = Path(app.srcdir) / folder
        if source.is_dir():
            # force: an image edited in the source replaces its old copy.
            copy_asset(source, Path(app.outdir) / folder, force=True)
