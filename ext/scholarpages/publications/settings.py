"""Configuration of the publications: ``scholarpages_*`` values in conf.py."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from .buttons import DEFAULT_BUTTONS
from .list.list_pages import DEFAULT_PAGE_SIZE

GROUPINGS = ("year", "type", "none")

# Fields that drive the site (al-folio's conventions) and are left out of shown BibTeX.
DEFAULT_PRIVATE_FIELDS = (
    "abbr",
    "abstract",
    "arxiv",
    "award",
    "bibtex_show",
    "blog",
    "code",
    "html",
    "pdf",
    "poster",
    "preview",
    "selected",
    "slides",
    "supp",
    "video",
    "website",
    "keywords",
    "altmetric",
    "dimensions",
    "google_scholar_id",
    "annotation",
    "additional_info",
    "redirect_from",
    "page_text",
    "category",
    # An imported citation whose authors could not be read: shown instead of authors and venue.
    "citation",
)


def add_config_values(app: Sphinx) -> None:
    # "env": these change what is read, so every page using them must be read again.
    # None: "../publications.bib" (beside docs/) when it exists, and no publications otherwise.
    # A list: one database kept in several files, read in order as \bibliography{a,b,c}.
    app.add_config_value(
        "scholarpages_bibfile", None, "env", frozenset({str, list, tuple, type(None)})
    )
    # The works pages cite that are not the owner's: citable and listed where cited, never
    # shown as publications. None: "../references.bib" when it exists. One file or a list.
    app.add_config_value(
        "scholarpages_references", None, "env", frozenset({str, list, tuple, type(None)})
    )
    app.add_config_value("scholarpages_owner", [], "env", list)
    app.add_config_value("scholarpages_group_by", "year", "env", str)
    app.add_config_value("scholarpages_list_page_size", DEFAULT_PAGE_SIZE, "env", int)
    app.add_config_value("scholarpages_buttons", dict(DEFAULT_BUTTONS), "env", dict)
    app.add_config_value("scholarpages_file_base", "/files/", "env", str)
    app.add_config_value("scholarpages_private_fields", list(DEFAULT_PRIVATE_FIELDS), "env", list)
    app.add_config_value("scholarpages_max_authors", 10, "env", int)
    app.add_config_value("scholarpages_publications_page", "publications", "env", str)
    # The newest entries the Atom feed holds (0: all). Readers only look for new ones, and a
    # short feed is not written again when an old entry is edited.
    app.add_config_value("scholarpages_feed_size", 50, "html", int)


def private_fields(config: Config) -> frozenset[str]:
    return frozenset(name.lower() for name in config.scholarpages_private_fields)


# pybtex's styles, which sphinxcontrib-bibtex formats cited entries with, report the fields
# their layout lacks (a journal, a publisher) at the citing page: the entries are checked
# where they are written instead (a missing title or year, at the .bib line), once.
_STYLE_FIELD_WARNINGS = "bibtex.missing_field"


def report_entry_problems_once(app: Sphinx, config: Config) -> None:
    if _STYLE_FIELD_WARNINGS not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, _STYLE_FIELD_WARNINGS]
