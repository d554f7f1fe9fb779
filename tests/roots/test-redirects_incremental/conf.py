extensions = ["scholarpages"]
project = "Hostile redirects"
html_baseurl = "https://jane.example/"
exclude_patterns = ["_build"]
