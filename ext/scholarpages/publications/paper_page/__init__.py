"""A page per paper, from its name to its file, all in this package.

1. ``paper_names`` (with ``page_names``): once every page is read, each entry's page gets
   its one name under ``publications/``, the same for every link to it; ``redirects``
   names the files each paper has and the old URLs its entry claims.
2. ``paper_pages``: what the page shows (the full citation, abstract, links, BibTeX, who
   refers to it, Scholar and JSON-LD metadata, ``share_tags`` for shared links), written
   as HTML fragments with the builder's translator (``fragment``).
3. ``paper_writing``: which pages are written and by which process; ``page_cache`` keeps
   a page whose inputs did not change, and ``page_skeleton`` renders the theme's template
   once for all of them.
"""
