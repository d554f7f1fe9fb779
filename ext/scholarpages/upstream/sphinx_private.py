"""Sphinx's undocumented attributes scholarpages reads or replaces.

- ``Config._raw_config``: conf.py's own namespace, to tell a value the author chose from a
  default (pydata-sphinx-theme reads it too);
- ``StandaloneHTMLBuilder.globalcontext``: the template context shared by every page, made
  when writing starts;
- ``BuiltinTemplateLoader.render``: replaced for the builder's life to render paper pages
  from one rendering of the page template (see publications.paper_page.page_skeleton);
- ``StandaloneHTMLBuilder.build_info``: the hashes of the settings and tags the pages were
  written with, part of what a kept paper page is keyed by;
- ``StandaloneHTMLBuilder.indexer.lang``: the search index's language, whose word splitter
  the text given to the index for each list entry must agree with;
- ``BuiltinTemplateLoader.environment``: Sphinx's Jinja environment, given a bytecode
  cache until the build finishes (see template_cache);
- the items of a page's ``script_files`` and ``css_files``: their ``filename``, ``priority``
  and ``attributes``, to load some scripts with ``defer`` and leave out what a page does not
  use (see theme.page_assets);
- ``SearchLanguage.stem`` of that language: stems words through the store's memo until
  the build finishes (see stem_cache);
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import jinja2
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.search import SearchLanguage

from . import Undo, changed, require

Render = Callable[[str, dict[str, Any]], str]


def check() -> None:
    require("sphinx", BuiltinTemplateLoader, ["render"])
    require("sphinx", StandaloneHTMLBuilder, ["prepare_writing", "handle_page"])
    require("sphinx", SearchLanguage, ["stem"])


def conf_py_sets(config: Config, name: str) -> bool:
    """Whether conf.py itself sets ``name`` (``-D`` overrides are in ``config.overrides``)."""
    try:
        return name in config._raw_config
    except AttributeError:
        raise changed("sphinx", "Config._raw_config") from None


def shared_context(builder: StandaloneHTMLBuilder) -> dict[str, Any] | None:
    """The context every page starts from; None until the builder prepares writing."""
    # Sphinx sets the attribute in prepare_writing; before that there is none.
    return builder.__dict__.get("globalcontext")


def render_templates_through(
    builder: StandaloneHTMLBuilder, wrap: Callable[[Render], Render]
) -> Undo:
    """Render the builder's templates with ``wrap(render)``; the undo puts Sphinx's back."""
    templates = builder.templates
    original: Render = templates.render
    templates.render = wrap(original)

    def undo() -> None:
        # The instance's own attribute goes: the class's method shows through again.
        templates.__dict__.pop("render", None)

    return undo


def build_hashes(builder: Builder) -> tuple[str, str]:
    """The hashes of the settings and of the tags an HTML builder writes pages with."""
    if not isinstance(builder, StandaloneHTMLBuilder):
        return "", ""
    return builder.build_info.config_hash, builder.build_info.tags_hash


def search_language(builder: Builder) -> SearchLanguage | None:
    """The search index's language; None before writing starts and without an index."""
    # Sphinx makes the indexer in prepare_writing (None when there is no search page).
    indexer = vars(builder).get("indexer")
    return None if indexer is None else cast(SearchLanguage, indexer.lang)


def compile_templates_into(builder: Builder, bytecode_cache: jinja2.BytecodeCache) -> Undo:
    """Sphinx's Jinja environment keeps compiled templates in ``bytecode_cache``."""
    if not isinstance(builder, StandaloneHTMLBuilder):
        return lambda: None
    environment = cast(BuiltinTemplateLoader, builder.templates).environment
    if environment.bytecode_cache is not None:
        return lambda: None
    environment.bytecode_cache = bytecode_cache

    def undo() -> None:
        environment.bytecode_cache = None

    return undo


def load_deferred(scripts: list[Any], filenames: frozenset[str]) -> None:
    """Give the scripts of a page's ``script_files`` named in ``filenames`` ``defer``, in place."""
    for position, script in enumerate(scripts):
        try:
            filename, priority, attributes = script.filename, script.priority, script.attributes
        except AttributeError:
            raise changed(
                "sphinx", "the items of script_files (filename, priority, attributes)"
            ) from None
        if filename in filenames and not {"defer", "async"} & set(attributes):
            scripts[position] = type(script)(
                filename, priority=priority, **{**attributes, "defer": "defer"}
            )


def leave_out_assets(assets: list[Any], filenames: frozenset[str]) -> None:
    """Take the items of a page's ``script_files`` or ``css_files`` named in ``filenames``
    out of it, in place."""
    kept = []
    for asset in assets:
        try:
            filename = asset.filename
        except AttributeError:
            raise changed("sphinx", "the items of script_files and css_files (filename)") from None
        if filename not in filenames:
            kept.append(asset)
    assets[:] = kept


def stem_through(builder: Builder, memo: Callable[[str, Callable[[], str]], str]) -> Undo | None:
    """The search index's language stems each word through ``memo`` (word, stem it);
    None if there is no index, or its language does so already."""
    language = search_language(builder)
    if language is None or "stem" in vars(language):
        return None
    stem = language.stem

    def remembered(word: str) -> str:
        return memo(word, lambda: stem(word))

    language.stem = remembered  # type: ignore[method-assign]

    def undo() -> None:
        vars(language).pop("stem", None)

    return undo
