"""A ``{publications}`` list, from the directive to its HTML.

The flow of one list entry, all in this package:

1. ``directive``: the directive reads its options and chooses the entries (``selection``);
   the ``BuildPublicationLists`` transform puts an entry node per entry in the page
   (``publications.render.list_entry``), with the words the search box finds it by
   (``search_box``). The page notes which parts of the entries its lists read
   (``list_reads``): after an edit of the database it is read again only if those
   changed, and otherwise written again if an entry it shows changed.
2. ``entry_html``: when the page is written, each entry is the HTML it was written as the
   last time (``entry_cache``, keyed by the entry, the settings and the code), unless that
   changed; only changed entries go through Sphinx's post-transforms and translator. The
   kept ones are gathered, a row at a time, into one node (``entry_rows``), which the
   post-transforms, the translator and the search index walk as one. Their text stays in
   the page for the search index and the description (``entry_text``).
3. ``reveal``: the abstract and BibTeX are fetched from the entry's paper page on demand.
"""
