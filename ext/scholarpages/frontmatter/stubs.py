"""Redirect stubs: small HTML files that send an old URL to its page.

Stubs link relatively, so a site served under a prefix (``/en/latest/`` on Read the Docs)
redirects within that prefix; the script carries ``?query`` and ``#fragment`` along. A stub
never replaces a file it did not write, and stubs a page no longer claims are removed.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from sphinx.application import Sphinx

from ..sphinx_support import writes_site
from .routes import Stub, page_file, routes_of, warn_front_matter
from .urls import encode_uri, href, is_http_url

MARKER = "scholarpages-redirect"
_MANIFEST = "scholarpages-redirects.json"

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
    return _templates.get_template("redirect.html").render(
        language=app.config.language or "en",
        marker=MARKER,
        title=title.astext() if title is not None and stub.external is None else target,
        target=target,
        canonical=canonical,
    )


def _manifest_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / _MANIFEST


def _load_manifest(app: Sphinx) -> dict[str, list[str]]:
    try:
        data = json.loads(_manifest_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remove_stub(outdir: Path, file: str) -> None:
    """Delete a stub no page claims any more, and the folders it leaves empty."""
    path = (outdir / file).resolve()
    root = outdir.resolve()
    if not path.is_relative_to(root) or not is_our_stub(path):
        return
    path.unlink()
    for folder in path.parents:
        if folder == root or any(folder.iterdir()):
            break
        folder.rmdir()


def write_stubs(app: Sphinx, exception: BaseException | None) -> None:
    builder = app.builder
    if exception is not None or not writes_site(app):
        return
    outdir = Path(app.outdir)
    routes = routes_of(app.env)
    redirecting_pages = {
        page_file(builder, stub.docname) for stub in routes.stubs.values() if stub.external
    }
    written: list[str] = []
    for file, stub in sorted(routes.stubs.items()):
        destination = outdir / file
        replaceable = file in redirecting_pages or is_our_stub(destination)
        if destination.exists() and not replaceable:
            warn_front_matter(
                app.env,
                stub.docname,
                stub.path.url.strip("/"),
                f"redirect {stub.path.url!r} not written: {file} is already a file of the "
                "site, which wins",
                "collision",
            )
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(render_stub(app, stub), encoding="utf-8")
        written.append(file)

    manifest = _load_manifest(app)
    key = str(outdir.resolve())
    for stale in sorted(set(manifest.get(key, [])) - set(written)):
        _remove_stub(outdir, stale)
    manifest[key] = written
    _manifest_path(app).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
