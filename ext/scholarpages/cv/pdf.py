"""The CV as a PDF, typeset by Typst (the ``typst`` package: the compiler as a wheel, no TeX).

The data reaches Typst as JSON through ``sys.inputs``, never pasted into Typst markup, so a
value can only ever be text. Only the fonts Typst embeds are used, and the PDF's date is
``SOURCE_DATE_EPOCH`` (or a value made from the inputs), so two builds of the same inputs are
the same bytes on every machine. It is compiled again only when its inputs change.
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


def is_current(output: Path, stamp: Path, digest: str) -> bool:
    """Whether ``output`` was made from inputs with this digest (written in ``stamp``)."""
    try:
        return output.is_file() and stamp.read_text("utf-8").split("\n")[0] == digest
    except OSError:
        return False


def stamped_output(stamp: Path) -> str:
    """The output ``stamp`` was written for (its path in the output folder), or ""."""
    try:
        lines = stamp.read_text("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[1] if len(lines) > 1 else ""


def _timestamp(digest: str) -> int:
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return _EPOCH_BASE + int(digest[:8], 16) % _TEN_YEARS


def write_pdf(payload: dict[str, Any], output: Path, stamp: Path, name: str) -> bool:
    """Typeset ``payload`` into ``output`` (``name`` in the output folder) unless it is
    current; whether it was written.

    Raises ``typst.TypstError`` (a bug of the template: the data cannot cause one) or OSError.
    """
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    digest = pdf_digest(text)
    if is_current(output, stamp, digest):
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
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(f"{digest}\n{name}", encoding="utf-8")
    return True
