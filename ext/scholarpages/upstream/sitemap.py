"""sphinx-sitemap's queue of pages, the one thing of it scholarpages reads and fills.

Its builder-inited handler puts a queue on the application (``app.sitemap_links``), its
html-page-context handler puts each page written in it, and its build-finished handler
(priority 500) writes sitemap.xml from what the queue holds. Between the last two,
scholarpages takes what was recorded and puts back the complete list (see
theme.sitemap); its handlers stay as they are.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterable
from typing import Any

import sphinx_sitemap
from sphinx.application import Sphinx

from . import changed, require

_DISTRIBUTION = "sphinx-sitemap"


def check() -> None:
    require(_DISTRIBUTION, sphinx_sitemap, ["record_builder_type", "create_sitemap", "Manager"])
    if sphinx_sitemap.Manager is not multiprocessing.Manager:
        raise changed(_DISTRIBUTION, "sphinx_sitemap.Manager (multiprocessing's)")


def _queue(app: Sphinx) -> Any:
    try:
        return app.sitemap_links  # type: ignore[attr-defined]
    except AttributeError:
        raise changed(_DISTRIBUTION, "Sphinx.sitemap_links (its queue of pages)") from None


class _InThisProcess:
    """Stands for ``multiprocessing.Manager`` while sphinx-sitemap makes its queue."""

    def Queue(self) -> queue.Queue[Any]:  # noqa: N802 - the name sphinx-sitemap calls
        return queue.Queue()


def make_queue_in_this_process() -> None:
    """Just before sphinx-sitemap's builder-inited handler: its queue is made in this
    process, not by a manager process of its own (started and stopped on every build, some
    50 ms, and a round trip to it for each page recorded: a second for 5,000 paper pages).
    Only pages written by -j worker processes need the manager, and only for the dates of
    ``sitemap_show_lastmod``: the complete list is made in this process. ``restore`` undoes
    it right after that handler."""
    sphinx_sitemap.Manager = _InThisProcess


def restore() -> None:
    sphinx_sitemap.Manager = multiprocessing.Manager


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
