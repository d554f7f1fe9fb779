extensions = ["scholarpages"]
project = "Hostile bibliography"
scholarpages_bibfile = "hostile.bib"
exclude_patterns = ["_build"]
