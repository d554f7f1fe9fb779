"""The ``{cv}`` directive: the CV page, from a data file and publications.bib.

Each section of the data file becomes a section of the page (so it is listed in "On this
page"); the publications section is a ``{publications}`` list with the same options; talks
and teaching come from the site's ``talks/`` and ``teaching/`` folders when the data file
does not list them. What the PDF is made from is kept per page in the ``CVDomain``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains import Domain
from sphinx.util import logging

from ..collections.directive import collection_listing, note_listed_folder
from ..collections.items import in_folder
from ..confinement import resolve_inside
from ..publications.list.directive import PublicationsDirective, render_settings
from ..publications.list.list_reads import WHOLE_DATABASE, note_list_read
from ..publications.loader import database_of
from ..publications.render import OUTPUT_TARGET
from ..theme.site_url import site_url
from .data import CV, Section, read_cv
from .html import basics_nodes, entry_nodes
from .papers import paper_groups
from .schema import CANONICAL_ORDER

logger = logging.getLogger(__name__)

DEFAULT_DATA = ("cv.yaml", "cv.yml", "cv.json")
# The site's own folders that make a section when the data file does not list it.
COLLECTION_SECTIONS = (("presentations", "talks", "Talks"), ("teaching", "teaching", "Teaching"))


class CVDomain(Domain):
    """What each CV page's PDF is made from, kept per page (merged for parallel reads)."""

    name = "scholarpages-cv"
    label = "CV"
    initial_data: ClassVar[dict[str, Any]] = {"pages": {}}

    @property
    def pages(self) -> dict[str, dict[str, Any]]:
        pages: dict[str, dict[str, Any]] = self.data["pages"]
        return pages

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["pages"]:
                self.pages[docname] = otherdata["pages"][docname]


def _place(sections: list[Any], key: str, item: Any, key_of: Callable[[Any], str]) -> None:
    """Insert ``item`` where JSON Resume's order puts ``key`` among the file's sections."""
    rank = CANONICAL_ORDER.index(key)
    for index, other in enumerate(sections):
        other_key = key_of(other)
        if other_key in CANONICAL_ORDER and CANONICAL_ORDER.index(other_key) > rank:
            sections.insert(index, item)
            return
    sections.append(item)


class CVDirective(PublicationsDirective):
    """``{cv}`` with ``:data:`` (default cv.yaml, cv.yml or cv.json beside the page) and the
    options of ``{publications}`` for its publications (grouped by type by default)."""

    _path: Path | None = None

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **PublicationsDirective.option_spec,
        "data": directives.unchanged_required,
    }

    def _data_path(self) -> Path | None:
        names = [self.options["data"]] if "data" in self.options else list(DEFAULT_DATA)
        for name in names:
            relative, _ = self.env.relfn2path(name.strip())
            path = resolve_inside(Path(self.env.srcdir), relative)
            if path is not None and path.is_file():
                return path
        if "data" in self.options:
            self._warn_cv(f"no data file {self.options['data']!r} in the site's source folder")
        return None

    def _warn_cv(self, message: str, location: str | None = None, subtype: str = "cv") -> None:
        logger.warning(
            message, location=location or self.get_location(), type="scholarpages", subtype=subtype
        )

    def _read(self) -> CV:
        path = self._path = self._data_path()
        if path is None:
            return CV()
        self.env.note_dependency(str(path))
        cv, problems = read_cv(path)
        for problem in problems:
            self._warn_cv(problem.message, f"{path}:{problem.line}", problem.subtype)
        return cv

    def _section(self, key: str, heading: str, line: int = 0) -> nodes.section:
        section = nodes.section(classes=["sp-cv-section", f"sp-cv-{key}"])
        section["names"].append(nodes.fully_normalize_name(heading))
        section += nodes.title(heading, heading)
        self.state.document.note_implicit_target(section, section)
        section.source, section.line = self.get_source_info()[0], line or self.lineno
        return section

    def run(self) -> list[nodes.Node]:
        cv = self._read()
        payload_sections: list[dict[str, Any]] = []
        page_sections: list[nodes.section] = []
        order: list[tuple[str, dict[str, Any], nodes.section]] = []

        has_papers = bool(database_of(self.env).publications)
        # Whether there are papers, and every field of them, is read: any edit reads it again.
        note_list_read(self.env, WHOLE_DATABASE, [])
        for section in cv.sections:
            if section.key == "publications" and has_papers:
                self._warn_cv(
                    "the data file's publications are not shown: the CV lists those of "
                    "publications.bib",
                    f"{self._path}:{section.line}",
                    "cv.publications",
                )
                continue
            if not section.entries:
                continue
            order.append((section.key, *self._data_section(section)))
        if has_papers:
            _place(order, "publications", ("publications", *self._papers()), lambda o: o[0])
        given = {section.key for section in cv.sections if section.entries}
        for key, folder, heading in COLLECTION_SECTIONS:
            if key not in given and any(in_folder(name, folder) for name in self.env.found_docs):
                _place(order, key, (key, *self._collection(folder, heading)), lambda o: o[0])
        for _, payload, node in order:
            payload_sections.append(payload)
            page_sections.append(node)

        pdf = str(self.config.scholarpages_cv_pdf).strip("/")
        result: list[nodes.Node] = []
        if pdf:
            download = nodes.reference("", "Download as PDF", classes=["sp-cv-pdf"])
            download[OUTPUT_TARGET] = ("file", pdf)
            result.append(nodes.paragraph("", "", download, classes=["sp-cv-download"]))
        if cv.basics is not None:
            result.append(basics_nodes(cv.basics))
        result.extend(page_sections)
        domain = self.env.get_domain(CVDomain.name)
        assert isinstance(domain, CVDomain)
        domain.pages[self.env.docname] = {
            "pdf": pdf,
            "basics": dataclasses.asdict(cv.basics) if cv.basics else None,
            "sections": payload_sections,
        }
        return result

    def _data_section(self, section: Section) -> tuple[dict[str, Any], nodes.section]:
        node = self._section(section.key, section.heading)
        for entry in section.entries:
            node += entry_nodes(entry)
        payload = {
            "heading": section.heading,
            "entries": [dataclasses.asdict(entry) for entry in section.entries],
        }
        return payload, node

    def _papers(self) -> tuple[dict[str, Any], nodes.section]:
        node = self._section("publications", "Publications")
        pending, groups = self.build_list(default_group_by="type")
        self.note_read(pending, WHOLE_DATABASE)
        # Group headings one level below the section's.
        pending["heading_level"] = min(6, pending["heading_level"] + 1)
        node += pending
        settings = render_settings(self.config)
        payload = {
            "heading": "Publications",
            "groups": paper_groups(groups, settings, site_url(self.config)),
        }
        return payload, node

    def _collection(self, folder: str, heading: str) -> tuple[dict[str, Any], nodes.section]:
        node = self._section(folder, heading)
        listing = collection_listing(
            folder=folder,
            sort="newest",
            group_by="none",
            limit=0,
            heading_level=6,
        )
        self.set_source_info(listing)
        node += listing
        note_listed_folder(self.env, self.env.docname, folder)
        # Filled in from the folder's pages once every page is read (see pdf_payload).
        return {"heading": heading, "collection": folder, "entries": []}, node
