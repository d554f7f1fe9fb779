extensions = ["scholarpages"]
project = "x"
scholarpages_bibfile = "refs.bib"
