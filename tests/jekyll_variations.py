"""An academicpages site holding every variation real sites have, written for the tests.

``write_variations(root)`` writes the site and returns the URLs the Jekyll site served, each
with the title of the page a visitor should end up on.
"""

from __future__ import annotations

from pathlib import Path

CONFIG = """\
title: "Ada Example"
description: "Ada's academic site"
url: https://ada.example
baseurl: ""
future: false
permalink: /:categories/:title/
author:
  name: "Ada Example"
  avatar: "profile.png"
  bio: "Researcher of examples"
  location: "Zürich"
  employer: "Example University"
  email: "ada@example.org"
  github: "ada-example"
  orcid: "https://orcid.org/0000-0000-0000-0000"
  twitter:
publication_category:
  manuscripts:
    title: 'Journal Articles'
  conferences:
    title: 'Conference Papers'
collections:
  teaching:
    output: true
    permalink: /:collection/:path/
  publications:
    output: true
    permalink: /:collection/:path/
  talks:
    output: true
    permalink: /:collection/:path/
  projects:
    output: true
    permalink: /:collection/:path/
"""

NAVIGATION = """\
main:
  - title: "Publications"
    url: /publications/
  - title: "Talks"
    url: /talks/
  - title: "Projects"
    url: /projects/
  - title: "Blog"
    url: /year-archive/
"""

