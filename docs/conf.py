"""Configuration of the example site: a personal academic website built with scholarpages."""

project = "Matthew L. Leavitt"
author = "Matthew L. Leavitt"
copyright = "2026, Matthew L. Leavitt"
language = "en"

extensions = ["scholarpages"]

html_baseurl = "https://mleavitt.net/"
html_theme = "pydata_sphinx_theme"
html_title = "Matthew L. Leavitt"

# The publications database, and the name forms of the site's owner (highlighted in lists).
scholarpages_bibfile = "../publications.bib"
scholarpages_owner = ["Leavitt, Matthew L."]
bibtex_reference_style = "author_year"

nitpicky = True
exclude_patterns = ["_build"]

# The site's owner: the author card on pages with `author_profile: true`, the site's title,
# the picture when a page is shared, and the schema.org Person search engines read.
scholarpages_author = {
    "name": "Matthew L. Leavitt",
    "avatar": "/images/avatar.png",
    "position": "Deep learning researcher",
    "bio": (
        "Science of deep learning: rigorous experiments to understand deep learning systems "
        "and make them better. Formerly Head of Data Research at MosaicML and AI Resident at "
        "FAIR."
    ),
    "education": "McGill University",
    "links": {"website": "https://mleavitt.net/"},
}

# The navbar, in this order.
scholarpages_navigation = [
    ("About", "/"),
    ("Research", "/research/"),
    ("Publications", "/publications/"),
    ("CV", "/cv/"),
]

# Pages without an excerpt are described (meta description, OpenGraph) by their first lines.
ogp_enable_meta_description = True
