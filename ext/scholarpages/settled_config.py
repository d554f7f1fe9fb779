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

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from . import event_order as order
from .build_state import state_of


def remember(app: Sphinx, config: Config) -> None:
    # A value that cannot be copied (a module, a lock) is not compared.
    copies = ((option.name, _copied(option.value)) for option in config)
    settled = {name: value for name, value in copies if value is not _UNCOPIED}
    state_of(app).settled_config = settled


def put_settled(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Just before Sphinx pickles the environment (after env-updated)."""
    state = state_of(app)
    for name, settled in state.settled_config.items():
        live = getattr(app.config, name)
        if _differ(live, settled):
            state.live_config[name] = live
            setattr(app.config, name, settled)
    return []


def put_live(app: Sphinx, env_or_builder: BuildEnvironment | Builder) -> None:
    """Once the environment is pickled, before anything is written."""
    state = state_of(app)
    for name, live in state.live_config.items():
        setattr(app.config, name, live)
    state.live_config = {}


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
    app.connect("config-inited", remember, priority=order.REMEMBER_SETTINGS)
    app.connect("env-updated", put_settled, priority=order.PUT_SETTLED_SETTINGS)
    # Sphinx pickles the environment between env-updated and env-check-consistency; a build
    # that reads nothing pickles nothing and goes straight to write-started.
    app.connect("env-check-consistency", put_live, priority=order.PUT_LIVE_SETTINGS)
    app.connect("write-started", put_live, priority=order.PUT_LIVE_SETTINGS)
