project = "Mallory"
extensions = ["scholarpages"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://mallory.example/"
exclude_patterns = ["_build"]

scholarpages_author = {
    "name": "Mallory <b>Bold</b>",
    "avatar": "/images/missing.png",
    "bio": "</script><script>alert('bio')</script>",
    "position": ["not", "a", "string"],
    "shoe_size": 42,
    "github": "https://github.com/mallory",
    "links": {
        "github": "javascript:alert(document.cookie)",
        "website": "//evil.example/",
        "orcid": "data:text/html,<script>alert(1)</script>",
        "linkedin": "https://www.linkedin.com/in/mallory\"onmouseover=\"alert(1)",
        "myspace": "https://myspace.example/mallory",
        "bluesky": "https://bsky.app/profile/mallory.example",
    },
}

scholarpages_navigation = [
    ("Home", "/"),
    ("Evil", "javascript:alert(1)"),
    42,
    ("Nowhere", "/nowhere/"),
    "https://elsewhere.example/",
    "missing-page",
]
