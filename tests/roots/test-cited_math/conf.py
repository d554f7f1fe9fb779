extensions = ["scholarpages"]
project = "Cited math test"
author = "Jane Q. Doe"
scholarpages_bibfile = "publications.bib"
scholarpages_references = "references.bib"
scholarpages_owner = ["Doe, Jane Q."]
exclude_patterns = ["_build"]
nitpicky = True
