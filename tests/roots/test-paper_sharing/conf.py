project = "Sharing test"
extensions = ["scholarpages"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://jane.example/site/"
scholarpages_bibfile = "refs.bib"
scholarpages_owner = ["Doe, Jane Q."]
scholarpages_author = {
    "name": "Jane Q. Doe",
    "avatar": "/images/avatar.png",
    "bio": "I study graphs.",
    "links": {"github": "https://github.com/janedoe"},
}
exclude_patterns = ["_build"]
