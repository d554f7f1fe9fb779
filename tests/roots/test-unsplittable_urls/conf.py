# URLs urllib refuses to split (an unclosed IPv6 bracket), in every place a site takes links.
extensions = ["scholarpages"]
html_baseurl = "https://me.example/"
scholarpages_bibfile = "refs.bib"
scholarpages_author = {"name": "Me", "links": {"website": "https://host:[x", "github": "http://[::1"}}
