"""Shared fixtures: Sphinx test roots live in tests/roots/test-<name>/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from browser_support import launch_chromium, serve_directory

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOTS = Path(__file__).parent / "roots"

# No time limit per example: the machines the tests run on are shared and their speed varies
# (a 200 ms deadline failed a path check under load); slowness is the benchmark's to measure.
settings.register_profile("scholarpages", deadline=None)
settings.load_profile("scholarpages")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


# A browser test module builds its site in a ``site`` fixture; these serve it and open it.
@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve_directory(site) as base:
        yield base


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page of its own; a script error on it fails the test."""
    context = browser.new_context()
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []
