"""Files a page names stay inside the project: nothing else on the machine reaches the site.

A page can name files: images and downloads, which the build publishes, and files it
includes as text. Pages may come from pull requests or from a site made by someone else
(the importer), so a path such as ``/../../../proc/self/environ``, or a symlink in the
source that leads there, must not publish the build's secrets. Published files must be
inside the source directory; included text may also come from the rest of the project
(the folder that holds it, for the common ``{include} ../README.md``). Anything else is
refused with a warning naming the page and line, and the rest of the page still builds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst.directives.misc import Raw
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.patches import CSVTable
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .confinement import is_inside, project_root

logger = logging.getLogger(__name__)


def _warn(what: str, value: str, root: str, location: Any) -> None:
    logger.warning(
        f"{what} {value!r} is outside {root}; it is left out",
        location=location,
        type="scholarpages",
        subtype="confinement",
    )


def _is_remote(uri: str) -> bool:
    return "://" in uri or uri.startswith("data:")


class ConfinePublishedFiles(SphinxTransform):
    """Drop images and downloads whose file is outside the source directory."""

    # After the publications lists are built (800: their entries carry preview images),
    # before Sphinx's DoctreeReadEvent (880), whose collectors copy the files.
    default_priority = 870

    def apply(self, **kwargs: Any) -> None:
        srcdir = Path(self.env.srcdir)
        docname = self.env.docname
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if uri and not _is_remote(uri) and not self._inside(uri, docname, srcdir):
                _warn("image", uri, "the source directory", image)
                image.parent.remove(image)
        for download in list(self.document.findall(addnodes.download_reference)):
            target = str(download.get("reftarget", ""))
            if target and "://" not in target and not self._inside(target, docname, srcdir):
                _warn("download", target, "the source directory", download)
                download.replace_self(nodes.Text(download.astext()))

    def _inside(self, uri: str, docname: str, srcdir: Path) -> bool:
        try:
            _, path = self.env.relfn2path(uri, docname)
        except (OSError, ValueError, RuntimeError):
            return False
        folder = Path(path).parent
        # A "*" picks a file among candidates: each of them must be inside.
        candidates = sorted(folder.glob(Path(path).name)) if "*" in path else [Path(path)]
        return is_inside(folder, srcdir) and all(is_inside(c, srcdir) for c in candidates)


def confine_included_text(app: Sphinx, relative: Path, docname: str, content: list[str]) -> None:
    """An ``include`` of a file outside the project includes nothing (include-read event)."""
    if not is_inside(Path(app.srcdir) / relative, project_root(app.srcdir)):
        _warn("included file", str(relative), "the project", docname)
        content[0] = ""


def _refused(directive: Directive, value: str | None, path: Path | None) -> bool:
    """Whether a directive that reads ``value`` (found at ``path``) must not: outside the
    project, or a URL (the build reads nothing from the network)."""
    env = directive.state.document.settings.env
    location = (env.docname, directive.lineno)
    if "url" in directive.options:
        _warn(f"{directive.name} url", directive.options["url"], "the project", location)
        return True
    if value is None:
        return False
    if path is not None and is_inside(path, project_root(env.srcdir)):
        return False
    _warn(f"{directive.name} file", value, "the project", location)
    return True


def _sphinx_path(directive: Directive, value: str) -> Path | None:
    """Where Sphinx finds a file a page names: ``/x`` from the source directory."""
    env = directive.state.document.settings.env
    try:
        return Path(env.relfn2path(value, env.docname)[1])
    except (OSError, ValueError, RuntimeError):
        return None


def _docutils_path(directive: Directive, value: str) -> Path:
    """Where docutils finds it: from the page's folder, or an absolute path as it is."""
    return Path(directive.state.document.current_source or "").parent / value


class ConfinedLiteralInclude(LiteralInclude):
    def run(self) -> list[nodes.Node]:
        value = self.arguments[0]
        if _refused(self, value, _sphinx_path(self, value)):
            return []
        return super().run()


class ConfinedCSVTable(CSVTable):
    def run(self) -> list[nodes.Node]:  # type: ignore[override]
        value = self.options.get("file")
        # Sphinx reads "/x" from the source directory, unless a file /x exists.
        path = None
        if value is not None:
            absolute = value.startswith("/") and Path(value).exists()
            path = _docutils_path(self, value) if absolute else _sphinx_path(self, value)
        if _refused(self, value, path):
            return []
        return list(super().run())


class ConfinedRaw(Raw):
    def run(self) -> list[nodes.Node]:
        value = self.options.get("file")
        if _refused(self, value, _docutils_path(self, value) if value else None):
            return []
        return list(super().run())


def setup_page_files(app: Sphinx) -> None:
    app.add_transform(ConfinePublishedFiles)
    app.connect("include-read", confine_included_text)
    app.add_directive("literalinclude", ConfinedLiteralInclude, override=True)
    app.add_directive("csv-table", ConfinedCSVTable, override=True)
    app.add_directive("raw", ConfinedRaw, override=True)
