"""Folders served at the site's root, as Jekyll serves ``images/`` and ``files/``.

Each folder named in ``scholarpages_static_dirs`` (relative to the source directory) is
copied to the same path in the output, so ``/images/x.jpg`` keeps its address. Only what is
inside the source directory is served: a folder named outside it, or a symlink that leads
out of it (``files/env -> /proc/self/environ`` in a pull request), is refused with a warning.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.osutil import copyfile, ensuredir

from ..build_state import state_of
from ..confinement import is_safe_name, resolve_inside, walk_inside

logger = logging.getLogger(__name__)


def register_site_output(app: Sphinx, path: str) -> None:
    """Note a file the build writes, so links to it (``/publications.atom``) resolve."""
    state_of(app).site_outputs.add(path.lstrip("/"))


def registered_outputs(app: Sphinx) -> set[str]:
    return set(state_of(app).site_outputs)


def register_generated_pages(app: Sphinx, pagenames: list[str]) -> None:
    """Note pages an extension wrote, or found written and current, in this build."""
    state_of(app).generated_pages.extend(pagenames)


def generated_pages(app: Sphinx) -> list[str]:
    return state_of(app).generated_pages


def check_static_dirs(app: Sphinx, config: Config) -> None:
    """Keep the folders of ``scholarpages_static_dirs`` that are inside the source directory."""
    kept = []
    for folder in config.scholarpages_static_dirs:
        name = folder.strip("/") if isinstance(folder, str) else ""
        inside = name and all(is_safe_name(part) for part in name.split("/"))
        if inside and resolve_inside(Path(app.srcdir), name) is not None:
            kept.append(name)
            continue
        logger.warning(
            f"scholarpages_static_dirs: {folder!r} is not a folder inside the source "
            "directory; it is not served",
            type="scholarpages",
            subtype="config",
        )
    config.scholarpages_static_dirs = kept


def static_folders(app: Sphinx) -> list[str]:
    return [folder.strip("/") for folder in app.config.scholarpages_static_dirs if folder]


def _is_source_file(app: Sphinx, relative: str) -> bool:
    found = resolve_inside(Path(app.srcdir), relative)
    return found is not None and found.is_file()


def served_file(app: Sphinx, url_path: str) -> str | None:
    """The output path of the file the site serves at ``url_path``, if there is one."""
    relative = unquote(url_path).lstrip("/")
    if not relative or ".." in relative.split("/"):
        return None
    if relative in state_of(app).site_outputs:
        return relative
    for folder in static_folders(app):
        if relative.startswith(folder + "/") and _is_source_file(app, relative):
            return relative
    for extra in app.config.html_extra_path:
        found = resolve_inside(Path(app.confdir) / extra, relative)
        if found is not None and found.is_file():
            return relative
    return None


def copy_site_folders(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
    for folder in static_folders(app):
        # The folder is inside the source directory (check_static_dirs), and so is every
        # file the walk finds in it; a link out of the folder may still lead to a file of
        # the source directory.
        walk = walk_inside(srcdir / folder)
        linked = [
            found
            for found in walk.refused_links
            if _is_source_file(app, f"{folder}/{found.relative}")
        ]
        for found in [*walk.files, *linked]:
            target = outdir / folder / found.relative
            ensuredir(target.parent)
            # An edited file replaces its old copy; an unchanged one is left alone.
            copyfile(found.path, target, force=True)
        for found in walk.refused_links:
            relative = f"{folder}/{found.relative}"
            if resolve_inside(srcdir, relative) is None:
                logger.warning(
                    f"{relative} is a link to outside the source directory; it is not published",
                    location=str(found.path),
                    type="scholarpages",
                    subtype="confinement",
                )
