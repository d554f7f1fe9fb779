"""The files around the pages: conf.py, Read the Docs settings, a README."""

from __future__ import annotations

from pprint import pformat

from ..publications.buttons import DEFAULT_BUTTONS
from ..publications.settings import DEFAULT_PRIVATE_FIELDS
from .documents import Plan
from .site_config import SiteConfig

_RTD = """\
# Read the Docs builds the site as a visitor sees it: directory URLs, warnings fail the build.
version: 2
build:
  os: ubuntu-24.04
  tools:
    python: "3.12"
sphinx:
  configuration: docs/conf.py
  builder: dirhtml
  fail_on_warning: true
python:
  install:
    - method: pip
      path: .
"""


def _literal(name: str, value: object) -> str:
    # pformat writes Python literals: strings from the old site cannot become code.
    return f"{name} = {pformat(value, width=88, sort_dicts=False)}\n"


def conf_py(config: SiteConfig, plan: Plan, has_publications: bool, buttons: dict[str, str]) -> str:
    author = config.author.get("name") or config.title
    parts = [
        '"""Configuration of the site, imported from an academicpages (Jekyll) site."""\n\n',
        _literal("project", config.title),
        _literal("author", author),
        _literal("html_title", config.title),
        _literal("language", "en"),
        "\n",
        _literal("extensions", ["scholarpages"]),
        _literal("html_theme", "pydata_sphinx_theme"),
    ]
    if config.url:
        parts.append(_literal("html_baseurl", config.url))
    parts += [
        "\n# Markdown as academicpages wrote it: $math$, ::: blocks, definition lists, <img>.\n",
        _literal("myst_enable_extensions", ["dollarmath", "colon_fence", "deflist", "html_image"]),
        _literal("myst_heading_anchors", 3),
        "\n",
        _literal("scholarpages_author", {**config.author, "links": config.links}),
        _literal("scholarpages_navigation", [list(item) for item in config.navigation]),
    ]
    if has_publications:
        parts += [
            _literal("scholarpages_bibfile", "../publications.bib"),
            _literal("scholarpages_owner", [author] if config.author.get("name") else []),
        ]
    if has_publications and buttons:
        parts += [
            "\n# Links the papers had in fields of their own: buttons, not in readers' BibTeX.\n",
            _literal("scholarpages_buttons", {**DEFAULT_BUTTONS, **buttons}),
            _literal("scholarpages_private_fields", [*DEFAULT_PRIVATE_FIELDS, *buttons]),
        ]
    parts.append(_literal("exclude_patterns", ["_build"]))
    return "".join(parts)


INSTALL = "python3 -m venv .venv && . .venv/bin/activate && pip install -e ."
UPGRADE = (
    "python3 -m venv /tmp/scholarpages && /tmp/scholarpages/bin/pip install NEWER-SCHOLARPAGES"
    " && /tmp/scholarpages/bin/scholarpages vendor ."
)
BUILD = "sphinx-build -W --keep-going -b dirhtml docs docs/_build/dirhtml"


def readme(config: SiteConfig) -> str:
    return f"""# {config.title}

This site was imported from an academicpages (Jekyll) site. See `IMPORT_REPORT.md` for what
came across and what needs a person.

Install its tools (once), then build it:

```bash
{INSTALL}
{BUILD}
```

Pages are Markdown files in `docs/` with the same front matter as before; publications are
in `publications.bib`. `.readthedocs.yaml` builds the site on Read the Docs.

The site's tools come with it: `ext/scholarpages/` is a copy of scholarpages, and
`pyproject.toml` installs it with the libraries it needs, so no package index has to hold it.
To upgrade, install the newer scholarpages in an environment of its own and run its `vendor`
command here; it replaces `ext/scholarpages/` and `pyproject.toml` by its own:

```bash
{UPGRADE}
```

Then run the two commands above again.
"""


def project_files(
    config: SiteConfig, plan: Plan, has_publications: bool, buttons: dict[str, str]
) -> dict[str, str]:
    """The files around the pages, by their path in DEST; ``buttons``: the papers' link
    fields that the theme has no button for, and their labels."""
    return {
        "docs/conf.py": conf_py(config, plan, has_publications, buttons),
        ".readthedocs.yaml": _RTD,
        "README.md": readme(config),
    }
