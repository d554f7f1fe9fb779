"""The Jekyll URL model the corpus of real sites is measured with (tests/jekyll_urls.py)."""

from __future__ import annotations

from pathlib import Path

from jekyll_urls import old_urls


def test_the_jekyll_url_model_follows_jekyll(tmp_path: Path) -> None:
    """The model the corpus is measured with: Jekyll's defaults for pages, items and posts."""
    files = {
        "_config.yml": "permalink: /:categories/:title/\ncollections:\n  talks:\n"
        "    output: true\n    permalink: /:collection/:path/\n  notes:\n    output: false\n",
        "_pages/about.md": "---\npermalink: /\nredirect_from: /about.html\n---\n",
        "_pages/cv.md": "---\ntitle: CV\n---\n",
        "_pages/hidden.md": "---\npublished: false\npermalink: /hidden/\n---\n",
        "_pages/broken.md": "---\ntitle: a: b: c\n---\n",
        "_talks/2020-talk.md": "---\nredirect_from:\n  - /old talk/\n---\n",
        "_notes/n.md": "---\npermalink: /n/\n---\n",
        "_posts/2019-02-04-first.md": "---\ncategories: [Blog, Two]\n---\n",
        "_publications/p.md": "---\ntitle: A paper\r\n---\r\n",
        "_publications/q.md": "---\ntitle: Q\nbibtexurl: /files/Q%20paper.bib\n---\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(text.encode())
    found = old_urls(tmp_path)
    assert sorted(url for url, _ in found.urls) == [
        "/",
        "/_pages/cv/",
        "/about.html",
        "/blog/two/first/",
        "/old talk/",
        "/talks/2020-talk/",
    ]
    assert found.unreadable == ["_pages/broken.md"]
    assert found.publications == ["A paper", "Q"]
    assert found.bib_downloads == {"Q paper.bib"}
