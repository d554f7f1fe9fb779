extensions = ["scholarpages"]
project = "Claims on written files"
html_baseurl = "https://jane.example/"
scholarpages_bibfile = "refs.bib"
exclude_patterns = ["_build"]
