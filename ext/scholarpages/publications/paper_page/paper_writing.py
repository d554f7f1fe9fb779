"""Which paper pages are written, when, and by which process.

A page (and the entry's BibTeX beside it) is written only when what it shows changed
(PageCache). With ``-j N`` the pages are written by N - 1 worker processes that start as
soon as Sphinx begins writing its own documents, rather than once it has finished: Sphinx
resolves every document in the main process and only then hands them to its workers, so
for most of its writing a core is idle. When Sphinx asks for extra pages
(html-collect-pages), the main process writes what the workers have not taken yet. Pages
are handed out a few at a time to whichever process asks next, so none waits while another
still has a long list.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.parallel import ParallelTasks, parallel_available

from ...build_state import state_of
from ...frontmatter.site_files import register_generated_pages
from ...sphinx_support import writes_site
from ...store import remove_output, write_if_changed
from ...upstream.sphinx_private import shared_context
from ..database import Publication
from ..domain import publications_domain
from ..loader import database_of
from ..output_stamp import is_current, mark_current
from ..render import PAPER_PAGES
from .page_cache import PageCache
from .page_skeleton import PAPER_TEMPLATE
from .paper_names import paper_pagenames
from .paper_pages import PaperPages, referrers

logger = logging.getLogger(__name__)

# Below this many pages to write, starting worker processes costs more than it saves.
_PARALLEL_MINIMUM = 64

# An entry, its page's name, and the (docname, title) of each page referring to it.
PageWork = tuple[Publication, str, list[tuple[str, str]]]


# Pages handed out at a time: a few dozen milliseconds of work.
_BATCH = 8


class _PageQueue:
    """The pages to write, taken a batch at a time by the main process and the workers.

    The position of the next batch is a counter in memory the forked workers share.
    """

    def __init__(self, pages: list[PageWork]) -> None:
        self._pages = pages
        self._next = multiprocessing.get_context("fork").Value("l", 0)

    def take(self) -> list[PageWork]:
        with self._next.get_lock():
            start = self._next.value
            self._next.value = start + _BATCH
        return self._pages[start : start + _BATCH]


@dataclass
class PaperPlan:
    """The paper pages of a build: kept in its state from when they are planned until
    html-collect-pages has written them."""

    cache: PageCache
    all_fresh: bool
    stale: list[PageWork]
    workers: _Workers | None = None


def _plan(app: Sphinx) -> PaperPlan:
    cache = PageCache(app)
    citing_pages = referrers(app)
    database = database_of(app)
    if cache.all_fresh((database.digest, sorted(citing_pages.items()))):
        return PaperPlan(cache, all_fresh=True, stale=[])
    outdir = str(app.outdir)
    stale: list[PageWork] = []
    pagenames = paper_pagenames(app.env, database.entry_digests)
    for publication in database.publications:
        pagename = pagenames[publication.key]
        citing = citing_pages.get(publication.key, [])
        inputs = (publication.key, database.entry_digests.get(publication.key), citing)
        fresh = cache.is_fresh(pagename, inputs)
        if not fresh or not os.path.isfile(_bibtex_file(outdir, pagename)):  # noqa: PTH113
            stale.append((publication, pagename, citing))
    return PaperPlan(cache, all_fresh=False, stale=stale)


def _in_parallel(app: Sphinx, plan: PaperPlan) -> bool:
    return app.parallel > 1 and parallel_available and len(plan.stale) >= _PARALLEL_MINIMUM


def start_paper_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """With ``-j N``, set workers writing the paper pages once Sphinx writes its first document.

    Sphinx has then prepared what pages are rendered with (templates, the global context),
    and nothing a paper page shows changes after reading. A document an extension resolves
    earlier (while the environment is checked, say) is no such sign.
    """
    state = state_of(app)
    if (
        state.paper_plan is not None
        or app.parallel < 2
        or not writes_site(app)
        or app.phase not in (BuildPhase.RESOLVING, BuildPhase.WRITING)
        or shared_context(cast(StandaloneHTMLBuilder, app.builder)) is None
    ):
        return
    plan = state.paper_plan = _plan(app)
    if _in_parallel(app, plan):
        plan.workers = _start_workers(app, plan.stale)


def collect_paper_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The paper pages for Sphinx to write, if no workers write them; then the record."""
    if not writes_site(app):
        return
    state = state_of(app)
    plan = state.paper_plan
    if plan is None:
        plan = state.paper_plan = _plan(app)
    try:
        if plan.workers is None and _in_parallel(app, plan):
            plan.workers = _start_workers(app, plan.stale)
        if plan.workers is not None:
            plan.workers.finish()
        elif not plan.all_fresh:
            outdir = str(app.outdir)
            paper_pages = PaperPages(app)
            for publication, pagename, citing in plan.stale:
                _write_entry_bibtex(outdir, pagename, publication)
                yield pagename, paper_pages.context(publication, pagename, citing), PAPER_TEMPLATE
    finally:
        state.paper_plan = None
    if not plan.all_fresh:
        plan.cache.save()
    register_generated_pages(app, plan.cache.pages())


