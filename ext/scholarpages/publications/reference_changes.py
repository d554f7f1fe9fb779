"""Incremental builds after an edit of references.bib.

sphinxcontrib-bibtex formats every cited entry again on each build, but Sphinx writes only
the pages it read again: a page that cites a reference would keep showing it as it was.
Here each reference is compared with what the last build saw, and the pages that cite one
that changed, appeared or disappeared, and those with a bibliography of their own (which
may list it, or cite it in a footnote), are read again.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .cited_copy import copy_path
from .domain import publications_domain
from .references import references_of


def pages_citing_changed_references(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    before = publications_domain(env).references
    now = references_of(app).entry_digests()
    changed_keys = {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}
    if not changed_keys:
        return []
    cite_domain = env.get_domain("cite")
    pages = {
        ref.docname
        for ref in getattr(cite_domain, "citation_refs", [])
        if {target.key.lower() for target in ref.targets} & changed_keys
    }
    # {bibliography} and {footbibliography} depend on the copy sphinxcontrib-bibtex reads.
    copy = copy_path(app).resolve()
    pages |= {
        docname
        for docname, files in env.dependencies.items()
        if any(Path(file) == copy for file in files)
    }
    return sorted(pages & env.found_docs - removed)


def remember_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = publications_domain(env)
    domain.references = references_of(app).entry_digests()
    return []
