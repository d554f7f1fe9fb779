"""The importer reads only inside SRC and writes only inside DEST, whatever the site holds.

An imported site may be someone else's: its ``_config.yml`` names folders, its file names
and front matter name paths, and its files may be symbolic links. None of it may make the
importer write outside DEST, read outside SRC, or write into SRC.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import import build

from scholarpages.confinement import is_safe_name, resolve_inside
from scholarpages.importer import import_site
from scholarpages.importer.cli import main

from helpers import read_html

PASSWD = Path("/etc/passwd")
SECRET = "SECRET_TOKEN=do-not-publish-4711"

Snapshot = dict[str, tuple[str, bytes]]


def snapshot(root: Path, leave_out: Path | None = None) -> Snapshot:
    """Every file, folder and link under ``root`` (links not followed), but ``leave_out``."""
    found: Snapshot = {}
    for folder, folders, names in os.walk(root, followlinks=False):
        here = Path(folder)
        if leave_out is not None and here == leave_out:
            folders.clear()
            continue
        for name in [*folders, *names]:
            path = here / name
            key = path.relative_to(root).as_posix()
            if leave_out is not None and path == leave_out:
                continue
            if path.is_symlink():
                found[key] = ("link", os.readlink(path).encode())
            elif path.is_dir():
                found[key] = ("folder", b"")
            else:
                found[key] = ("file", path.read_bytes())
    return found


def write_site(root: Path, config: dict[str, object] | None = None) -> Path:
    """A tiny academicpages site: a config, a home page and an about page."""
    (root / "_pages").mkdir(parents=True)
    data = {"title": "Tiny site", **(config or {})}
    (root / "_config.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (root / "_pages/home.md").write_text(
        "---\ntitle: Home\npermalink: /\n---\n\nWelcome.\n", encoding="utf-8"
    )
    (root / "_pages/about.md").write_text(
        "---\ntitle: About\npermalink: /about/\n---\n\nAbout me.\n", encoding="utf-8"
    )
    return root


def page(title: str, permalink: str | None = None, body: str = "Text.", /, **more: object) -> str:
    data: dict[str, object] = {"title": title, **more}
    if permalink is not None:
        data["permalink"] = permalink
    return f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n\n{body}\n"


def texts_under(root: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in root.rglob("*") if path.is_file()]


def report_text(dest: Path) -> str:
    return (dest / "IMPORT_REPORT.md").read_text("utf-8")


# -- case 1: names from the site never lead outside DEST -----------------------------------


def test_an_absolute_collection_name_writes_nothing_outside_dest(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "x"
    site = write_site(tmp_path / "box/site", {"collections": {str(outside): {"output": True}}})
    items = Path(f"{site}/_{outside}")  # the folder Jekyll reads: "_" + the name
    items.mkdir(parents=True)
    (items / "pwned.md").write_text(page("Pwned"), encoding="utf-8")
    dest = tmp_path / "box/dest"
    before = snapshot(tmp_path, leave_out=dest)

    assert main(["import-jekyll", str(site), str(dest)]) == 0

    assert not (outside / "pwned.md").exists()
    assert snapshot(tmp_path, leave_out=dest) == before
    assert f"_config.yml: collection {str(outside)!r}" in report_text(dest)
    assert (dest / "docs/about.md").is_file()  # the rest is imported


def test_a_collection_name_climbing_out_rewrites_no_file(tmp_path: Path) -> None:
    # Read from site/_x/../../../victim, written to dest/docs/x/../../../victim.
    site = write_site(
        tmp_path / "box/site", {"collections": {"x/../../../victim": {"output": True}}}
    )
    (site / "_x").mkdir()
    (tmp_path / "victim").mkdir()
    (tmp_path / "victim/page.md").write_text(page("Read from outside SRC"), encoding="utf-8")
    (tmp_path / "box/victim").mkdir()
    (tmp_path / "box/victim/page.md").write_text("original", encoding="utf-8")
    dest = tmp_path / "box/dest"
    before = snapshot(tmp_path, leave_out=dest)

    assert main(["import-jekyll", str(site), str(dest)]) == 0

    assert (tmp_path / "box/victim/page.md").read_text("utf-8") == "original"
    assert snapshot(tmp_path, leave_out=dest) == before
    assert not any(b"Read from outside SRC" in text for _, text in texts_under(dest))
    assert "_config.yml: collection 'x/../../../victim'" in report_text(dest)


def test_a_safe_collection_name_still_imports(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"collections": {"projects": {"output": True}}})
    (site / "_projects").mkdir()
    (site / "_projects/one.md").write_text(page("One"), encoding="utf-8")
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    assert report.counts["projects"] == (1, 1)
    assert (dest / "docs/projects/one.md").is_file()


def test_a_dest_file_that_links_outside_is_not_written_through(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    dest = tmp_path / "dest"
    dest.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("original", encoding="utf-8")
    (dest / "README.md").symlink_to(victim)

    assert main(["import-jekyll", str(site), str(dest), "--force"]) == 0

    assert victim.read_text("utf-8") == "original"
    assert "README.md" in report_text(dest)
    assert (dest / "docs/about.md").is_file()


# -- case 3: links that leave SRC are never read -----------------------------------------


@pytest.fixture
def linked_site(tmp_path: Path) -> tuple[Path, Path]:
    """A site whose files, folder, page, item, post and .bib link out of it."""
    secrets = tmp_path / "secrets"
    (secrets / "folder").mkdir(parents=True)
    # Stands for /proc/self/environ: a file of the machine that holds a secret.
    (secrets / "environ").write_text(SECRET, encoding="utf-8")
    (secrets / "folder/secret.txt").write_text(SECRET, encoding="utf-8")
    (secrets / "page.md").write_text(page("Leaked page", "/leak/", SECRET), encoding="utf-8")
    (secrets / "secret.bib").write_text(
        f"@misc{{leaked2020, title = {{{SECRET}}}, year = {{2020}}}}\n", encoding="utf-8"
    )
    (secrets / "config.yml").write_text(f"title: {SECRET}\n", encoding="utf-8")
    (secrets / "navigation.yml").write_text(
        f"main:\n  - title: {SECRET}\n    url: /about/\n", encoding="utf-8"
    )

    site = write_site(tmp_path / "site", {"collections": {"talks": {"output": True}}})
    for folder in ("files", "images", "_talks", "_posts", "_data", "_publications"):
        (site / folder).mkdir()
    (site / "files/cv.txt").write_text("my cv", encoding="utf-8")
    (site / "files/cv-alias.txt").symlink_to("cv.txt")  # stays inside: still copied
    (site / "files/passwd.txt").symlink_to(PASSWD)
    (site / "files/environ.txt").symlink_to(secrets / "environ")
    (site / "images/linked").symlink_to(secrets / "folder")
    (site / "_pages/linked.md").symlink_to(secrets / "page.md")
    (site / "_pages/passwd.md").symlink_to(PASSWD)
    (site / "_talks/linked.md").symlink_to(secrets / "page.md")
    (site / "_posts/2020-01-01-linked.md").symlink_to(secrets / "page.md")
    (site / "_publications/linked.md").symlink_to(secrets / "page.md")
    (site / "extra.bib").symlink_to(secrets / "secret.bib")
    (site / "passwd.bib").symlink_to(PASSWD)
    (site / "_data/navigation.yml").symlink_to(secrets / "navigation.yml")
    (site / "_config.yml").rename(site / "config-real.yml")
    (site / "_config.yml").symlink_to(secrets / "config.yml")
    return site, tmp_path / "dest"


def leaked(root: Path) -> list[Path]:
    passwd = PASSWD.read_bytes().splitlines()[0]
    return [
        path
        for path, text in texts_under(root)
        if SECRET.encode() in text or passwd in text or "passwd" in path.name
    ]


@pytest.mark.skipif(not PASSWD.is_file(), reason="no /etc/passwd on this machine")
def test_links_out_of_src_are_not_read_and_are_reported(linked_site: tuple[Path, Path]) -> None:
    site, dest = linked_site
    before = snapshot(site)

    main(["import-jekyll", str(site), str(dest)])

    assert leaked(dest) == []
    assert snapshot(site) == before
    assert (dest / "docs/files/cv-alias.txt").read_text("utf-8") == "my cv"
    assert not (dest / "docs/images/linked").exists()
    report = report_text(dest)
    skipped = report.split("## Skipped")[1].split("## Needs")[0]
    for name in (
        "files/passwd.txt",
        "files/environ.txt",
        "images/linked",
        "_pages/linked.md",
        "_pages/passwd.md",
        "_talks/linked.md",
        "_posts/2020-01-01-linked.md",
        "_publications/linked.md",
        "extra.bib",
        "passwd.bib",
        "_data/navigation.yml",
        "_config.yml",
    ):
        assert f"- {name}: a symbolic link to outside the site" in skipped, name


@pytest.mark.skipif(not PASSWD.is_file(), reason="no /etc/passwd on this machine")
def test_the_site_built_from_dest_serves_nothing_from_outside(
    linked_site: tuple[Path, Path],
) -> None:
    site, dest = linked_site
    main(["import-jekyll", str(site), str(dest)])
    outdir, _ = build(dest)
    assert leaked(outdir) == []
    assert not (outdir / "files/passwd.txt").exists()
    assert (outdir / "files/cv.txt").is_file()


def test_a_static_folder_that_is_a_link_out_is_not_copied(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "environ").write_text(SECRET, encoding="utf-8")
    site = write_site(tmp_path / "site")
    (site / "files").symlink_to(secrets)
    (site / "_pages/inner").symlink_to(secrets)
    (site / "_data").symlink_to(secrets)
    (secrets / "navigation.yml").write_text(f"main:\n  - title: {SECRET}\n    url: /\n")
    dest = tmp_path / "dest"
    import_site(site, dest)
    assert leaked(dest) == []
    report = report_text(dest)
    assert "- files: a symbolic link to outside the site" in report
    assert "- _data/navigation.yml: a symbolic link to outside the site (through a" in report


def test_links_that_stay_inside_src_are_read(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (site / "shared").mkdir()
    (site / "shared/page.md").write_text(page("Shared", "/shared/"), encoding="utf-8")
    (site / "_pages/shared.md").symlink_to("../shared/page.md")
    (site / "talks-source").mkdir()
    (site / "talks-source/one.md").write_text(page("Talk one"), encoding="utf-8")
    (site / "_talks").symlink_to("talks-source")
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    assert "Shared" in (dest / "docs/shared.md").read_text("utf-8")
    assert report.counts["talks"] == (1, 1)
    assert report.skipped == []


def test_pipes_in_the_site_are_neither_read_nor_copied(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (site / "files").mkdir()
    (site / "other").mkdir()
    os.mkfifo(site / "files/pipe")
    os.mkfifo(site / "other/pipe.md")
    (site / "files/alias").symlink_to("../other/pipe.md")
    (site / "_pages/pipe.md").symlink_to("../other/pipe.md")
    dest = tmp_path / "dest"
    import_site(site, dest)
    assert sorted(path.name for path in (dest / "docs").rglob("*pipe*")) == []
    assert not (dest / "docs/files/alias").exists()


def test_links_out_in_folders_the_import_never_reads_are_not_reported(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (site / "node_modules").mkdir()
    (site / "node_modules/tool").symlink_to(PASSWD)
    (site / "_pages/photo.png").symlink_to(PASSWD)
    report = import_site(site, tmp_path / "dest")
    assert report.skipped == []


def test_a_brace_in_a_paper_url_or_date_does_not_stop_the_import(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    (site / "_publications").mkdir()
    text = page(
        "Paper",
        paperurl="https://x.example/{a.pdf",
        redirect_from={"": "}"},
        date="2020-01-01}",
        category="{conferences",
    )
    (site / "_publications/paper.md").write_text(text, encoding="utf-8")
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    assert report.counts["publications"] == (1, 1)
    assert "@misc{paper," in (dest / "publications.bib").read_text("utf-8")


def test_paper_urls_and_titles_read_back_as_they_were(tmp_path: Path) -> None:
    # The BibTeX written escapes text once and URLs not at all: a second escaping made
    # "100%" a comment and "paper_1.pdf" a link the build refuses.
    site = write_site(tmp_path / "site", {"url": "https://x.example"})
    (site / "_publications").mkdir()
    pdf = "https://papers.example/files/paper_1%20v2.pdf#page=2"  # another host: kept as is
    title = 'Q&A on C# at 100% {sure} "quoted" $5 x_y'
    text = page(title, paperurl=pdf, date="2020-01-01", citation="Ada, B. (2020). Q&A.")
    (site / "_publications/paper.md").write_text(text, encoding="utf-8")
    dest = tmp_path / "dest"
    import_site(site, dest)
    outdir, _ = build(dest)
    paper = read_html(outdir / "publications/paper/index.html")
    assert pdf in [link.get("href") for link in paper.find_all("a")]
    heading = paper.find("h1")
    assert heading is not None
    assert 'Q&A on C# at 100% sure "quoted" $5 x_y' in heading.get_text()


# -- case 11: SRC and DEST never overlap ----------------------------------------------------


def refused(site: Path, dest: Path, capsys: pytest.CaptureFixture[str]) -> str:
    before = snapshot(site.parent)
    assert main(["import-jekyll", str(site), str(dest), "--force"]) == 2
    assert main(["import-jekyll", str(site), str(dest)]) == 2
    assert snapshot(site.parent) == before, "something was written"
    return capsys.readouterr().err


def test_dest_equal_to_src_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site")
    (site / "README.md").write_text("my readme", encoding="utf-8")
    error = refused(site, site, capsys)
    assert "is the site being imported" in error
    assert (site / "README.md").read_text("utf-8") == "my readme"


def test_dest_inside_src_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site")
    error = refused(site, site / "new", capsys)
    assert "inside the site being imported" in error
    (site / "new").mkdir()
    (site / "new/keep.txt").write_text("x", encoding="utf-8")
    refused(site, site / "new", capsys)


def test_a_dest_linked_into_src_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = write_site(tmp_path / "site")
    (site / "out").mkdir()
    (tmp_path / "site/link").symlink_to(site / "out")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/dest").symlink_to(site / "out")
    refused(site, tmp_path / "elsewhere/dest", capsys)
    refused(site, tmp_path / "elsewhere/dest/sub", capsys)


def test_src_where_the_import_writes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "dest"
    site = write_site(dest / "docs/old")
    assert main(["import-jekyll", str(site), str(dest), "--force"]) == 2
    assert "would be overwritten" in capsys.readouterr().err
    assert not (dest / "docs/conf.py").exists()


def test_src_beside_the_written_files_in_dest_is_kept(tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    site = write_site(dest / "old-site")
    before = snapshot(site)
    assert main(["import-jekyll", str(site), str(dest), "--force"]) == 0
    assert snapshot(site) == before
    assert (dest / "docs/about.md").is_file()


# -- properties: any name from the site, nothing written outside DEST -------------------------

_names = st.text(max_size=24)
# What YAML can put under permalink or redirect_from: not only text.
_values = st.one_of(
    _names,
    st.none(),
    st.integers(),
    st.lists(_names, max_size=2),
    st.dictionaries(_names, _names, max_size=2),
)


def _creatable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return is_safe_name(name)


def _import_in_box(build_site: Callable[[Path], None]) -> None:
    """Write a site with ``build_site(site)`` in a fresh box, import it, check the box."""
    with tempfile.TemporaryDirectory() as folder:
        box = Path(folder)
        (box / "outside").mkdir()
        (box / "outside/victim.md").write_text("original", encoding="utf-8")
        site = box / "site"
        build_site(site)
        dest = box / "dest"
        before = snapshot(box, leave_out=dest)
        import_site(site, dest)
        assert snapshot(box, leave_out=dest) == before
        for path in dest.rglob("*"):
            assert resolve_inside(dest, path.relative_to(dest).as_posix()) is not None, path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(_names, min_size=1, max_size=3), permalink=_names)
def test_any_collection_name_writes_only_inside_dest(names: list[str], permalink: str) -> None:
    def build_site(site: Path) -> None:
        settings = {"output": True, "permalink": permalink}
        write_site(site, {"collections": dict.fromkeys(names, settings)})
        for name in names:
            # Each folder that can exist inside the site holds an item; those that climb
            # out are made inside the box too, where a missed check would read them.
            folder = resolve_inside(site.parent, f"site/_{name}")
            if folder is None or folder.is_relative_to(site.parent.resolve() / "dest"):
                continue
            if folder.is_dir() or not folder.exists():
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "item.md").write_text(page("Item", permalink), encoding="utf-8")

    _import_in_box(build_site)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file_name=_names.filter(lambda name: _creatable(f"{name}.md")),
    folder=st.sampled_from(["_pages", "_posts", "_talks", "_publications"]),
    permalink=_values,
    redirect=_values,
    avatar=_names,
)
def test_any_file_name_or_permalink_writes_only_inside_dest(
    file_name: str, folder: str, permalink: object, redirect: object, avatar: str
) -> None:
    def build_site(site: Path) -> None:
        write_site(site, {"author": {"name": "Ada", "avatar": avatar}})
        (site / "images").mkdir()
        (site / "images/profile.png").write_bytes(b"png")
        (site / folder).mkdir(exist_ok=True)
        text = page("Item", permalink=permalink, redirect_from=redirect)
        (site / folder / f"{file_name}.md").write_text(text, encoding="utf-8")

    _import_in_box(build_site)
