extensions = ["scholarpages"]
project = "List edits test"
html_baseurl = "https://jane.example/"
scholarpages_bibfile = "refs.bib"
scholarpages_owner = ["Doe, Jane Q."]
exclude_patterns = ["_build"]
nitpicky = True
