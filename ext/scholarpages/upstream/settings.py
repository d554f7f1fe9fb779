"""Settings of other extensions scholarpages reads: sphinx-notfound-page's page name and
sphinxext-opengraph's description length.

Without the extension there is no setting (None); with it, the setting is read directly,
so a renamed one stops the build naming the library rather than going unnoticed.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import changed


def _setting(app: Sphinx, extension: str, distribution: str, name: str) -> Any:
    if extension not in app.extensions:
        return None
    try:
        return getattr(app.config, name)
    except AttributeError:
        raise changed(distribution, f"the setting {name}") from None


def not_found_page(app: Sphinx) -> str | None:
    """The name of the 404 page sphinx-notfound-page writes, if it is loaded."""
    name = _setting(app, "notfound.extension", "sphinx-notfound-page", "notfound_pagename")
    return name if isinstance(name, str) and name else None


def description_length(app: Sphinx) -> int | None:
    """How long sphinxext-opengraph makes a page's description, if it is loaded."""
    length = _setting(app, "sphinxext.opengraph", "sphinxext-opengraph", "ogp_description_length")
    return int(length) if length is not None else None
