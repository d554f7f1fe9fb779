"""The CV as a PDF, typeset by Typst (the ``typst`` package: the compiler as a wheel, no TeX).

The data reaches Typst as JSON through ``sys.inputs``, never pasted into Typst markup, so a
value can only ever be text. Only the fonts Typst embeds are used, and the PDF's date is
``SOURCE_DATE_EPOCH`` (or a value made from the inputs), so two builds of the same inputs are
the same bytes on every machine. It is compiled again only when its inputs change, and the
store's outputs manifest removes it when no CV page makes it any more.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any

import typst

from ..code_version import code_version
from ..store import Store

TEMPLATE = Path(__file__).parent / "templates" / "cv.typ"
# 2000-01-01: the base of the date made from the inputs when SOURCE_DATE_EPOCH is not set.
_EPOCH_BASE = 946_684_800
_TEN_YEARS = 315_360_000


def pdf_digest(payload: str) -> str:
    """Of everything the PDF is made from: the data, the template, our code, Typst."""
    digest = hashlib.sha256()
    for part in (payload, TEMPLATE.read_text("utf-8"), code_version(), version("typst")):
        digest.update(part.encode() + b"\0")
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest.hexdigest()[:32]


def _timestamp(digest: str) -> int:
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return _EPOCH_BASE + int(digest[:8], 16) % _TEN_YEARS


def write_pdf(payload: dict[str, Any], output: Path, store: Store) -> bool:
    """Typeset ``payload`` into ``output`` unless the store's outputs manifest says it is
    current; whether it was written.

    Raises ``typst.TypstError`` (a bug of the template: the data cannot cause one) or OSError.
    """
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    digest = pdf_digest(text)
    if store.current(output, digest):
        return False
    pdf = typst.compile(
        str(TEMPLATE),
        root=str(TEMPLATE.parent),
        ignore_system_fonts=True,
        sys_inputs={"cv": text},
        timestamp=_timestamp(digest),
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    partial.write_bytes(pdf)
    partial.replace(output)
    store.mark(output, digest)
    return True
