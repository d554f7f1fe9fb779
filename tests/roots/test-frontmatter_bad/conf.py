extensions = ["scholarpages"]
project = "Bad input"
exclude_patterns = ["_build"]
