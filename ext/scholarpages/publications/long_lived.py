"""Keeping Python's garbage collector away from what lives as long as the build.

The parsed database (hundreds of thousands of objects with thousands of entries) and the
extensions' settings stay until the build ends. Each full collection would go through all
of them again: at 5,000 entries one of them takes 40 ms of a rebuild that changes nothing.
Once they are loaded they are frozen (left out of collections) until the build finishes;
unpickling, which makes only objects that are kept, runs with the collector paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from sphinx.application import Sphinx


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_loaded(app: Sphinx, config: object = None) -> None:
    gc.freeze()


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    # Collectable again: a process that builds again (tests, a preview server) frees them.
    gc.unfreeze()
