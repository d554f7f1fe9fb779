"""Reading conf.py: whether the user set a value, and warnings about values that were dropped."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..upstream.sphinx_private import conf_py_sets

logger = logging.getLogger(__name__)


def user_set(config: Config, name: str) -> bool:
    """Whether conf.py or ``-D`` set ``name``."""
    return name in config.overrides or conf_py_sets(config, name)


def set_default(config: Config, name: str, value: Any) -> None:
    """Give ``name`` the site's default unless the user chose a value."""
    if not user_set(config, name):
        setattr(config, name, value)


def warn_config(app: Sphinx, message: str) -> None:
    """A warning about conf.py, typed so that it can be suppressed as ``scholarpages.config``.

    The message names the setting; a location would be read as a document's name.
    """
    logger.warning(message, type="scholarpages", subtype="config")
