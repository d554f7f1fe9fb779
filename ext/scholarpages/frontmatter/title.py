"""The front matter ``title`` is the page's heading, as an academicpages layout shows it.

Jekyll layouts print ``page.title`` above the body, so Jekyll pages rarely repeat it as a
heading. When the body does not start with that very heading, the whole body is placed in
a section titled from the front matter: the page gets its ``<title>`` and one ``<h1>``,
and the body's own headings nest below it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .metadata import FrontMatter

# Nodes that stay at the top of the document, outside the body.
_PREAMBLE = (nodes.docinfo, nodes.decoration, nodes.meta, nodes.comment, nodes.target)


class FrontMatterTitle(SphinxTransform):
    # After docutils' DocInfo transform (340) has collected the front matter.
    default_priority = 345

    def apply(self, **kwargs: Any) -> None:
        metadata = self.env.metadata.get(self.env.docname, {})
        title = FrontMatter.from_metadata(metadata).title
        if title is None or self._body_has_title(title):
            return
        document = self.document
        section = nodes.section()
        section += nodes.title(title, title)
        body = [child for child in document.children if not isinstance(child, _PREAMBLE)]
        for child in body:
            document.remove(child)
            section += child
        section["names"].append(nodes.fully_normalize_name(title))
        document += section
        # Gives the section its id the way docutils names every heading.
        document.note_implicit_target(section, section)

    def _body_has_title(self, title: str) -> bool:
        sections = [child for child in self.document.children if isinstance(child, nodes.section)]
        others = [
            child
            for child in self.document.children
            if not isinstance(child, (nodes.section, *_PREAMBLE))
        ]
        if len(sections) != 1 or others:
            return False
        heading = sections[0].next_node(nodes.title)
        return heading is not None and heading.astext().strip() == title
