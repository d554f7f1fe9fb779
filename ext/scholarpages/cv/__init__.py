"""The CV: a page and its PDF from one data file (JSON Resume) and publications.bib."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from .. import event_order as order
from ..build_state import state_of
from ..collections.items import Item, collection_items
from ..confinement import resolve_inside
from ..frontmatter.site_files import register_site_output
from ..theme.author import LINK_KINDS
from ..theme.card import CardLink
from ..theme.links import page_href
from .data import Entry, display_date
from .directive import CVDirective, CVDomain
from .pdf import write_pdf

logger = logging.getLogger(__name__)


def _cv_pages(app: Sphinx) -> dict[str, dict[str, Any]]:
    domain = app.env.get_domain(CVDomain.name)
    assert isinstance(domain, CVDomain)
    return domain.pages


def _register_pdf(app: Sphinx, config: Config) -> None:
    name = str(config.scholarpages_cv_pdf).strip("/")
    if name:
        register_site_output(app, name)


def _item_entry(item: Item) -> dict[str, Any]:
    entry = Entry(
        line=0,
        title=item.title,
        subtitle=", ".join(part for part in (item.kind, item.venue) if part),
        dates=display_date(item.date) or item.date,
        location=item.location,
    )
    return asdict(entry)


def pdf_payload(app: Sphinx, docname: str, page: dict[str, Any]) -> dict[str, Any]:
    """The page's CV with the items of the site's folders, now that every page is read."""
    sections = []
    for section in page["sections"]:
        if "collection" not in section:
            sections.append(section)
            continue
        items = collection_items(app.env, section["collection"], docname)
        items.sort(key=lambda item: (item.date, item.docname), reverse=True)
        sections.append({**section, "entries": [_item_entry(item) for item in items]})
    return {"basics": page["basics"], "sections": sections}


def write_pdfs(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    made_from: dict[str, str] = {}
    for docname, page in sorted(_cv_pages(app).items()):
        name = page["pdf"]
        if not name:
            continue
        if name in made_from:
            logger.warning(
                f"{name} is made from the CV of {made_from[name]!r}, not of this page",
                location=docname,
                type="scholarpages",
                subtype="cv.pdf",
            )
            continue
        made_from[name] = docname
        output = resolve_inside(Path(app.outdir), name)
        if output is None:
            logger.warning(
                f"scholarpages_cv_pdf {name!r} is not a file name inside the output",
                type="scholarpages",
                subtype="config",
            )
            continue
        try:
            write_pdf(pdf_payload(app, docname, page), output, state_of(app).store)
        except (typst.TypstError, OSError) as error:
            logger.warning(
                f"the CV's PDF could not be made: {error}",
                location=docname,
                type="scholarpages",
                subtype="cv.pdf",
            )


def _card_pdf(app: Sphinx) -> str:
    """The PDF the author card links to: the first CV page's, or "" for none."""
    return min((page["pdf"] for page in _cv_pages(app).values() if page["pdf"]), default="")


def rewrite_cards(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page again when the card's CV link changes (a CV page added or removed)."""
    domain = env.get_domain(CVDomain.name)
    linked = _card_pdf(app)
    if domain.data.get("card_pdf", "") == linked:
        return []
    domain.data["card_pdf"] = linked
    return sorted(env.found_docs)


def link_card_to_pdf(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The author card's ``cv`` link leads to the CV's PDF unless conf.py gives one."""
    card = context.get("scholarpages_author_card")
    pdf = _card_pdf(app)
    kind = LINK_KINDS["cv"]
    if not card or not pdf or any(link.label == kind.label for link in card["links"]):
        return
    link = CardLink(kind.label, kind.icon, page_href(app, context["pathto"], "/" + pdf), "")
    email_first = 1 if card["links"] and card["links"][0].label == LINK_KINDS["email"].label else 0
    card["links"] = [*card["links"][:email_first], link, *card["links"][email_first:]]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("scholarpages.publications")
    app.setup_extension("scholarpages.collections")
    app.setup_extension("scholarpages.theme")
    # The PDF's name in the output ("" for none).
    app.add_config_value("scholarpages_cv_pdf", "cv.pdf", "env", str)
    app.add_domain(CVDomain)
    app.add_directive("cv", CVDirective)
    app.connect("config-inited", _register_pdf)
    app.connect("env-updated", rewrite_cards)
    app.connect("html-page-context", link_card_to_pdf, priority=order.CV_CARD_LINK)
    app.connect("build-finished", write_pdfs)
    return {
        "version": "0.1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
