"""DOIs and URLs as .bib files write them: LaTeX's escapes of URL characters undone."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from scholarpages.publications.buttons import safe_target, url_value
from scholarpages.theme.links import RejectedLinkError, accept_link

from helpers import read_html, warning_lines


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        (r"10.1007/3-540-48749-2\_2", "10.1007/3-540-48749-2_2"),  # DBLP
        (r"https://x.org/ICML\%202022/a\_b\#c", "https://x.org/ICML%202022/a_b#c"),
        (r"https://x.org/\~{}me", "https://x.org/~me"),
        (r"https://x.org/\textasciitilde{}me", "https://x.org/~me"),
        (r"https://x.org/a\&b", "https://x.org/a&b"),
        ("  https://x.org/plain  ", "https://x.org/plain"),
    ],
)
def test_escaped_url_characters(written: str, meant: str) -> None:
    assert url_value(written) == meant
    assert safe_target(written, "/files/") == (meant if "://" in meant else "/files/" + meant)


@pytest.mark.parametrize(
    "hostile",
    [
        r"javascript:alert(1)",
        r"java\_script:x",
        r"https://x.org/a\\b",
        "//evil.org/x",
        "https://host:[x",  # urllib refuses to split it
        "http://[::1",
    ],
)
def test_unescaping_makes_no_unsafe_link(hostile: str) -> None:
    target = safe_target(hostile, "/files/")
    assert target is None or target.startswith(("/files/", "https://"))


@pytest.mark.sphinx("dirhtml", testroot="unsplittable_urls", freshenv=True)
def test_urls_urllib_cannot_split_are_refused_where_written(app: SphinxTestApp) -> None:
    # urllib raises ValueError on "https://host:[x": the site still builds, every such
    # link is reported where it was written, and none becomes a link.
    app.build()
    warnings = "\n".join(warning_lines(app.warning))
    for expected in [
        "scholarpages_author['links']['website'] ignored",
        "scholarpages_author['links']['github'] ignored",
        "refs.bib:1: WARNING: entry 'paper': url 'http://[::1'",
        "refs.bib:1: WARNING: entry 'paper': pdf 'https://host:[x/paper.pdf'",
        "refs.bib:1: WARNING: entry 'paper': preview 'https://host:[x/image.png'",
        "cv.yaml:3: WARNING: link 'https://host:[x' left out",
        "cv.yaml:6: WARNING: link 'http://[::1' left out",
        "index.md:3: WARNING: redirect_from 'https://host:[x' refused",
    ]:
        assert expected in warnings, expected
    outdir = Path(app.outdir)
    for name in ("index.html", "cv/index.html", "publications/paper/index.html"):
        links = [str(a.get("href")) for a in read_html(outdir / name).find_all("a")]
        assert not any("::1" in link for link in links), (name, links)
    card = read_html(outdir / "index.html").select(".sp-author a")
    assert not any("host:[" in str(a.get("href")) for a in card)


LINK_VALUES = st.one_of(
    st.text(max_size=40),
    # Near-URLs: a scheme, then the characters urllib's splitting trips on.
    st.builds(
        str.__add__,
        st.sampled_from(["http://", "https://", "HTTPS://", "", "/", "//", "mailto:"]),
        st.text(alphabet="ab:[]@/.?#%1 \\", max_size=12),
    ),
)


@settings(max_examples=300, deadline=None)
@given(LINK_VALUES)
def test_any_link_value_is_a_safe_target_or_refused(value: str) -> None:
    target = safe_target(value, "/files/")
    assert target is None or target.startswith(("/", "http://", "https://", "HTTPS://")), target
    with contextlib.suppress(RejectedLinkError):
        accept_link(value)
