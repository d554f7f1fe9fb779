"""What one Sphinx application holds from one event of its build to the next.

Every piece of state that outlives a single event handler lives here, on the application it
belongs to, rather than in module globals keyed by source folders or weak references: two
projects built in one process (the tests do that) never see each other's state, and a
``-j N`` worker, forked from the main process, starts with a copy of it.

The state is made when the configuration is read (``config-inited``) and closed when the
build ends (``build-finished``): the store of what is kept between builds is then saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

from . import event_order as order
from .code_version import code_version
from .store import Store

if TYPE_CHECKING:
    from .frontmatter.routes import Routes
    from .publications.database import Database
    from .publications.list.entry_cache import EntryHtmlCache
    from .publications.list.list_page_cache import ListPageCache
    from .publications.paper_page.paper_writing import PaperPlan
    from .publications.references import References

# The attribute of the application (and of its environment, for directives and transforms,
# which see only that) holding the state; named after the package so that it clashes with
# nothing of Sphinx's.
ATTRIBUTE = "scholarpages_state"


def _not_kept() -> None:
    return None


@dataclass
class BuildState:
    store: Store
    # The publications database (loader), read when the configuration is.
    database: Database | None = None
    # The works the pages cite that are not the owner's (references), read with it.
    references: References | None = None
    # Which page answers each URL (routes), worked out once every page is read.
    routes: Routes | None = None
    # Files the build writes at the site's root (a feed, a sitemap): links to them resolve.
    site_outputs: set[str] = field(default_factory=set)
    # The package's stylesheets, joined into one file (stylesheet_bundle).
    stylesheets: list[Path] = field(default_factory=list)
    # Pages written outside Sphinx's documents (a page per paper) left in the output.
    generated_pages: list[str] = field(default_factory=list)
    # Each list's document -> entry id -> the further page of the list showing it
    # (list.list_links), made once the pages are known, when the first page is written.
    list_pages_of_ids: dict[str, dict[str, str]] | None = None
    # The pages of long lists (list.page_writing), from their document's writing until
    # html-collect-pages writes them: (pagename, context).
    list_pages: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # The paper pages to write, from when they are planned until they are written.
    paper_plan: PaperPlan | None = None
    # Whether the build writes a page per paper (a site's HTML), which list entries link to.
    writes_paper_pages: bool = False
    # The digests of the parts of the database that lists read (list_reads), by the parts.
    list_digests: dict[tuple[str, ...], str] = field(default_factory=dict)
    # The lists to write again, not read again, after an edit of entries they show.
    lists_to_write: set[str] = field(default_factory=set)
    # Entries of lists as written (entry_cache), from builder-inited on.
    entry_html: EntryHtmlCache | None = None
    # The further pages of lists as written (list_page_cache), from builder-inited on, in
    # a build that writes a site.
    list_page_cache: ListPageCache | None = None
    # (highlighter, the formatter made for it): making one takes as long as a block.
    bibtex_formatter: tuple[Any, Any] | None = None
    # The settings as config-inited left them, and the live ones put aside while the
    # environment is pickled (settled_config).
    settled_config: dict[str, Any] = field(default_factory=dict)
    live_config: dict[str, Any] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        # Sphinx pickles the environment (to disk, and from -j readers): the state is not
        # part of it, and reads back as None.
        return (_not_kept, ())


def state_of(owner: Sphinx | BuildEnvironment) -> BuildState:
    """The build state of an application, or of the application whose environment it is."""
    state = vars(owner).get(ATTRIBUTE)
    if isinstance(state, BuildState):
        return state
    if isinstance(owner, BuildEnvironment):
        raise RuntimeError("scholarpages: the environment is used before the builder is set up")
    # Made on first use: a handler of another extension may run before open_state.
    state = BuildState(Store(Path(owner.doctreedir) / "scholarpages", code_version()))
    setattr(owner, ATTRIBUTE, state)
    return state


def open_state(app: Sphinx, config: Config) -> None:
    state_of(app)


def share_with_environment(app: Sphinx) -> None:
    """Directives and transforms see the environment, not the application."""
    setattr(app.env, ATTRIBUTE, state_of(app))


def close_state(app: Sphinx, exception: BaseException | None) -> None:
    """Save what the build keeps; after a success, outputs nothing made this time go."""
    # Memos are keyed by content: what a failed build worked out is as good as any.
    state_of(app).store.close(Path(app.outdir) if exception is None else None)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Set up once per application, by each part of the package that uses the state."""
    # First of all at config-inited, and last at build-finished: every other handler may use it.
    app.connect("config-inited", open_state, priority=order.OPEN_STATE)
    app.connect("builder-inited", share_with_environment, priority=order.SHARE_STATE)
    app.connect("build-finished", close_state, priority=order.CLOSE_STATE)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
