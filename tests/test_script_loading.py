"""Sphinx's and sphinx-copybutton's scripts load with ``defer``: none of them holds up the
first paint. ``documentation_options.js`` stays as it is, since the theme's inline scripts
read it while the head is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import read_html, warning_lines


@pytest.mark.sphinx("dirhtml", testroot="list_pages", freshenv=True)
def test_only_documentation_options_blocks_the_page(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app.warning) == []
    for file in ["index.html", "publications/index.html", "publications/doe2019rivers/index.html"]:
        head = read_html(Path(app.outdir) / file).head
        assert head is not None
        blocking = [
            str(script["src"]).rsplit("/", 1)[-1].split("?")[0]
            for script in head.select("script[src]")
            if not script.has_attr("defer") and not script.has_attr("async")
        ]
        assert blocking == ["documentation_options.js"], file
        names = [str(script["src"]) for script in head.select("script[src]")]
        # Deferred scripts run in the order they are written: ClipboardJS before its user.
        clipboard = next(i for i, name in enumerate(names) if "clipboard.min.js" in name)
        assert "copybutton.js" in names[clipboard + 1]
