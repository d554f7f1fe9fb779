"""Links to the site's own URLs: ``/images/x.jpg``, ``/research/``, ``https://owner.site/x/``.

On Jekyll these work because the site lives at the host's root. Here the site may live
under a prefix (``/en/latest/`` on Read the Docs) or be previewed from disk, so such links
are resolved against the site, pages and files alike, and written relative.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .routes import routes_of
from .site_files import served_file
from .site_links_domain import site_links_domain
from .urls import href, own_prefixes, split_url

logger = logging.getLogger(__name__)

SITE_LINK = "scholarpages_site_path"


class MarkSiteLinks(SphinxTransform):
    """Turn root-absolute and own-address links into references resolved at write time."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        addresses = [self.config.html_baseurl, *self.config.scholarpages_site_addresses]
        prefixes = tuple(prefix for address in addresses for prefix in own_prefixes(address))
        for node in list(self.document.findall(nodes.Element)):
            target = self._site_target(node, prefixes)
            if target is None:
                continue
            site_links_domain(self.env).linking.add(self.env.docname)
            reference = nodes.reference("", "", *node.children, refuri=target, internal=True)
            reference[SITE_LINK] = target
            reference.source, reference.line = node.source, node.line
            node.replace_self(reference)

    @staticmethod
    def _site_target(node: nodes.Element, prefixes: tuple[str, ...]) -> str | None:
        if isinstance(node, addnodes.pending_xref | addnodes.download_reference):
            target = str(node.get("reftarget", ""))
            is_markdown_link = node.get("reftype") == "myst"
            if is_markdown_link and target.startswith("/") and not target.startswith("//"):
                return target
            return None
        if isinstance(node, nodes.reference) and "refuri" in node:
            uri = str(node["refuri"])
            for prefix in prefixes:
                if uri.startswith(prefix):
                    return "/" + uri.removeprefix(prefix)
        return None


def resolve_site_links(app: Sphinx, doctree: nodes.Element, docname: str) -> None:
    """Write each site link relative to the page it is on, or warn when nothing answers."""
    if app.builder.format != "html":
        return
    for node in doctree.findall(nodes.reference):
        if SITE_LINK in node:
            node["refuri"] = _resolve(app, docname, node, str(node[SITE_LINK]))


def site_link_uri(app: Sphinx, docname: str, target: str) -> str | None:
    """The address of a site path written from ``docname``; None if nothing answers it."""
    parts = split_url(target)
    if parts is None:
        return None
    suffix = (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    page = routes_of(app).page_for(parts.path)
    if page is not None:
        return app.builder.get_relative_uri(docname, page) + suffix
    file = served_file(app, parts.path)
    if file is not None:
        return href(app.builder.get_target_uri(docname), file) + suffix
    return None


def _resolve(app: Sphinx, docname: str, node: nodes.reference, target: str) -> str:
    uri = site_link_uri(app, docname, target)
    if uri is not None:
        return uri
    logger.warning(
        f"link to {target!r}: no page or file of this site has that URL",
        location=node,
        type="scholarpages",
        subtype="link",
    )
    return target
