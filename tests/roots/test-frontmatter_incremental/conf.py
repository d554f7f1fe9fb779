extensions = ["scholarpages"]
project = "Incremental"
exclude_patterns = ["_build"]
