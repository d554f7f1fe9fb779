"""``scholarpages preview``: sphinx-autobuild, also watching what lies outside the docs folder.

sphinx-autobuild rebuilds when a file of the source folder changes. The publications
database usually sits beside that folder (``../publications.bib``), and conf.py may name
other .bib files or static and template folders outside it: each is watched as well, so an
edited entry shows in the preview as soon as it is saved.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from .confinement import is_inside
from .publications.loader import DEFAULT_BIBFILE
from .publications.references import DEFAULT_REFERENCES

# Settings naming files or folders (relative to conf.py's folder) the site is built from.
_FOLDER_SETTINGS = ("html_static_path", "html_extra_path", "templates_path")


def _names(value: Any) -> list[str]:
    if isinstance(value, str | os.PathLike):
        return [str(value)]
    if isinstance(value, list | tuple):
        return [str(item) for item in value if isinstance(item, str | os.PathLike)]
    return []


def watched_paths(confdir: Path, source: Path) -> list[Path]:
    """The .bib files (publications and works cited) and folders conf.py builds the site
    from that are outside ``source``."""
    settings = eval_config_file(confdir.resolve() / "conf.py", Tags())
    bibfiles = _names(settings.get("scholarpages_bibfile")) or [DEFAULT_BIBFILE]
    references = _names(settings.get("scholarpages_references")) or [DEFAULT_REFERENCES]
    names = [*bibfiles, *references, *_names(settings.get("bibtex_bibfiles"))]
    for setting in _FOLDER_SETTINGS:
        names += _names(settings.get(setting))
    paths = dict.fromkeys((confdir / name).resolve() for name in names)
    # The source folder is watched already.
    return [path for path in paths if path.exists() and not is_inside(path, source.resolve())]


def autobuild_command(
    source: Path, outdir: Path, watched: Iterable[Path], extra: Iterable[str] = ()
) -> list[str]:
    command = [sys.executable, "-m", "sphinx_autobuild", str(source), str(outdir), "-b", "dirhtml"]
    for path in watched:
        command += ["--watch", str(path)]
    return [*command, *extra]


def preview(source: Path, outdir: Path | None, port: int, poll: bool, dry_run: bool) -> int:
    if not (source / "conf.py").is_file():
        print(f"scholarpages: {source} has no conf.py", file=sys.stderr)
        return 2
    try:
        watched = watched_paths(source, source)
    except ConfigError as error:
        print(f"scholarpages: {error}", file=sys.stderr)
        return 2
    outdir = outdir or source / "_build" / "preview"
    command = autobuild_command(source, outdir, watched, ["--port", str(port)])
    if dry_run:
        print(shlex.join(command))
        return 0
    environment = dict(os.environ)
    if poll:
        # Editors that save by replacing the file end a watch on it; polling sees the new one.
        environment["WATCHFILES_FORCE_POLLING"] = "1"
    try:
        return subprocess.call(command, env=environment)  # noqa: S603 - our own command line
    except KeyboardInterrupt:
        return 0
