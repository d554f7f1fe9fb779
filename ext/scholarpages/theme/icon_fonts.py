"""Icon fonts cut down to the icons the site shows.

pydata-sphinx-theme ships Font Awesome's fonts whole: the solid one alone is 115 KB, and a
page with any icon (the theme's own mode switcher has three) loads it before it is complete.
On a phone's connection that delays the page's largest text by half a second. The fonts in
the built site keep only the icons named in its pages and scripts (``fa-globe``...), found
through the theme's stylesheet, and those the stylesheets draw themselves (admonitions,
external links); fontTools does the cutting.

Icons are only ever added: a page rewritten later may use more, and the set of a clean
build is exact again. Pages are read once: a file is scanned again only when its content
differs from what was scanned, looked at only when its size, modification time or inode
changed (a file put back with an older date included).
"""

from __future__ import annotations

import hashlib
import logging as python_logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..build_state import state_of
from ..frontmatter.routes import page_file
from ..frontmatter.site_files import generated_pages
from ..sphinx_support import writes_site
from ..store import Store

logger = logging.getLogger(__name__)

FONTS = Path("_static", "vendor", "fontawesome", "webfonts")
STYLESHEET = Path("_static", "styles", "pydata-sphinx-theme.css")
# ".fa-graduation-cap,.fa-mortar-board{--fa:"\f19d"}": the names and the icon's code point.
_ICON_RULE = re.compile(r'(\.fa-[a-z0-9-]+(?:,\.fa-[a-z0-9-]+)*)\{--fa:"\\([0-9a-f]+)"')
# Searched in the bytes for "fa-" alone, which the regular expression engine finds at once;
# with a word boundary first it tries every position (a quarter of a second in a list of
# 5,000 entries). The boundary is checked for the few found.
_ICON_NAME = re.compile(rb"fa-([a-z0-9-]+)")
# Icons a stylesheet draws itself (the theme's admonition and external-link icons): written
# as characters of Unicode's private use area, or escaped in a ``content`` value.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_CONTENT_ESCAPE = re.compile(r'content:\s*"\\([ef][0-9a-f]{3})"')
# The store's record of the names found and of the files scanned, for the next build.
_STATE = "icon-fonts"


def _codepoints(stylesheet: str) -> dict[str, int]:
    codes: dict[str, int] = {}
    for selectors, code in _ICON_RULE.findall(stylesheet):
        for selector in selectors.split(","):
            codes[selector.removeprefix(".fa-")] = int(code, 16)
    return codes


def _original_fonts(app: Sphinx) -> dict[str, Path]:
    """The theme's own font files, by name: the source of every cut, never a cut one."""
    found: dict[str, Path] = {}
    theme = getattr(app.builder, "theme", None)
    for directory in reversed(theme.get_theme_dirs() if theme else []):
        for font in Path(directory, "static", FONTS.relative_to("_static")).glob("*.woff2"):
            found[font.name] = font
    return found


def _drawn_by_stylesheets(static: Path) -> set[int]:
    codepoints: set[int] = set()
    for stylesheet in static.rglob("*.css"):
        text = stylesheet.read_text("utf-8", errors="replace")
        codepoints.update(ord(char) for char in _PRIVATE_USE.findall(text))
        codepoints.update(int(code, 16) for code in _CONTENT_ESCAPE.findall(text))
    return codepoints


def _html_files(outdir: Path, papers: set[str], sample: str | None, in_folders: bool) -> list[Path]:
    """The site's HTML files but the paper pages (``papers``, page names) besides ``sample``.

    A paper page is the file ``<name>.html``, or with ``in_folders`` (dirhtml) the folder
    ``<name>``, not gone into. Names are compared as strings: with thousands of papers, that
    is much quicker than making each one's output path.
    """
    skipped = papers - {sample}
    root = str(outdir)
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        if in_folders:
            subfolders[:] = [name for name in subfolders if prefix + name not in skipped]
        found.extend(
            Path(folder, name)
            for name in files
            if name.endswith(".html")
            and (in_folders or prefix + name.removesuffix(".html") not in skipped)
        )
    return found


def _icon_names(data: bytes) -> set[str]:
    """The names after "fa-" in an HTML or script file, where "fa-" starts a word."""
    names: set[str] = set()
    for found in _ICON_NAME.finditer(data):
        start = found.start()
        before = data[max(0, start - 4) : start].decode("utf-8", errors="ignore")[-1:]
        if not (before.isalnum() or before == "_"):
            names.add(found.group(1).decode("ascii"))
    return names


def _status(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_mtime_ns, status.st_size, status.st_ino]


