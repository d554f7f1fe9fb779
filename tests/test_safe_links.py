"""No built page links to a script, whichever extension made the link."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from scholarpages.safe_links import is_unsafe_uri

from helpers import html_files, read_html, warning_lines


@pytest.mark.sphinx("dirhtml", testroot="safe_links", freshenv=True)
def test_a_cited_entry_cannot_link_a_script(app: SphinxTestApp) -> None:
    """sphinxcontrib-bibtex's {bibliography} links a cited entry's url and \\url as they are."""
    app.build()
    outdir = Path(app.outdir)
    for name in html_files(outdir):
        for link in read_html(outdir / name).find_all(href=True):
            assert not is_unsafe_uri(str(link["href"])), (name, link)
    index = read_html(outdir / "index.html")
    assert "javascript:alert(8)" in index.get_text()  # still shown, as text
    warnings = "\n".join(warning_lines(app.warning))
    assert "link to 'javascript:alert(8)' removed" in warnings
    assert "link to 'javascript:alert(10)' removed" in warnings
    assert "[scholarpages.unsafe_link]" in warnings


@pytest.mark.parametrize(
    "uri",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:x",
        "java\tscript:x",
        "\x01javascript:x",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
    ],
)
def test_unsafe_schemes(uri: str) -> None:
    assert is_unsafe_uri(uri)


@pytest.mark.parametrize(
    "uri", ["https://example.org/javascript:x", "/files/a.pdf", "#top", "mailto:a@b.org", "x.html"]
)
def test_safe_links(uri: str) -> None:
    assert not is_unsafe_uri(uri)


@given(st.lists(st.sampled_from(["\t", "\n", "\r", " ", "\x00", "\x7f"]), max_size=4), st.text())
def test_whitespace_and_controls_do_not_hide_a_scheme(noise: list[str], rest: str) -> None:
    scheme = list("javascript")
    for index, character in enumerate(noise):
        scheme.insert(index * 2 % len(scheme), character)
    assert is_unsafe_uri("".join(scheme) + ":" + rest)