def stop_paper_pages(app: Sphinx, exception: BaseException | None) -> None:
    """Workers still writing when the build failed are stopped."""
    state = state_of(app)
    plan, state.paper_plan = state.paper_plan, None
    if plan is not None and plan.workers is not None:
        plan.workers.stop()


def _bibtex_file(outdir: str, pagename: str) -> str:
    # A string: a rebuild checks thousands of them (as PageCache does its pages).
    return f"{outdir}/{pagename}.bib"


def _write_entry_bibtex(outdir: str, pagename: str, publication: Publication) -> None:
    # Written with the page, in the -j workers too: thousands of small files are seconds of
    # a full build, spent once at the end otherwise. An unchanged file keeps its date.
    write_if_changed(Path(_bibtex_file(outdir, pagename)), publication.bibtex + "\n")


def _write_from(app: Sphinx, queue: _PageQueue) -> None:
    """Write pages from the queue until none are left."""
    builder = cast(StandaloneHTMLBuilder, app.builder)
    outdir = str(app.outdir)
    paper_pages = PaperPages(app)
    while batch := queue.take():
        logger.debug("paper pages written by process %d: %d", os.getpid(), len(batch))
        for publication, pagename, citing in batch:
            _write_entry_bibtex(outdir, pagename, publication)
            context = paper_pages.context(publication, pagename, citing)
            builder.handle_page(pagename, context, PAPER_TEMPLATE)


def _start_workers(app: Sphinx, pages: list[PageWork]) -> _Workers | None:
    try:
        queue = _PageQueue(pages)
    except (ImportError, OSError) as error:
        # Where processes cannot share memory (no /dev/shm, no semaphores: some sandboxes),
        # Sphinx writes the pages in this process.
        logger.verbose("paper pages written in one process: %s", error)
        return None
    return _Workers(app, queue)


class _Workers:
    """``-j`` - 1 worker processes writing pages from a queue this process takes from too."""

    def __init__(self, app: Sphinx, queue: _PageQueue) -> None:
        self._app = app
        self._queue = queue
        count = app.parallel - 1
        self._tasks = ParallelTasks(count)
        for _ in range(count):
            self._tasks.add_task(partial(_write_from, app, self._queue))

    def finish(self) -> None:
        """This process writes what the workers have not taken, then waits for them."""
        try:
            _write_from(self._app, self._queue)
        except BaseException:
            self.stop()
            raise
        self._tasks.join()

    def stop(self) -> None:
        self._tasks.terminate()


def write_bibtex_files(app: Sphinx, exception: BaseException | None) -> None:
    """The whole database at the site's root; the files of entries no longer in it go.

    Each entry's own file is written with its page.
    """
    if exception is not None or not writes_site(app):
        return
    database = database_of(app)
    outdir = Path(app.outdir)
    whole = outdir / "publications.bib"
    # The names of the entries' files change with the database or with the site's pages.
    naming = publications_domain(app.env).naming_inputs
    inputs = (database.digest, naming)
    if is_current(app, "bibtex", whole, inputs):
        return
    entries = set(paper_pagenames(app.env, database.entry_digests).values())
    for stale in (outdir / PAPER_PAGES).glob("*.bib"):
        if f"{PAPER_PAGES}/{stale.stem}" not in entries:
            remove_output(stale, outdir)
    whole.write_text("\n\n".join(p.bibtex for p in database.publications) + "\n", encoding="utf-8")
    mark_current(app, "bibtex", whole, inputs)
