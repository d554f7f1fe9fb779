"""The name of each entry's page: one file or folder name, the same for every use.

A key may hold anything BibTeX allows: ``/``, dots, emoji, any script, hundreds of
characters. A page name keeps what reads well and serves well from a static host (letters
and digits of any script, ``_``, ``-`` and inner dots) and turns every other run of
characters into ``-``: the name an ASCII key always had. Names are compared as a
case-insensitive file system (and BibTeX) compares them, so two entries never share a page,
and an entry never takes a name the site uses for something else (``index``, the downloads,
a page of the site). An entry that cannot have its readable name gets that name followed by
a digest of its key: the same on every build, whatever else the database holds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

# Below the 255 bytes file systems allow, with room for ".html" and ".bib".
MAX_PAGE_NAME_BYTES = 200
# The folder's index page: with dirhtml, publications/index.html is the publications list.
INDEX = "index"
# Endings that make another kind of file: "<name>.bib" is the download of the entry <name>,
# and a static host serves "x.html" as a file rather than as the folder "x.html/".
_FILE_ENDINGS = (".bib", ".html", ".htm")
# Names Windows refuses for files and folders, whatever their extension.
_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
_DIGEST_LENGTH = 8
_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")


def fold(name: str) -> str:
    """What a case-insensitive file system compares: case, width and accents' encoding."""
    if name.isascii():  # most keys: the same answer, ten times sooner
        return name.lower()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def _keeps(character: str) -> bool:
    if character.isascii():
        return character.isalnum() or character in "._-"
    # Letters, marks (the vowel signs of many scripts) and digits of every script.
    return unicodedata.category(character)[0] in "LMN"


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` bytes of UTF-8, whole characters only."""
    return text.encode()[:limit].decode(errors="ignore")


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST_LENGTH]


def _whole_name(key: str) -> str:
    name = _characters_kept(key)
    for ending in _FILE_ENDINGS:
        if name.lower().endswith(ending):
            name = f"{name[: -len(ending)]}-{ending[1:]}"
    if name.split(".")[0].lower() in _DEVICE_NAMES:
        name = f"{name}-"
    return name


def _characters_kept(key: str) -> str:
    """The key with each run of characters a name cannot hold made one ``-``."""
    if key.isascii():  # most keys: the same answer, ten times sooner
        return _UNSAFE_ASCII.sub("-", key).strip("-.")
    parts: list[str] = []
    dropped = False
    for character in unicodedata.normalize("NFC", key):
        if _keeps(character):
            parts.append(character)
            dropped = False
        elif not dropped:
            parts.append("-")
            dropped = True
    return "".join(parts).strip("-.")


def _readable(key: str) -> tuple[str, bool]:
    """The readable name, and whether it had to be cut."""
    name = _whole_name(key)
    if len(name) * 4 <= MAX_PAGE_NAME_BYTES or len(name.encode()) <= MAX_PAGE_NAME_BYTES:
        return name, False
    cut = _cut(name, MAX_PAGE_NAME_BYTES - _DIGEST_LENGTH - 1).rstrip("-.")
    return f"{cut}-{digest(key)}", True


def readable_name(key: str) -> str:
    """The name the key reads as, before any clash is settled; "" if nothing of it is left.

    For an ASCII key, runs of characters other than letters, digits, ``.``, ``_`` and ``-``
    become ``-``, and ``-`` and ``.`` are taken off both ends. A name too long is cut, and
    ends with a digest of the key.
    """
    return _readable(key)[0]


class Displaced(NamedTuple):
    """An entry that could not have its readable name, and the name it has instead."""

    key: str
    wanted: str  # its readable name ("" when nothing of the key was left)
    name: str
    holder: str | None  # the entry that has ``wanted``, when another entry does


class Naming(NamedTuple):
    names: dict[str, str]  # key -> page name
    displaced: list[Displaced]  # in the order of the keys
    shortened: list[str]  # keys too long for a file name: their names are cut


def _disambiguated(key: str, wanted: str, taken: set[str]) -> str:
    base = _cut(wanted or "entry", MAX_PAGE_NAME_BYTES - 2 * (_DIGEST_LENGTH + 1)).rstrip("-.")
    name = f"{base or 'entry'}-{digest(key)}"
    number = 2
    while fold(name) in taken:  # two digests alike: as good as never
        name = f"{base or 'entry'}-{digest(key)}-{number}"
        number += 1
    return name


def assign_page_names(keys: Iterable[str], reserved: Mapping[str, str]) -> Naming:
    """A page name for each key, distinct from every other even ignoring case.

    ``reserved`` maps names the site uses already (compared with ``fold``) to what uses
    them. Each entry keeps its readable name unless it is empty, reserved, or an entry
    before it has it; those entries get their readable name followed by a digest of
    their key, so that no entry with its readable name ever loses it to them.
    """
    blocked = {fold(name) for name in reserved} | {INDEX}
    names: dict[str, str] = {}
    holders: dict[str, str] = {}  # folded name -> key
    waiting: list[tuple[str, str]] = []
    shortened: list[str] = []
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        wanted, cut = _readable(key)
        if cut:
            shortened.append(key)
        folded = fold(wanted)
        if wanted and folded not in blocked and folded not in holders:
            names[key] = wanted
            holders[folded] = key
        else:
            waiting.append((key, wanted))
    displaced: list[Displaced] = []
    taken = blocked | set(holders)
    for key, wanted in waiting:
        name = _disambiguated(key, wanted, taken)
        taken.add(fold(name))
        names[key] = name
        displaced.append(Displaced(key, wanted, name, holders.get(fold(wanted))))
    return Naming(names, displaced, shortened)
