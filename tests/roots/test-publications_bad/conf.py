extensions = ["scholarpages"]
project = "Bad bibliography"
scholarpages_bibfile = "bad.bib"
exclude_patterns = ["_build"]
