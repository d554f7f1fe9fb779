"""The settings Sphinx keeps for the next build are those conf.py and config-inited made.

Sphinx tells whether conf.py changed by comparing a build's settings, as config-inited left
them, with those it pickled with the environment. It pickles them once the pages are read,
when extensions have added to some of them in builder-inited (pydata-sphinx-theme its
component templates, its permalink icon and theme options; sphinx-copybutton its static
folder): every rebuild then reported "The configuration has changed" for a site nobody
touched. So while the environment is pickled, the settings are those config-inited left;
the live ones are back before anything is written.
"""

from __future__ import annotations

import copy
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

# After every other config-inited handler: Sphinx compares what they all leave.
_AFTER_CONFIG_INITED = 100_000


class SettledConfig:
    """The settings of one application as config-inited left them."""

    def __init__(self) -> None:
        self._settled: dict[str, Any] = {}
        self._live: dict[str, Any] = {}

    def remember(self, app: Sphinx, config: Config) -> None:
        # A value that cannot be copied (a module, a lock) is not compared.
        copies = ((option.name, _copied(option.value)) for option in config)
        self._settled = {name: value for name, value in copies if value is not _UNCOPIED}

    def put_settled(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Just before Sphinx pickles the environment (after env-updated)."""
        config = app.config
        for name, settled in self._settled.items():
            live = getattr(config, name)
            if _differ(live, settled):
                self._live[name] = live
                setattr(config, name, settled)
        return []

    def put_live(self, app: Sphinx, env_or_builder: BuildEnvironment | Builder) -> None:
        """Once the environment is pickled, before anything is written."""
        for name, live in self._live.items():
            setattr(app.config, name, live)
        self._live = {}


_UNCOPIED = object()


def _copied(value: object) -> object:
    try:
        return copy.deepcopy(value)
    except (TypeError, ValueError, copy.Error, RecursionError):
        return _UNCOPIED


def _differ(live: object, settled: object) -> bool:
    try:
        return bool(live != settled)
    except (TypeError, ValueError):
        # Values that cannot be compared stay as they are.
        return False


def setup_settled_config(app: Sphinx) -> None:
    settled = SettledConfig()
    app.connect("config-inited", settled.remember, priority=_AFTER_CONFIG_INITED)
    app.connect("env-updated", settled.put_settled, priority=_AFTER_CONFIG_INITED)
    # Sphinx pickles the environment between env-updated and env-check-consistency; a build
    # that reads nothing pickles nothing and goes straight to write-started.
    app.connect("env-check-consistency", settled.put_live, priority=0)
    app.connect("write-started", settled.put_live, priority=0)
