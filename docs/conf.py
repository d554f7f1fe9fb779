"""Configuration of the example site: a personal academic website built with scholarpages."""

project = "Matthew L. Leavitt"
author = "Matthew L. Leavitt"
copyright = "2026, Matthew L. Leavitt"
language = "en"

extensions = ["scholarpages", "sphinxcontrib.bibtex"]

html_baseurl = "https://mleavitt.net/"
html_theme = "pydata_sphinx_theme"
html_title = "Matthew L. Leavitt"

bibtex_bibfiles = ["../publications.bib"]
bibtex_default_style = "plain"

nitpicky = True
exclude_patterns = ["_build"]
