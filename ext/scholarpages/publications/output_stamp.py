"""Outputs written again only when their inputs change.

The store's outputs manifest (see store.py) holds a digest of what each output was made
from; a build whose inputs digest the same, with the output still there, leaves it alone.
An output no build handler makes any more is removed when the build ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..build_state import state_of


def is_current(app: Sphinx, name: str, output: Path, inputs: Any) -> bool:
    """Whether ``output`` (the build's ``name`` output) was made from ``inputs``."""
    return state_of(app).store.current(output, (name, app.builder.name, inputs))


def mark_current(app: Sphinx, name: str, output: Path, inputs: Any) -> None:
    state_of(app).store.mark(output, (name, app.builder.name, inputs))
