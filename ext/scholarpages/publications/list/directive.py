"""The ``{publications}`` directive: a list of entries from the database.

Options choose the entries (``type``, ``years``, ``keyword``, ``author``, ``keys`` or the
directive's content, ``selected``), order them (``sort``), group them (``group-by``) and cut
the list (``limit``). The directive decides which entries a list shows; the entries are put
in by a transform late in reading (see BuildPublicationLists). On the publications page the
listed entries are also registered with sphinxcontrib-bibtex, so ``{cite}`` anywhere on the
site links to them.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ...sphinx_support import choice
from ...upstream import bibtex
from ..cited_copy import CITATION_LIST_PREFIX
from ..database import KNOWN_TYPES, Locate, Publication
from ..domain import publications_domain
from ..loader import database_of
from ..names import OwnerMatcher
from ..paper_page.paper_names import list_anchors
from ..render import OUTPUT_TARGET, RenderSettings, list_entry
from ..settings import GROUPINGS
from .list_pages import ListPage, list_pages_folder, split_list
from .list_reads import note_list_read, parts_read
from .search_box import SEARCH_CHOICES, TERMS, search_box, search_terms, wants_search
from .selection import SORTS, TYPE_GROUPS, Selection, grouped, ordered, parse_years

logger = logging.getLogger(__name__)


def render_settings(config: object) -> RenderSettings:
    return RenderSettings(
        owner=OwnerMatcher(list(config.scholarpages_owner)),  # type: ignore[attr-defined]
        labels=dict(config.scholarpages_buttons),  # type: ignore[attr-defined]
        file_base=str(config.scholarpages_file_base),  # type: ignore[attr-defined]
        max_authors=max(2, int(config.scholarpages_max_authors)),  # type: ignore[attr-defined]
    )


class PublicationsDirective(SphinxDirective):
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "type": directives.unchanged,
        "years": directives.unchanged,
        "keyword": directives.unchanged,
        "author": directives.unchanged,
        "keys": directives.unchanged,
        "selected": directives.flag,
        "group-by": choice(GROUPINGS),
        "sort": choice(SORTS),
        "limit": directives.positive_int,
        "search": choice(SEARCH_CHOICES),
        "page-size": directives.nonnegative_int,
    }

    def _warn(self, message: str) -> None:
        logger.warning(
            message, location=self.get_location(), type="scholarpages", subtype="directive"
        )

    def _selection(self, known_types: set[str]) -> Selection:
        selection = Selection()
        for kind in _words(self.options.get("type", "")):
            selection.types.add(kind.lower())
            if kind.lower() not in known_types:
                close = difflib.get_close_matches(kind.lower(), sorted(known_types), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self._warn(f"unknown publication type {kind!r}{hint}: no entry has it")
        if "years" in self.options:
            try:
                selection.first_year, selection.last_year = parse_years(self.options["years"])
            except ValueError as error:
                self._warn(f"option years ignored: {error}")
        selection.keywords = {word.lower() for word in _words(self.options.get("keyword", ""))}
        if self.options.get("author"):
            selection.author = OwnerMatcher([self.options["author"]])
        selection.keys = [*_words(self.options.get("keys", "")), *_words(" ".join(self.content))]
        selection.selected_only = "selected" in self.options
        return selection

    def run(self) -> list[nodes.Node]:
        pending, _ = self.build_list(self.config.scholarpages_group_by)
        group_by = self.options.get("group-by", self.config.scholarpages_group_by)
        self.note_read(pending, parts_read(self.options, group_by))
        return [pending]

    def note_read(self, pending: publication_list, parts: tuple[str, ...]) -> None:
        """Which parts of the database the list read, and which entries it shows: the page
        is read again when the first change, written again when one of those does."""
        keys = [key for _, _, members in pending["groups"] for key in members]
        note_list_read(self.env, parts, keys)

    def build_list(
        self, default_group_by: str
    ) -> tuple[publication_list, list[tuple[str, str, list[Publication]]]]:
        """The list the options choose, and its groups of entries (the CV shows them too)."""
        app_database = database_of(self.env)
        publications_domain(self.env).lists.add(self.env.docname)
        # The type groups, the entry types BibTeX and biblatex know, and any the file uses.
        known_types = {group for group, _, _ in TYPE_GROUPS} | set(KNOWN_TYPES)
        known_types |= {publication.entry_type for publication in app_database.publications}
        selection = self._selection(known_types)
        known = {publication.key.lower() for publication in app_database.publications}
        for key in selection.keys:
            if key.lower() not in known:
                self._warn(f"no entry with key {key!r} in the publications database")
        chosen = [p for p in app_database.publications if selection.accepts(p)]
        sort = self.options.get("sort", "newest")
        chosen = ordered(chosen, sort)[: self.options.get("limit")]
        group_by = self.options.get("group-by", default_group_by)
        groups = grouped(chosen, group_by, sort == "oldest")
        pending = publication_list(
            groups=[
                (group_id, heading, [publication.key for publication in members])
                for group_id, heading, members in groups
            ],
            heading_level=self._heading_level(),
            main_list=self.env.docname == self.config.scholarpages_publications_page,
            search=self.options.get("search"),
            page_size=self.options.get("page-size", self.config.scholarpages_list_page_size),
        )
        self.set_source_info(pending)
        return pending, groups

    def _heading_level(self) -> int:
        """One level below the section the list is in (the page title counts as one)."""
        depth = int(getattr(self.state.memo, "section_level", 0))
        titled = bool(self.env.metadata[self.env.docname].get("title"))
        return min(6, max(2, depth + 1 + titled))


class publication_list(nodes.General, nodes.Element):  # noqa: N801 - docutils' naming
    """Where a list goes, and which entries it shows; filled in by BuildPublicationLists."""


class list_page(nodes.General, nodes.Element):  # noqa: N801 - docutils' naming
    """The entries of a list one of its pages shows; ``pagename`` is "" for the document's
    own page. Builders other than a site's HTML show every page's entries in place."""


class BuildPublicationLists(SphinxTransform):
    """Put the entries into each list, once the page's own text has been transformed.

    The transforms before this one shape written text (smart quotes, translations, ...):
    entries are shown as the .bib has them. Each entry is read as a target holding its
    preview image only, which Sphinx's domains and image collector see; its content is
    added when the page is written (see entry_html).
    """

    # After smart quotes (750), before the domains collect targets (850).
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        lists = list(self.document.findall(publication_list))
        if not lists:
            return
        database = database_of(self.env)
        by_key, anchors = database.by_key(), list_anchors(database)
        self._lists_cut = 0
        for pending in lists:
            pending.replace_self(self._build(pending, by_key, anchors, database.locate()))

    def _build(
        self,
        pending: publication_list,
        by_key: dict[str, Publication],
        anchors: dict[str, list[str]],
        locate: Locate,
    ) -> list[nodes.Node]:
        container = nodes.container(classes=["sp-publications"])
        citation_nodes: dict[str, nodes.Element] = {}
        total = sum(len(keys) for _, _, keys in pending["groups"])
        searched = wants_search(pending.get("search"), total)
        pages, index_file = self._pages(pending)
        named_groups: set[str] = set()
        # The ids of the entries each further page shows, for links to lead there.
        further: dict[str, list[str]] = {}
        for page in pages:
            shown = list_page(pagename=page.pagename, label=page.label)
            for group_id, heading, keys in page.groups:
                if heading:
                    rubric = nodes.rubric(heading, heading, classes=["sp-group"])
                    rubric["heading-level"] = pending["heading_level"]
                    shown += rubric
                group = nodes.container(classes=["sp-group-entries"])
                for key in keys:
                    entry = self._entry(by_key[key], anchors[key], locate, searched)
                    group += entry
                    citation_nodes.setdefault(key, entry)
                    if page.pagename:
                        further.setdefault(page.pagename, []).extend(entry["ids"])
                shown += group
                if heading and group_id and group_id not in named_groups:
                    # A group cut over pages is a link target where it starts.
                    named_groups.add(group_id)
                    rubric["names"].append(group_id)
                    self.document.note_implicit_target(rubric, rubric)
            container += shown
        if index_file:
            container["index_file"] = index_file
            publications_domain(self.env).list_pages.setdefault(self.env.docname, {}).update(
                further
            )
        if not pending["groups"]:
            container += nodes.paragraph(text="No publications to show.")
        # The box stands right before the list it filters (its script finds the list so).
        listed: list[nodes.Node] = [self._search_box(total), container] if searched else [container]
        if not pending["main_list"]:
            return listed
        self._register_citations(citation_nodes, pending.line or 0)
        download = nodes.reference("", "Download all as BibTeX", classes=["sp-download-all"])
        download[OUTPUT_TARGET] = ("file", "publications.bib")
        return [nodes.paragraph("", "", download, classes=["sp-download"]), *listed]

    def _entry(
        self, publication: Publication, anchors: list[str], locate: Locate, searched: bool
    ) -> nodes.Element:
        entry = list_entry(publication, anchors)
        if searched:
            entry[TERMS] = search_terms(publication)
        for image in entry.findall(nodes.image):
            # A preview refused later (see page_files) is reported at its entry.
            image.source, image.line = locate(publication.line)
        # The same entry may be listed twice on a page; only its first listing is
        # "#key" (note_explicit_target gives the others a fresh id).
        entry["ids"] = [name for name in entry["ids"] if name not in self.document.ids]
        self.document.note_explicit_target(entry, entry)
        return entry

    def _pages(self, pending: publication_list) -> tuple[list[ListPage], str]:
        """The pages the list is shown on, each named (the document's page: ""), and the
        site's file of all their entries ("" for a list of one page)."""
        pages = split_list(pending["groups"], int(pending.get("page_size") or 0))
        if len(pages) == 1:
            return pages, ""
        # A second long list on the page has pages of its own names.
        self._lists_cut += 1
        prefix = f"list{self._lists_cut}-" if self._lists_cut > 1 else ""
        folder = list_pages_folder(self.env.docname)
        named = [
            dataclasses.replace(page, pagename=f"{folder}/{prefix}{page.slug}" * bool(page.slug))
            for page in pages
        ]
        taken = [page.pagename for page in named if page.pagename in self.env.found_docs]
        if not taken:
            return named, f"{folder}/{prefix}entries.json"
        logger.warning(
            f"the list is shown whole: its page {taken[0]!r} would take the name of a "
            "document of the site",
            location=pending,
            type="scholarpages",
            subtype="directive",
        )
        whole = tuple(group for page in pages for group in page.groups)
        return [ListPage("", "", whole)], ""

    def _search_box(self, total: int) -> search_box:
        """A box whose id no other element and no other box of the page has."""
        taken = set(self.document.ids) | {box["ident"] for box in self.document.findall(search_box)}
        number = 1
        while f"sp-search-{number}" in taken:
            number += 1
        return search_box(ident=f"sp-search-{number}", total=total)

    def _register_citations(self, citation_nodes: dict[str, nodes.Element], line: int) -> None:
        """Make the listed entries the targets of ``{cite}`` across the site."""
        # Which of these entries are cited is known once every page is read: see
        # narrow_to_cited_entries. Until then the bibliography formats nothing.
        id_ = f"{CITATION_LIST_PREFIX}{line}"
        bibtex.add_citation_list(self.env, id_, line, self.config.bibtex_default_style)
        lists = publications_domain(self.env).citation_lists.setdefault(self.env.docname, {})
        lists[id_] = {key: list(node["ids"]) for key, node in citation_nodes.items()}


def narrow_to_cited_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Let sphinxcontrib-bibtex format only the listed entries that some page cites.

    It formats every entry of a bibliography with pybtex on every build, a no-op one
    included; for the publications list only the cited ones ever need a label.
    """
    bibtex.cite_into_lists(env, publications_domain(env).citation_lists)
    return []


def _words(text: str) -> list[str]:
    return [word for word in text.replace(",", " ").split() if word]
