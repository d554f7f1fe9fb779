"""A rebuild where nothing changed says so: no "configuration has changed", nothing read.

The theme and sphinx-copybutton change some settings after conf.py is read (the template and
static folders, the permalink icon); the next build must not take that for an edit of conf.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

REPOSITORY = Path(__file__).resolve().parent.parent


def _assert_quiet(status: str) -> None:
    assert "configuration has changed" not in status
    assert "config changed" not in status
    assert "0 added, 0 changed, 0 removed" in status


@pytest.mark.parametrize("builder", ["dirhtml", "html"])
@pytest.mark.sphinx("dirhtml", testroot="publications", copy_test_root=True)
def test_noop_rebuild_of_a_test_root_is_quiet(make_app, app_params, builder: str) -> None:
    _, kwargs = app_params
    first = make_app(builder, **{**kwargs, "freshenv": True})
    first.build()
    first.cleanup()
    again = make_app(builder, **kwargs)
    again.build()
    _assert_quiet(again.status.getvalue())
    again.cleanup()


def test_noop_rebuild_of_the_example_site_is_quiet(tmp_path: Path) -> None:
    source = tmp_path / "docs"
    shutil.copytree(REPOSITORY / "docs", source, ignore=shutil.ignore_patterns("_build"))
    # conf.py names the database beside the docs folder.
    shutil.copy(REPOSITORY / "publications.bib", tmp_path / "publications.bib")
    outdir = tmp_path / "out"
    for run in range(2):
        app = SphinxTestApp("dirhtml", srcdir=source, builddir=outdir)
        try:
            app.build()
            if run == 1:
                _assert_quiet(app.status.getvalue())
        finally:
            app.cleanup()
