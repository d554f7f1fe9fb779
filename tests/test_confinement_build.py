"""Nothing outside the project reaches the site: a .bib's previews, a page's images,
downloads and includes, conf.py's folders and symlinks in the source are each confined, with
``/etc/passwd`` and ``/proc/self/environ`` as what they try to publish."""

from __future__ import annotations

from pathlib import Path
from shutil import copytree

import pytest
from sphinx.testing.util import SphinxTestApp

from helpers import read_html, warning_lines

PASSWD = b"root:x:0:0"


def _environment_entries() -> list[bytes]:
    """What /proc/self/environ gives this process (the build runs in it)."""
    try:
        raw = Path("/proc/self/environ").read_bytes()
    except OSError:
        return []
    return [entry for entry in raw.split(b"\0") if len(entry) > 16]


def _leaks(outdir: Path) -> list[str]:
    secrets = [PASSWD, *_environment_entries()]
    found = []
    for path in outdir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            found.extend(
                f"{path.relative_to(outdir)}: {secret[:20]!r}"
                for secret in secrets
                if secret in content
            )
    return found


def _link_secrets(srcdir: Path) -> None:
    (srcdir / "images" / "secret.png").symlink_to("/etc/passwd")
    (srcdir / "images" / "environ.png").symlink_to("/proc/self/environ")
    (srcdir / "files" / "passwd.txt").symlink_to("/etc/passwd")
    (srcdir / "files" / "etc").symlink_to("/etc")


pytestmark = pytest.mark.skipif(
    not Path("/etc/passwd").read_bytes().startswith(PASSWD), reason="no /etc/passwd to try"
)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_nothing_outside_the_project_reaches_the_output(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path, builder: str
) -> None:
    srcdir = tmp_path / "project" / "docs"
    copytree(rootdir / "test-confinement", srcdir)
    _link_secrets(srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    assert _leaks(outdir) == []
    warnings = "\n".join(warning_lines(app.warning))

    # Every refusal names the file and line it came from.
    bib = f"{srcdir / 'refs.bib'}"
    page = f"{srcdir / 'index.md'}"
    for expected in [
        f"{bib}:1: WARNING: entry 'passwd': preview '/../../../../../../../../etc/passwd' is "
        "not an http(s) URL or an image of this site",
        f"{bib}:9: WARNING: entry 'environ': preview",
        f"{bib}:17: WARNING: image '/images/secret.png' is outside the source directory",
        f"{page}:10: WARNING: image 'images/secret.png' is outside the source directory",
        f"{page}:8: WARNING: image '/../../../../../../../../etc/passwd' is outside",
        f"{page}:12: WARNING: download '/../../../../../../../../etc/passwd' is outside",
        f"{page}:14: WARNING: literalinclude file '/../../../../../../../../etc/passwd' is "
        "outside the project",
        f"{page}: WARNING: included file",
        f"{page}:20: WARNING: csv-table file '/etc/passwd' is outside the project",
        f"{page}:28: WARNING: raw file '/proc/self/environ' is outside the project",
        f"{page}:32: WARNING: raw url 'http://127.0.0.1:9/x' is outside the project",
        "WARNING: scholarpages_static_dirs: '../../../../../../../etc' is not a folder inside "
        "the source directory",
        "files/passwd.txt is a link to outside the source directory; it is not published",
        "files/etc is a link to outside the source directory",
        "scholarpages_author['avatar'] ignored: no file /images/secret.png among the site's files",
    ]:
        assert expected in warnings, expected
    assert "[scholarpages.confinement]" in warnings

    # What is inside is still there, and so is the rest of the page.
    index = read_html(outdir / "index.html")
    assert index.select_one('img[alt="real"]') is not None
    assert "The end of the page still builds." in index.get_text()
    assert "1" in [cell.get_text() for cell in index.select("td")]
    assert (outdir / "images" / "real.png").read_bytes() == b"PNG"
    assert not (outdir / "files" / "passwd.txt").exists()
    assert not (outdir / "etc").exists()
    listing = outdir / ("publications.html" if builder == "html" else "publications/index.html")
    entries = read_html(listing).select(".sp-pub")
    assert {entry["id"] for entry in entries} == {"passwd", "environ", "linked", "fine"}
    previews = [image["src"] for image in read_html(listing).select("img.sp-pub-preview")]
    assert len(previews) == 1 and previews[0].endswith("real.png")


def test_a_database_that_leads_out_of_the_project_is_not_read(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "project" / "docs"
    copytree(rootdir / "test-confinement", srcdir)
    (srcdir / "refs.bib").unlink()
    (srcdir / "refs.bib").symlink_to("/etc/passwd")
    app = make_app("dirhtml", srcdir=srcdir, freshenv=True)
    app.build()
    assert _leaks(Path(app.outdir)) == []
    warnings = "\n".join(warning_lines(app.warning))
    assert "publications database 'refs.bib' leads to /etc/passwd, outside the project" in (
        warnings
    )


def test_a_page_may_include_a_file_of_its_project(
    make_app: type[SphinxTestApp], rootdir: Path, tmp_path: Path
) -> None:
    """``{include} ../README.md`` is common, and the README is part of the project."""
    srcdir = tmp_path / "project" / "docs"
    copytree(rootdir / "test-confinement", srcdir)
    (srcdir.parent / "README.md").write_text("Words from the README.\n", encoding="utf-8")
    (srcdir / "readme.md").write_text(
        "---\ntitle: Readme\n---\n\n```{include} ../README.md\n```\n", encoding="utf-8"
    )
    app = make_app("dirhtml", srcdir=srcdir, freshenv=True)
    app.build()
    page = read_html(Path(app.outdir) / "readme" / "index.html")
    assert "Words from the README." in page.get_text()
