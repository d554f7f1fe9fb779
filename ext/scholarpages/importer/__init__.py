"""Importing an academicpages (Jekyll) site."""

from .jekyll_import import DestinationNotEmptyError, import_site

__all__ = ["DestinationNotEmptyError", "import_site"]
