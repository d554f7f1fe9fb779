extensions = ["scholarpages"]
project = "List pages test"
html_baseurl = "https://jane.example/"
scholarpages_bibfile = "publications.bib"
scholarpages_owner = ["Doe, Jane Q."]
# Pages of at most four entries: the eleven entries go on over several pages.
scholarpages_list_page_size = 4
exclude_patterns = ["_build"]
nitpicky = True
html_theme = "pydata_sphinx_theme"