def _scan(
    files: dict[str, Path], before: dict[str, object]
) -> tuple[set[str], dict[str, dict[str, object]]]:
    """The icon names in the files not scanned before, and what tells each file apart.

    A file whose size, modification time and inode are unchanged is not opened. Another is
    read, and scanned only if its content differs: Sphinx copies the theme's scripts again
    on every build, the same each time.
    """
    names: set[str] = set()
    seen: dict[str, dict[str, object]] = {}
    for name, path in files.items():
        known = before.get(name)
        earlier = known if isinstance(known, dict) else {}
        try:
            status = _status(path)
            if earlier.get("status") == status:
                seen[name] = earlier
                continue
            data = path.read_bytes()
        except OSError:
            continue
        digest = hashlib.sha256(data).hexdigest()
        seen[name] = {"status": status, "sha256": digest}
        if earlier.get("sha256") != digest:
            names.update(_icon_names(data))
    return names, seen


@contextmanager
def _font_tools_quiet() -> Iterator[None]:
    """fontTools reports each step of a cut at INFO: kept from the build's output.

    It would print them wherever the root logger shows INFO, and a library may set that on
    import (a11y-pygments, which pydata-sphinx-theme loads, calls ``basicConfig``).
    """
    font_tools = python_logging.getLogger("fontTools")
    level = font_tools.level
    font_tools.setLevel(python_logging.WARNING)
    try:
        yield
    finally:
        font_tools.setLevel(level)


def _cut(source: Path, codepoints: set[int]) -> bytes:
    # Imported here: most builds reuse the fonts cut before, and fontTools is slow to import.
    from fontTools import subset  # noqa: PLC0415
    from fontTools.ttLib import TTFont  # noqa: PLC0415

    with _font_tools_quiet():
        # The cut keeps the date the theme's font carries: fontTools would stamp the time of
        # the cut, and two clean builds would differ.
        font = TTFont(str(source), recalcTimestamp=False)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]  # ligatures and the like, as the original has them
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        output = BytesIO()
        font.flavor = "woff2"
        font.save(output)
    return output.getvalue()


def _read_state(store: Store) -> dict[str, object]:
    state = store.load(_STATE)
    return state if isinstance(state, dict) else {}


def cut_icon_fonts(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not writes_site(app) or not app.config.scholarpages_cut_icon_fonts:
        return
    outdir = Path(app.outdir)
    stylesheet = outdir / STYLESHEET
    originals = _original_fonts(app)
    if not stylesheet.is_file() or not originals:
        return
    store = state_of(app).store
    state = _read_state(store)
    seen = state.get("seen")
    scanned_before = seen if isinstance(seen, dict) else {}
    # Paper pages are all made from one template by the entry renderer, which shows no
    # icons: one of them stands for all (with thousands of papers, reading each is slow).
    papers = set(generated_pages(app))
    sample = min(papers, default=None)
    in_folders = sample is not None and page_file(app.builder, sample).endswith("/index.html")
    files = {
        path.relative_to(outdir).as_posix(): path
        for path in (
            *_html_files(outdir, papers, sample, in_folders),
            *(outdir / "_static").rglob("*.js"),
        )
    }
    found, seen_now = _scan(files, scanned_before)
    known = state.get("names", [])
    names = {str(name) for name in (known if isinstance(known, list) else [])} | found
    static = outdir / "_static"
    stylesheet_text = stylesheet.read_text("utf-8", errors="replace")
    drawn = _drawn_by_stylesheets(static)
    # The fonts depend on the names used, the stylesheet that maps them and the icons the
    # stylesheets draw: cut once for each combination, then copied from the cache.
    inputs = repr((sorted(names), stylesheet_text, sorted(drawn))).encode()
    key = hashlib.sha256(inputs).hexdigest()[:16]
    codepoints: set[int] | None = None
    for name, source in originals.items():
        target = outdir / FONTS / name
        if not target.is_file():
            continue

        def cut(source: Path = source) -> bytes:
            nonlocal codepoints
            if codepoints is None:
                codes = _codepoints(stylesheet_text)
                codepoints = {codes[icon] for icon in names if icon in codes} | drawn
            return _cut(source, codepoints)

        # Sphinx copies the theme's font again on every build: the cut one is kept in the
        # store, for this combination only (keep=1).
        font = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        try:
            data = store.memo("icon-fonts", (key, font, name), cut, keep=1)
        except Exception as error:  # a font the cutter cannot read stays whole
            logger.info(f"icon font {name} left whole: {error}")
            continue
        if target.read_bytes() != data:
            target.write_bytes(data)
    # The next build scans only the files that are not these.
    store.save(_STATE, {"names": sorted(names), "seen": seen_now})
