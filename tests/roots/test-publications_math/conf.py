extensions = ["scholarpages"]
project = "Math in a bibliography"
author = "Jane Doe"
html_baseurl = "https://jane.example/"
scholarpages_bibfile = "math.bib"
exclude_patterns = ["_build"]
myst_enable_extensions = ["dollarmath"]
