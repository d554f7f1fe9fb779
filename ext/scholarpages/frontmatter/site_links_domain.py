"""Which pages link to the site's own URLs, so they are written again when URLs move.

A page's links to ``/research/`` or ``/images/x.jpg`` are resolved when the page is written.
When the routes change (a page gains or loses a permalink, a page appears or goes), the pages
holding such links are written again even though their sources did not change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Set
from typing import Any, ClassVar, cast

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .routes import Routes


class SiteLinksDomain(Domain):
    name = "scholarpages_site"
    label = "Site links"
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"linking": set(), "routes": ""}

    @property
    def linking(self) -> set[str]:
        linking: set[str] = self.data["linking"]
        return linking

    def clear_doc(self, docname: str) -> None:
        self.linking.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.linking.update(name for name in otherdata["linking"] if name in docnames)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def site_links_domain(env: BuildEnvironment) -> SiteLinksDomain:
    return cast(SiteLinksDomain, env.get_domain(SiteLinksDomain.name))


def pages_to_rewrite(env: BuildEnvironment, routes: Routes) -> list[str]:
    """The pages with site links, when the routes differ from the last build's."""
    table = sorted(
        [*routes.pages.items(), *routes.aliases.items()]
        + [(file, f"{stub.docname}>{stub.external}") for file, stub in routes.stubs.items()]
    )
    digest = hashlib.sha256(repr(table).encode()).hexdigest()
    domain = site_links_domain(env)
    previous, domain.data["routes"] = domain.data["routes"], digest
    if previous in {"", digest}:
        return []
    return sorted(domain.linking & env.found_docs)


def routes_digest(env: BuildEnvironment) -> str:
    """The digest of the site's routes, as this build computed them (see pages_to_rewrite)."""
    return str(site_links_domain(env).data["routes"])
