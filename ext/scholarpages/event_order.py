"""The order of the package's handlers, where an event's handlers must run in a set order.

Sphinx calls an event's handlers by priority, lowest first (500 unless given), then in the
order they were connected. Every priority the package gives is named here, with what it must
come after or before: the order is read in one table, not pieced together from comments
spread over the modules that connect the handlers.
"""

from __future__ import annotations

# Sphinx's default, and the priority of other extensions' handlers that do not give one
# (sphinxcontrib-bibtex, sphinx-sitemap...).
DEFAULT = 500

# config-inited
OPEN_STATE = 0  # the build state, first: every other handler may use it
CHOOSE_SITE_URL = 300  # html_baseurl settled before anything reads it
CHECK_SETTINGS = 310  # the author card and navigation checked as written in conf.py
APPLY_DEFAULTS = 320  # the theme's defaults and other extensions' settings, from the above
LOAD_DATABASE = 600  # before sphinxcontrib-bibtex reads bibtex_bibfiles (builder-inited)
LOAD_REFERENCES = 605  # after the publications, which win a key both have...
USE_CITED_COPY = 610  # ...and before the copy of the cited entries lists their files
SET_ASIDE_DATABASE = 620  # the databases loaded: out of the collector's way
EXCLUDE_UNPUBLISHED = 900  # once the pages' settings are final
REMEMBER_SETTINGS = 100_000  # last: Sphinx compares what all the handlers leave

# builder-inited
SHARE_STATE = 0  # the state shared with the environment before any directive runs
SET_ASIDE_LOADED = 1  # the environment and the database loaded: out of the collector's way
# Around sphinx-sitemap's making of its queue, which it does with the default priority.
BEFORE_SITEMAP_QUEUE = DEFAULT - 1
AFTER_SITEMAP_QUEUE = DEFAULT + 1
WRITE_STYLESHEET_BUNDLE = 900  # once every extension of the package has added its stylesheet

# env-updated
PROVIDE_CITED_ENTRIES = 390  # before sphinxcontrib-bibtex formats every bibliography (500)
CITE_INTO_LISTS = 400  # after the cited entries are given, before they are formatted
NAME_PAPER_PAGES = 450  # before the site's routes (500), which hold the paper pages
CHECK_TARGETS = 600  # after the routes: which page answers each URL
FOLLOW_ROUTES = 600  # after the routes: the pages with lists, when the routes changed
PUT_SETTLED_SETTINGS = 100_000  # last, just before Sphinx pickles the environment

# env-check-consistency and write-started: first, once the environment is pickled.
PUT_LIVE_SETTINGS = 0

# doctree-resolved: after every extension's own handlers have made and resolved links.
FINISH_LIST_ENTRIES = 900
UNLINK_UNSAFE_REFERENCES = 900
CUT_LIST_PAGES = 910  # once the entries are written and their links checked
GIVE_LIST_TEXT = 920  # to the entries the document's page shows, once the others are cut out

# html-page-context: the theme's context, then what builds on it.
THEME_CONTEXT = 450  # before other extensions read the page's context (500)
CV_CARD_LINK = THEME_CONTEXT + 10
FIT_PAGE_ASSETS = 900  # once every handler has added the page's scripts and styles

# build-finished
STOP_PAPER_PAGE_WORKERS = 0  # the -j workers' pages are in place before anything else
COMPLETE_SITEMAP = DEFAULT - 1  # just before sphinx-sitemap writes the file (500)
WRITE_STUBS = 600  # redirect stubs, after the pages they stand beside
CUT_ICON_FONTS = 900  # once every page is in place, stubs included
CLOSE_STATE = 1000  # last: the store is saved
COLLECT_AGAIN = 1001  # after everything: what the build loaded is collected again
