extensions = ["scholarpages"]
project = "Math in titles"
html_baseurl = "https://jane.example/"
scholarpages_bibfile = "titles.bib"
scholarpages_owner = ["Doe, Jane Q."]
exclude_patterns = ["_build"]
nitpicky = True
html_theme = "pydata_sphinx_theme"
