extensions = ["scholarpages"]
project = "Test Site"
html_baseurl = "https://example.org/site/"
exclude_patterns = ["_build"]
nitpicky = True