# path -> (text, [(url, expected title)]); bytes where the encoding matters.
FILES: dict[str, tuple[str | bytes, list[tuple[str, str]]]] = {
    "_pages/about.md": (
        '---\npermalink: /\ntitle: "About Ada"\nauthor_profile: true\nredirect_from:\n'
        "  - /about/\n  - /about.html\n---\n\n{% include base_path %}\n\nHello. See my "
        "[CV]({{ base_path }}/files/cv.pdf) and [talks](/talks/).\n",
        [("/", "About Ada"), ("/about/", "About Ada"), ("/about.html", "About Ada")],
    ),
    "_pages/dated.md": (
        "---\ntitle: Dated page\npermalink: /dated/\npublished: 2021-03-01\n---\n\nShown.\n",
        [("/dated/", "Dated page")],
    ),
    "_pages/word.md": (
        "---\ntitle: Word page\npermalink: /word/\npublished: journal\n---\n\nShown.\n",
        [("/word/", "Word page")],
    ),
    "_pages/hidden.md": (
        "---\ntitle: Hidden\npermalink: /hidden/\npublished: false\n---\n\nNot shown.\n",
        [],
    ),
    "_pages/bare-redirect.md": (
        "---\ntitle: Bare redirect\npermalink: /bare/\nredirect_from: /old-bare/\n---\n\nText.\n",
        [("/bare/", "Bare redirect"), ("/old-bare/", "Bare redirect")],
    ),
    "_pages/away.md": (
        "---\ntitle: Moved away\npermalink: /away/\nredirect_to: https://elsewhere.example/\n"
        "---\n\nGone.\n",
        [],
    ),
    "_pages/same-a.md": (
        "---\ntitle: Same A\npermalink: /same/\n---\n\nFirst.\n",
        [("/same/", "Same A")],
    ),
    "_pages/same-b.md": (
        "---\ntitle: Same B\npermalink: /same/\nredirect_from: /same-b/\n---\n\nSecond.\n",
        [("/same-b/", "Same B")],
    ),
    "_pages/nospace.md": (
        "---\ntitle:No space after the colon\npermalink: /nospace/\n---\n\nText.\n",
        [("/nospace/", "No space after the colon")],
    ),
    "_pages/badyaml.md": (
        '---\ntitle: "Unclosed quote\npermalink: /badyaml/\ntags: [a, b\n---\n\nText.\n',
        [("/badyaml/", "Unclosed quote")],
    ),
    "_pages/commented.md": (
        "<!--\n---\ntitle: Commented out\npermalink: /commented/\n---\n-->\n\nText.\n",
        [],
    ),
    "_pages/crlf.md": (
        b"---\r\ntitle: CRLF page\r\npermalink: /crlf/\r\n---\r\n\r\nWindows lines.\r\n",
        [("/crlf/", "CRLF page")],
    ),
    "_pages/bom.md": (
        "\ufeff---\ntitle: BOM page\npermalink: /bom/\n---\n\nWith a byte-order mark.\n".encode(),
        [("/bom/", "BOM page")],
    ),
    "_pages/Notes and Ideas: draft \u2013 v2\u200b.md": (
        "---\ntitle: Odd file name\npermalink: /odd-name/\n---\n\nText.\n",
        [("/odd-name/", "Odd file name")],
    ),
    "_pages/parens.md": (
        '---\ntitle: Parentheses and accents\npermalink: "/r\u00e9sum\u00e9 (2024)/"\n---\n\n'
        "Text.\n",
        [("/r%C3%A9sum%C3%A9%20(2024)/", "Parentheses and accents")],
    ),
    "_pages/full.html": (
        "---\npermalink: /full/\n---\n<!DOCTYPE html>\n<html><head><title>Full HTML page"
        "</title></head>\n<body>\n<h2>Inside</h2>\n<p>Body text.</p>\n</body></html>\n",
        [("/full/", "Full HTML page")],
    ),
    "_pages/talks.html": (
        '---\nlayout: archive\ntitle: "Talks and presentations"\npermalink: /talks/\n---\n\n'
        "{% include base_path %}\n{% for post in site.talks reversed %}\n"
        "  {% include archive-single-talk.html %}\n{% endfor %}\n",
        [("/talks/", "Talks and presentations")],
    ),
    "_talks/2012-03-01-talk-1.md": (
        '---\ntitle: "Talk 1"\ncollection: talks\ntype: "Talk"\npermalink: '
        '/talks/2012-03-01-talk-1\nvenue: "UC San Francisco"\ndate: 2012-03-01\n'
        'location: "San Francisco, CA, USA"\n---\n\nA talk.\n',
        [("/talks/2012-03-01-talk-1", "Talk 1")],
    ),
    "_talks/2013 talk two.md": (
        '---\ntitle: "Talk 2"\ncollection: talks\ndate: 2013-04-01\n---\n\nNo permalink.\n',
        [("/talks/2013%20talk%20two/", "Talk 2")],
    ),
    "_talks/2014-unpublished.md": (
        '---\ntitle: "Unpublished talk"\npublished: false\n---\n\nHidden.\n',
        [],
    ),
    "_teaching/2014-spring-teaching-1.md": (
        '---\ntitle: "Teaching 1"\ncollection: teaching\ntype: "Undergraduate course"\n'
        'permalink: /teaching/2014-spring-teaching-1\nvenue: "University 1"\ndate: 2014-01-01\n'
        "---\n\nCourse.\n\nHeading 1\n======\n\nText.\n",
        [("/teaching/2014-spring-teaching-1", "Teaching 1")],
    ),
    "_projects/robot.md": (
        '---\ntitle: "Robot project"\nexcerpt: "A <b>robot</b><br/><img src=\'/images/x.png\'>"\n'
        "---\n\nA custom collection.\n",
        [("/projects/robot/", "Robot project")],
    ),
    "_posts/2012-08-14-blog-post-1.md": (
        "---\ntitle: 'Blog Post number 1'\ndate: 2012-08-14\n"
        "permalink: /posts/2012/08/blog-post-1/\n---\n\nA post.\n",
        [("/posts/2012/08/blog-post-1/", "Blog Post number 1")],
    ),
    "_posts/2013-01-02-no-permalink.md": (
        "---\ntitle: 'Post without permalink'\ncategories:\n  - research\n---\n\nDefault URL.\n",
        [("/research/no-permalink/", "Post without permalink")],
    ),
    "_posts/2199-01-01-future-post.md": (
        "---\ntitle: 'Future Blog Post'\ndate: 2199-01-01\npermalink: /posts/future/\n---\n\n"
        "Later.\n",
        [],
    ),
    "_publications/2009-10-01-paper-title-number-1.md": (
        '---\ntitle: "Paper Title Number 1"\ncollection: publications\ncategory: manuscripts\n'
        "permalink: /publication/2009-10-01-paper-title-number-1\nexcerpt: 'About the number 1.'\n"
        "date: 2009-10-01\nvenue: 'Journal 1'\npaperurl: 'https://ada.example/files/paper1.pdf'\n"
        "citation: 'Example, Ada. (2009). &quot;Paper Title Number 1.&quot; <i>Journal 1</i>.'\n"
        "---\nThe page body of paper 1.\n",
        [("/publication/2009-10-01-paper-title-number-1", "Paper Title Number 1")],
    ),
    "_publications/2015-conference.md": (
        '---\ntitle: "A Conference Paper"\ncategory: conferences\ndate: 2015-10-01\n'
        "venue: 'Conference 1'\n---\nNo permalink here.\n",
        [("/publications/2015-conference/", "A Conference Paper")],
    ),
    "files/cv.pdf": (b"%PDF-1.4\n", [("/files/cv.pdf", "")]),
    "files/paper1.pdf": (b"%PDF-1.4\n", [("/files/paper1.pdf", "")]),
    "files/refs.bib": (
        "@article{other2020,\n  title = {An Article from a Bib File},\n  author = {Example, Ada},"
        "\n  journal = {Journal 2},\n  year = {2020}\n}\n",
        [],
    ),
}

COUNTS = {"publications": 2, "talks": 2, "teaching": 1, "projects": 1, "posts": 2}


def write_variations(root: Path) -> list[tuple[str, str]]:
    (root / "_data").mkdir(parents=True)
    (root / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (root / "_data" / "navigation.yml").write_text(NAVIGATION, encoding="utf-8")
    urls: list[tuple[str, str]] = []
    for relative, (content, served) in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        urls += served
    return urls
