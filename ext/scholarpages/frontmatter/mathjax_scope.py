"""MathJax reads only the math elements Sphinx writes, not the whole page.

A page whose own content has math loads MathJax, which by default reads TeX between ``\\(``
and ``\\)`` (or ``$$``) anywhere in the page and runs what it asks: ``\\href{javascript:...}``
becomes a link, ``\\cssId`` an id, ``\\style`` a style. Text from front matter (a title in
the navigation, an excerpt in a listing) and from a .bib (a cited entry) is shown on such
pages as text; told to typeset only Sphinx's ``.math`` elements, MathJax leaves it text.
A site that sets where MathJax starts (``startup.elements``) keeps its own choice.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

# Where Sphinx writes math, inline and displayed: <span class="math"> and <div class="math">.
_SPHINX_MATH = [".math"]


def confine_mathjax(app: Sphinx, config: Config) -> None:
    """Give MathJax 3 and 4 (one configuration for both) the elements to typeset."""
    if "mathjax4_config" not in config or "mathjax3_config" not in config:
        return  # MathJax is not the math renderer here
    for name in ("mathjax4_config", "mathjax3_config"):
        own = getattr(config, name)
        if isinstance(own, dict):
            setattr(config, name, _with_elements(own))
            return
    config.mathjax4_config = _with_elements({})


def _with_elements(own: dict[str, Any]) -> dict[str, Any]:
    startup = own.get("startup")
    startup = dict(startup) if isinstance(startup, dict) else {}
    startup.setdefault("elements", _SPHINX_MATH)
    return {**own, "startup": startup}
