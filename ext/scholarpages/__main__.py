"""``python -m scholarpages``: the same as the ``scholarpages`` command."""

import sys

from scholarpages.importer.cli import main

sys.exit(main())
