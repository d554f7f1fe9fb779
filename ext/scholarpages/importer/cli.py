"""The ``scholarpages`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..preview import preview
from .destination import ImportRefusedError
from .jekyll_import import import_site
from .vendor import OwnCopyError, vendor


def _vendor(project: Path) -> int:
    if not (project / "docs" / "conf.py").is_file():
        print(f"scholarpages: {project} has no docs/conf.py; is it a project?", file=sys.stderr)
        return 2
    try:
        problems = vendor(project).skipped
    except OwnCopyError as error:
        print(f"scholarpages: {error}", file=sys.stderr)
        return 2
    for path, why in problems:
        print(f"scholarpages: {path}: {why}", file=sys.stderr)
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scholarpages", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    jekyll = commands.add_parser(
        "import-jekyll",
        help="make a scholarpages project of an academicpages (Jekyll) site",
        description="Read an academicpages site (never changing it) and write a scholarpages "
        "project that serves every URL the old site served.",
    )
    jekyll.add_argument("src", type=Path, help="the academicpages checkout")
    jekyll.add_argument("dest", type=Path, help="where to write the new project")
    jekyll.add_argument("--force", action="store_true", help="write into a non-empty DEST")
    vendor_command = commands.add_parser(
        "vendor",
        help="put this scholarpages into a project's ext/scholarpages (to upgrade it)",
        description="Replace PROJECT's ext/scholarpages/ and pyproject.toml by this "
        "scholarpages and the libraries it needs.",
    )
    vendor_command.add_argument("project", type=Path, help="the imported project")
    preview_command = commands.add_parser(
        "preview",
        help="serve the site on 127.0.0.1 and rebuild it on every save, .bib files included",
        description="Run sphinx-autobuild on SOURCE, also watching the .bib files and "
        "folders conf.py names outside it (../publications.bib by default).",
    )
    preview_command.add_argument("source", type=Path, nargs="?", default=Path("docs"))
    preview_command.add_argument(
        "outdir", type=Path, nargs="?", help="where to build (SOURCE/_build/preview)"
    )
    preview_command.add_argument("--port", type=int, default=8000)
    preview_command.add_argument(
        "--poll", action="store_true", help="poll for changes (for editors that replace files)"
    )
    preview_command.add_argument(
        "--dry-run", action="store_true", help="print the sphinx-autobuild command and stop"
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "vendor":
        return _vendor(arguments.project)
    if arguments.command == "preview":
        return preview(
            arguments.source, arguments.outdir, arguments.port, arguments.poll, arguments.dry_run
        )
    try:
        report = import_site(arguments.src, arguments.dest, force=arguments.force)
    except (FileNotFoundError, ImportRefusedError) as error:
        print(f"scholarpages: {error}", file=sys.stderr)
        return 2
    print(report.render())
    print(f"The report is also in {arguments.dest / 'IMPORT_REPORT.md'}.")
    return 0 if report.complete else 1
