"""Redirect stubs: small HTML files that send an old URL to its page.

Stubs link relatively, so a site served under a prefix (``/en/latest/`` on Read the Docs)
redirects within that prefix; the script carries ``?query`` and ``#fragment`` along. A stub
never replaces a file it did not write, and stubs a page no longer claims are removed.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from sphinx.application import Sphinx

from ..build_state import state_of
from ..confinement import resolve_inside
from ..sphinx_support import writes_site
from ..store import remove_output
from .front_matter_lines import warn_front_matter
from .routes import Routes, Stub, routes_of, warn_claim
from .urls import encode_uri, href, is_http_url
from .written_files import page_file

MARKER = "scholarpages-redirect"
# The record of the stubs written, by output folder (see store.py).
_MANIFEST = "redirects"

_templates = Environment(
    loader=PackageLoader("scholarpages.frontmatter", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    keep_trailing_newline=True,
)


def is_our_stub(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            return f'content="{MARKER}"' in stream.read(512)
    except OSError:
        return False


def _target(app: Sphinx, stub: Stub) -> tuple[str, str]:
    """The stub's relative target and its canonical URL."""
    base = (app.config.html_baseurl or "").rstrip("/")
    if stub.external is not None and is_http_url(stub.external):
        return stub.external, stub.external
    uri = (
        stub.external.lstrip("/")
        if stub.external is not None
        else app.builder.get_target_uri(stub.docname)
    )
    target = href(stub.path.file, uri)
    return target, (f"{base}/{encode_uri(uri)}" if base else target)


def render_stub(app: Sphinx, stub: Stub) -> str:
    target, canonical = _target(app, stub)
    title = app.env.titles.get(stub.docname)
    return stub_html(
        language=app.config.language or "en",
        title=title.astext() if title is not None and stub.external is None else target,
        target=target,
        canonical=canonical,
    )


def stub_html(*, language: str, title: str, target: str, canonical: str) -> str:
    """The stub's page; every value is escaped, the target reaches the script as data."""
    return _templates.get_template("redirect.html").render(
        language=language, marker=MARKER, title=title, target=target, canonical=canonical
    )


def _load_manifest(app: Sphinx) -> dict[str, list[str]]:
    """The stubs each output folder was given, as any version of the code wrote them."""
    data = state_of(app).store.load(_MANIFEST, any_version=True)
    return data if isinstance(data, dict) else {}


def pages_that_stopped_redirecting(app: Sphinx, routes: Routes) -> list[str]:
    """Documents whose file was a stub in the last build and is to be their page again.

    A page stops redirecting when it changes, but also when another does (a loop closes,
    the target goes away); its file must then be written again, or it would stay a stub,
    or be deleted as a stale one.
    """
    previous = _load_manifest(app).get(str(Path(app.outdir).resolve()), [])
    return sorted(
        routes.pages[file] for file in previous if file in routes.pages and file not in routes.stubs
    )


def _remove_stub(outdir: Path, file: str) -> None:
    """Delete a stub no page claims any more, and the folders it leaves empty."""
    path = resolve_inside(outdir, file)
    if path is not None and is_our_stub(path):
        remove_output(path, outdir)


def write_stub_file(outdir: Path, file: str, html: str, replaceable: bool) -> str | None:
    """Write ``html`` at ``file`` in ``outdir``; if it cannot be, the reason, in words.

    The routes already keep stubs off every file the build is known to write; this is the
    last word, on what is on disk: a file of the site where the stub needs a folder, a
    folder where it needs a file, a file it may not replace, a name the disk refuses.
    """
    destination = resolve_inside(outdir, file)
    if destination is None:
        return f"{file} is not a file inside the output folder"
    root = outdir.resolve()
    for folder in reversed(destination.relative_to(root).parents):
        if (root / folder).exists() and not (root / folder).is_dir():
            return f"{folder.as_posix()} is a file of the site, where a folder would have to be"
    if destination.is_dir():
        return f"{file} is a folder of the site"
    if destination.exists() and not replaceable:
        return f"{file} is already a file of the site, which wins"
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(html, encoding="utf-8")
    except OSError as error:
        return f"{file} could not be written ({error.strerror or error})"
    return None


def write_stubs(app: Sphinx, exception: BaseException | None) -> None:
    builder = app.builder
    if exception is not None or not writes_site(app):
        return
    outdir = Path(app.outdir)
    routes = routes_of(app)
    redirecting_pages = {
        page_file(builder, stub.docname) for stub in routes.stubs.values() if stub.external
    }
    written: list[str] = []
    for file, stub in sorted(routes.stubs.items()):
        replaceable = file in redirecting_pages or is_our_stub(outdir / file)
        refusal = write_stub_file(outdir, file, render_stub(app, stub), replaceable)
        if refusal is None:
            written.append(file)
            continue
        message = f"redirect {stub.path.url!r} not written: {refusal}"
        if stub.claim is not None:
            warn_claim(app.env, stub.claim, message, "collision")
        else:
            warn_front_matter(app.env, stub.docname, "", message, "collision", key="redirect_to")

    manifest = _load_manifest(app)
    key = str(outdir.resolve())
    for stale in sorted(set(manifest.get(key, [])) - set(written)):
        _remove_stub(outdir, stale)
    manifest[key] = written
    state_of(app).store.save(_MANIFEST, manifest)
