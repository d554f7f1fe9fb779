"""sphinx-sitemap's queue of pages, the one thing of it scholarpages reads and fills.

Its builder-inited handler puts a queue on the application (``app.sitemap_links``), its
html-page-context handler puts each page written in it, and its build-finished handler
(priority 500) writes sitemap.xml from what the queue holds. Between the last two,
scholarpages takes what was recorded and puts back the complete list (see
theme.sitemap); its handlers stay as they are.
"""

from __future__ import annotations

import queue
from collections.abc import Iterable
from typing import Any

import sphinx_sitemap
from sphinx.application import Sphinx

from . import changed, require

_DISTRIBUTION = "sphinx-sitemap"
# sphinx-sitemap writes the file at build-finished with Sphinx's default priority.
WRITES_AT = 500


def check() -> None:
    require(_DISTRIBUTION, sphinx_sitemap, ["record_builder_type", "create_sitemap"])


def _queue(app: Sphinx) -> Any:
    try:
        return app.sitemap_links  # type: ignore[attr-defined]
    except AttributeError:
        raise changed(_DISTRIBUTION, "Sphinx.sitemap_links (its queue of pages)") from None


def use_plain_queue(app: Sphinx) -> None:
    """A queue of this process in place of the multiprocessing manager's.

    Each page recorded in the manager's queue is a round trip to its process (a second for
    5,000 paper pages). Only pages written by -j worker processes need it, and only for
    the dates of ``sitemap_show_lastmod``: the complete list is made in this process.
    """
    _queue(app)
    app.sitemap_links = queue.Queue()  # type: ignore[attr-defined]


def take_recorded(app: Sphinx) -> dict[str, Any]:
    """The pages recorded in this build, and the date of each (None without one)."""
    recorded = _queue(app)
    links: dict[str, Any] = {}
    while True:
        try:
            link, last_updated = recorded.get_nowait()
        except queue.Empty:
            return links
        links[link] = last_updated


def hand_over(app: Sphinx, links: Iterable[tuple[str, Any]]) -> None:
    """The pages sphinx-sitemap writes the file with; none leaves the file as it is."""
    given: queue.Queue[tuple[str, Any]] = queue.Queue()
    for link in links:
        given.put(link)
    app.sitemap_links = given  # type: ignore[attr-defined]
