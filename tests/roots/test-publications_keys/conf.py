extensions = ["scholarpages"]
project = "Keys test"
html_baseurl = "https://jane.example/"
scholarpages_bibfile = "keys.bib"
exclude_patterns = ["_build"]
