extensions = ["scholarpages"]
project = "Confinement"
scholarpages_bibfile = "refs.bib"
# The second folder leads out of the source directory: refused with a warning.
scholarpages_static_dirs = ["images", "files", "../../../../../../../etc"]
exclude_patterns = ["_build"]
# A link to /etc/passwd in the test (images/secret.png): not an avatar, nor a favicon.
scholarpages_author = {"name": "Jane Doe", "avatar": "/images/secret.png"}
