extensions = ["scholarpages"]
project = "Collections"
exclude_patterns = ["_build"]
nitpicky = True
