"""The CV as docutils nodes: the writer escapes every value, so no data file markup gets through."""

from __future__ import annotations

from docutils import nodes

from .data import Basics, Entry


def _reference(text: str, url: str) -> nodes.Node:
    return nodes.reference("", text, refuri=url) if url else nodes.Text(text)


def _joined(parts: list[nodes.Node], separator: str = " · ") -> list[nodes.Node]:
    joined: list[nodes.Node] = []
    for part in parts:
        if joined:
            joined.append(nodes.Text(separator))
        joined.append(part)
    return joined


def basics_nodes(basics: Basics) -> nodes.container:
    box = nodes.container(classes=["sp-cv-basics"])
    if basics.name or basics.label:
        head = nodes.paragraph(classes=["sp-cv-name"])
        if basics.name:
            head += nodes.strong(basics.name, basics.name)
        if basics.label:
            head += nodes.Text(f" · {basics.label}" if basics.name else basics.label)
        box += head
    contact: list[nodes.Node] = []
    if basics.email:
        contact.append(_reference(basics.email, f"mailto:{basics.email}"))
    if basics.phone:
        contact.append(nodes.Text(basics.phone))
    if basics.url:
        contact.append(_reference(basics.url, basics.url))
    if basics.location:
        contact.append(nodes.Text(basics.location))
    contact.extend(_reference(link.label, link.url) for link in basics.profiles)
    if contact:
        box += nodes.paragraph("", "", *_joined(contact), classes=["sp-cv-contact"])
    if basics.summary:
        box += nodes.paragraph(basics.summary, basics.summary, classes=["sp-cv-summary"])
    return box


def entry_nodes(entry: Entry) -> nodes.container:
    box = nodes.container(classes=["sp-cv-entry"])
    head = nodes.paragraph(classes=["sp-cv-head"])
    if entry.title:
        head += nodes.strong("", "", _reference(entry.title, entry.url))
    if entry.subtitle:
        text = f", {entry.subtitle}" if entry.title else entry.subtitle
        head += _reference(text, "" if entry.title else entry.url)
    if entry.dates:
        head += nodes.inline(entry.dates, entry.dates, classes=["sp-cv-dates"])
    if len(head):
        box += head
    if entry.location:
        box += nodes.paragraph(entry.location, entry.location, classes=["sp-cv-location"])
    for text in entry.summary:
        box += nodes.paragraph(text, text, classes=["sp-cv-summary"])
    if entry.items:
        items = nodes.bullet_list(classes=["sp-cv-items"])
        for text in entry.items:
            items += nodes.list_item("", nodes.paragraph(text, text))
        box += items
    for label, value in entry.details:
        detail = nodes.paragraph(classes=["sp-cv-detail"])
        detail += nodes.emphasis(f"{label}:", f"{label}:")
        detail += nodes.Text(f" {value}")
        box += detail
    if entry.url and not (entry.title or entry.subtitle):
        box += nodes.paragraph("", "", _reference(entry.url, entry.url))
    return box
