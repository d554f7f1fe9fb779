"""A long list cut into pages of at most ``page_size`` entries, at its groups' boundaries.

A page of thousands of entries is megabytes of HTML that a phone takes seconds to show. So
the document's own page shows the list's first groups, as many whole groups as fit (at
least part of the first), and every later group has a page of its own, named after it:
``publications/2019``. A group longer than a page goes on over ``2019-2``, ``2019-3``...
A year's page keeps its address as years are added, so links to it stay good. A list not
grouped goes on over ``page-2``, ``page-3``...

Every page links to every other, its search box searches them all (see search_index), and
``{cite}`` links lead to the page that shows the entry (see list_links).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# (group id, heading, keys of its entries), as the directive groups a list.
Group = tuple[str, str, Sequence[str]]

# Where a list is cut when neither the directive nor conf.py says: at this length a page
# is still quick to show on a phone (Lighthouse, mobile preset: see benchmarks/lighthouse.py).
DEFAULT_PAGE_SIZE = 200


@dataclass(frozen=True)
class ListPage:
    """One page of a list: ``slug`` is "" for the document's own page; ``pagename`` is the
    page's name in the site, once the directive has named it ("" for the document's)."""

    slug: str
    label: str
    groups: tuple[Group, ...]
    pagename: str = ""


def list_pages_folder(docname: str) -> str:
    """Where a document's list pages go: ``publications/2019`` for ``publications``.

    The site's home page (``index``) has them under ``publications-list/``: at the top of
    the site they could take the name of any page added later.
    """
    if docname == "index":
        return "publications-list"
    return docname.removesuffix("/index")


def group_slug(group_id: str) -> str:
    """The part of a page's name a group gives: "2019" for the group ``year-2019``."""
    return group_id.removeprefix("year-") or "page"


def _label(group_id: str, heading: str, piece: int) -> str:
    if not group_id:
        return f"Page {piece}"
    return heading if piece == 1 else f"{heading} ({piece})"


def _first_label(groups: Sequence[Group]) -> str:
    """ "2025-2023" (an en dash) for the newest years of a list by year; the headings otherwise."""
    headings = [heading for _, heading, _ in groups if heading]
    if not headings:
        return "Page 1"
    if len(headings) > 1 and all(heading.isdigit() for heading in headings):
        return f"{headings[0]}\N{EN DASH}{headings[-1]}"
    return ", ".join(headings)


def split_list(groups: Sequence[Group], page_size: int) -> list[ListPage]:
    """The pages of a list; one page when it has no more than ``page_size`` entries."""
    total = sum(len(keys) for _, _, keys in groups)
    if page_size <= 0 or total <= page_size:
        return [ListPage("", "", tuple(groups))]
    first: list[Group] = []
    taken = 0
    rest: list[tuple[Group, int]] = []  # (group, how many of its entries are already shown)
    for group_id, heading, keys in groups:
        if rest or (first and taken + len(keys) > page_size):
            rest.append(((group_id, heading, keys), 0))
        elif len(keys) > page_size - taken:
            # Only the first group is cut on the document's page: a page is never empty.
            first.append((group_id, heading, keys[:page_size]))
            rest.append(((group_id, heading, keys), page_size))
            taken = page_size
        else:
            first.append((group_id, heading, keys))
            taken += len(keys)
    pages = [ListPage("", _first_label(first), tuple(first))]
    for (group_id, heading, keys), start in rest:
        slug = group_slug(group_id)
        piece = start // page_size + 1
        for offset in range(start, len(keys), page_size):
            piece_slug = slug if piece == 1 else f"{slug}-{piece}"
            chunk = keys[offset : offset + page_size]
            pages.append(
                ListPage(
                    piece_slug, _label(group_id, heading, piece), ((group_id, heading, chunk),)
                )
            )
            piece += 1
    return pages
