extensions = ["scholarpages"]
project = "Math in pages"
author = "Jane Doe"
html_baseurl = "https://jane.example/"
exclude_patterns = ["_build"]
myst_enable_extensions = ["dollarmath", "amsmath"]
