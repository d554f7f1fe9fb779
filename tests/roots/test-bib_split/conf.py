extensions = ["scholarpages"]
project = "Split bibliography"
html_baseurl = "https://jane.example/"
# Read in this order, as \bibliography{strings,entries,crossref} reads them.
scholarpages_bibfile = ["bib/strings.bib", "bib/entries.bib", "bib/crossref.bib"]
scholarpages_owner = ["Doe, Jane Q."]
exclude_patterns = ["_build"]
