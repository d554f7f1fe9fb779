project = "Jane's site"
extensions = ["scholarpages"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://jane.example/site/"
exclude_patterns = ["_build"]

scholarpages_author = {
    "name": "Jane Q. Doe",
    "avatar": "/images/avatar.png",
    "pronouns": "she/her",
    "bio": 'I study <examples> & "counterexamples".',
    "position": "Assistant Professor",
    "employer": "Example University",
    "location": "Zürich",
    "education": ["Other University"],
    "email": "jane@example.org",
    "links": {
        "googlescholar": "https://scholar.google.com/citations?user=abc&hl=en",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "github": "https://github.com/janedoe",
        "cv": "/files/cv.pdf",
    },
}

scholarpages_navigation = [
    ("Publications", "/publications/"),
    "research",
    ("About", "/"),
    {"title": "CV", "url": "/files/cv.pdf"},
    ("Blog", "https://blog.jane.example/"),
]
