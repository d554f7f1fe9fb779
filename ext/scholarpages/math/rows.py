"""MathML without rows that group nothing: the same math in fewer elements.

latex2mathml wraps every group in ``<mrow>``: the whole formula, a root's content, a script of
one letter. A row of one element, and a row that is all a row-like parent holds (``<math>``,
``<msqrt>``, ``<mstyle>``... lay out their children as a row already), are laid out as what
they hold (MathML Core, "inferred mrow"), so dropping them changes nothing shown. A title's
formula in a list of thousands carried one to three of them (``$k$`` was three elements).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

# Elements that lay out their children as one row (MathML Core's inferred mrow).
_ROW_LIKE = {"math", "mrow", "msqrt", "mstyle", "mpadded", "mphantom", "menclose", "merror", "mtd"}
# Elements whose first child, when an operator, makes them an operator too (embellished).
_SCRIPTS = {"msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts"}


def without_empty_rows(tree: Element) -> None:
    """Drop, in place, every ``<mrow>`` that groups nothing (see the module's docstring)."""
    for node in tree:
        without_empty_rows(node)
    children = list(tree)
    if tree.tag in _ROW_LIKE and len(children) == 1 and _is_plain_row(children[0]):
        row = children[0]
        index = list(tree).index(row)
        tree.remove(row)
        for offset, grandchild in enumerate(list(row)):
            tree.insert(index + offset, grandchild)
        return
    for index, child in enumerate(children):
        if _is_plain_row(child) and len(child) == 1 and not _is_operator(child[0]):
            tree.remove(child)
            tree.insert(index, child[0])


def _is_plain_row(node: Element) -> bool:
    """A row with no attribute and no text of its own: only its children count."""
    return (
        node.tag == "mrow"
        and not node.attrib
        and not (node.text or "").strip()
        and not (node.tail or "").strip()
        and all(not (child.tail or "").strip() for child in node)
    )


def _is_operator(node: Element) -> bool:
    """An operator, or one with scripts: alone in a row, its spacing and form are the row's."""
    if node.tag == "mo":
        return True
    return node.tag in _SCRIPTS and len(node) > 0 and _is_operator(node[0])
