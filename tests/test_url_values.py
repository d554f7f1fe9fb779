"""DOIs and URLs as .bib files write them: LaTeX's escapes of URL characters undone."""

from __future__ import annotations

import pytest

from scholarpages.publications.buttons import safe_target, url_value


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
    "hostile", [r"javascript:alert(1)", r"java\_script:x", r"https://x.org/a\\b", "//evil.org/x"]
)
def test_unescaping_makes_no_unsafe_link(hostile: str) -> None:
    target = safe_target(hostile, "/files/")
    assert target is None or target.startswith(("/files/", "https://"))
