extensions = ["scholarpages"]
project = "Real bibliography"
# The test copies one bibliography of tests/corpus/bib here under this name.
scholarpages_bibfile = "publications.bib"
exclude_patterns = ["_build"]
