"""Which pages refer to which entries, kept per document so incremental and parallel builds
stay right: Sphinx purges a document's data when it is read again and merges the data of
documents read in parallel."""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sphinx.domains import Domain

from .paper_page.page_names import Naming

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class PublicationsDomain(Domain):
    name = "scholarpages"
    label = "Publications"
    data_version = 4
    initial_data: ClassVar[dict[str, Any]] = {
        "links": {},
        "linkers": set(),
        "lists": set(),
        "list_inputs": {},
        "listed": {},
        "entries": {},
        "citation_lists": {},
        "list_pages": {},
    }

    @property
    def links(self) -> dict[str, set[str]]:
        """docname -> keys of the entries its links point at."""
        links: dict[str, set[str]] = self.data["links"]
        return links

    @property
    def linkers(self) -> set[str]:
        """Documents with links to other sites, any of which may name an entry."""
        linkers: set[str] = self.data["linkers"]
        return linkers

    @property
    def lists(self) -> set[str]:
        """Documents with a list of publications, which show whatever the database holds."""
        lists: set[str] = self.data["lists"]
        return lists

    @property
    def list_inputs(self) -> dict[str, dict[tuple[str, ...], str]]:
        """docname -> the parts of the database its lists read -> their digest when read."""
        inputs: dict[str, dict[tuple[str, ...], str]] = self.data["list_inputs"]
        return inputs

    @property
    def listed(self) -> dict[str, set[str]]:
        """docname -> keys of the entries its lists show."""
        listed: dict[str, set[str]] = self.data["listed"]
        return listed

    @property
    def entries(self) -> dict[str, str]:
        """key -> digest of each entry as the last build saw it."""
        entries: dict[str, str] = self.data["entries"]
        return entries

    @property
    def citation_lists(self) -> dict[str, dict[str, dict[str, list[str]]]]:
        """docname -> id of each of its lists that ``{cite}`` leads to -> key -> entry ids."""
        lists: dict[str, dict[str, dict[str, list[str]]]] = self.data["citation_lists"]
        return lists

    @property
    def list_pages(self) -> dict[str, dict[str, list[str]]]:
        """docname -> each page its lists go on over (see list.list_pages) -> ids shown there."""
        pages: dict[str, dict[str, list[str]]] = self.data["list_pages"]
        return pages

    @property
    def list_placement(self) -> str:
        """A digest of which list page showed each entry when pages citing them were written."""
        return str(self.data.get("list_placement", ""))

    @list_placement.setter
    def list_placement(self, digest: str) -> None:
        self.data["list_placement"] = digest

    @property
    def site_routes(self) -> str:
        """The digest of the site's routes when the pages with lists were last written."""
        return str(self.data.get("site_routes", ""))

    @site_routes.setter
    def site_routes(self, digest: str) -> None:
        self.data["site_routes"] = digest

    @property
    def naming(self) -> Naming | None:
        """The names of the entries' pages, as last settled (see paper_page.paper_names)."""
        naming: Naming | None = self.data.get("naming")
        return naming

    @naming.setter
    def naming(self, naming: Naming) -> None:
        self.data["naming"] = naming

    @property
    def naming_inputs(self) -> str:
        """A digest of what the names were settled from."""
        return str(self.data.get("naming_inputs", ""))

    @naming_inputs.setter
    def naming_inputs(self, digest: str) -> None:
        self.data["naming_inputs"] = digest

    @property
    def database(self) -> str:
        """The digest of the database the last build saw."""
        return str(self.data.get("database", ""))

    @database.setter
    def database(self, digest: str) -> None:
        self.data["database"] = digest

    @property
    def references(self) -> dict[str, str]:
        """Lower-case key -> digest of each citable reference, as the last build saw it."""
        references: dict[str, str] = self.data.get("references", {})
        return references

    @references.setter
    def references(self, digests: dict[str, str]) -> None:
        self.data["references"] = digests

    @property
    def feed_linked(self) -> bool | None:
        """Whether the pages the last build wrote link to the feed (None: none written yet)."""
        linked = self.data.get("feed_linked")
        return linked if isinstance(linked, bool) else None

    @feed_linked.setter
    def feed_linked(self, linked: bool) -> None:
        self.data["feed_linked"] = linked

    def note_links(self, docname: str, keys: Iterable[str], has_links: bool) -> None:
        found = set(keys)
        if found:
            self.links.setdefault(docname, set()).update(found)
        if has_links:
            self.linkers.add(docname)

    def clear_doc(self, docname: str) -> None:
        self.links.pop(docname, None)
        self.linkers.discard(docname)
        self.lists.discard(docname)
        self.list_inputs.pop(docname, None)
        self.listed.pop(docname, None)
        self.citation_lists.pop(docname, None)
        self.list_pages.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, keys in otherdata["links"].items():
            if docname in docnames:
                self.links[docname] = set(keys)
        self.linkers.update(docname for docname in otherdata["linkers"] if docname in docnames)
        self.lists.update(docname for docname in otherdata["lists"] if docname in docnames)
        for name in ("list_inputs", "listed"):
            self.data[name].update(
                (docname, value)
                for docname, value in otherdata[name].items()
                if docname in docnames
            )
        for docname, lists in otherdata["citation_lists"].items():
            if docname in docnames:
                self.citation_lists[docname] = lists
        for docname, pages in otherdata["list_pages"].items():
            if docname in docnames:
                self.list_pages[docname] = pages

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def referrers(self, cite_refs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
        """key -> the documents that link to or cite it, in name order."""
        found: dict[str, set[str]] = {}
        for docname, keys in [*self.links.items(), *cite_refs]:
            for key in keys:
                found.setdefault(key, set()).add(docname)
        return {key: sorted(docnames) for key, docnames in found.items()}


def publications_domain(env: BuildEnvironment) -> PublicationsDomain:
    """The environment's publications domain: the one way the package reaches it."""
    return cast(PublicationsDomain, env.get_domain(PublicationsDomain.name))
