"""Characters no output may hold: control characters, which XML refuses and HTML shows as noise.

A NUL or an escape character in a title is a mistake (a paste from a PDF, say), and the
feed writer (lxml) refuses the whole feed for it. Tabs and line ends are text, and stay.
One rule for every field of a .bib and for every piece of math, a page's included.
"""

from __future__ import annotations

import re

# C0 controls but tab and line ends, DEL, C1 controls, and the two non-characters XML refuses.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)
