"""pybtex's and sphinxcontrib-bibtex's plugins found with one reading of the entry points.

Both look a plugin up (a style, a backend, a sorting...) by asking ``importlib.metadata``
for the entry points of its group, and that reads the metadata of every installed
distribution: some ten lookups a build, a rebuild that changes nothing included, each as
slow as reading them all once. For each build the entry points are read once, and those
lookups select from what was read; the plugins found are the same.
"""

from __future__ import annotations

import importlib.metadata
from types import ModuleType
from typing import Any, cast

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from sphinx.application import Sphinx

_LOOKING_UP: tuple[ModuleType, ...] = (pybtex.plugin, sphinxcontrib.bibtex.plugin)


class _EntryPointsOfThisBuild:
    def __init__(self) -> None:
        # EntryPoints, or before Python 3.12 the SelectableGroups holding them: both select.
        self._all: Any = None

    def forget(self) -> None:
        self._all = None

    def __call__(self, **params: Any) -> importlib.metadata.EntryPoints:
        if self._all is None:
            self._all = importlib.metadata.entry_points()
        return cast(importlib.metadata.EntryPoints, self._all.select(**params))


_ENTRY_POINTS = _EntryPointsOfThisBuild()


def read_entry_points_once(app: Sphinx, config: object) -> None:
    """From now until the next build, plugin lookups read the entry points read first."""
    _ENTRY_POINTS.forget()
    for module in _LOOKING_UP:
        # Only where the libraries call the function this stands for.
        if getattr(module, "entry_points", None) in (
            importlib.metadata.entry_points,
            _ENTRY_POINTS,
        ):
            module.entry_points = _ENTRY_POINTS  # type: ignore[attr-defined]
