"""Importing an academicpages (Jekyll) site."""

from .destination import ImportRefusedError
from .jekyll_import import DestinationNotEmptyError, import_site

__all__ = ["DestinationNotEmptyError", "ImportRefusedError", "import_site"]
