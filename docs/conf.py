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
