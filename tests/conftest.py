"""Shared fixtures: Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

ROOTS = Path(__file__).parent / "roots"

# No time limit per example: the machines the tests run on are shared and their speed varies
# (a 200 ms deadline failed a path check under load); slowness is the benchmark's to measure.
settings.register_profile("scholarpages", deadline=None)
settings.load_profile("scholarpages")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS
