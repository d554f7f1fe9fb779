"""The site's public address (``html_baseurl``), the base of canonical links, the sitemap,
OpenGraph URLs and redirect stubs' canonical links.

Precedence:

1. On Read the Docs (``READTHEDOCS=True``), the address Read the Docs reports in
   ``READTHEDOCS_CANONICAL_URL``. It is where the pages are actually served: the project's
   domain, your custom domain once one is set as canonical there, with the language and
   version prefix (``/en/latest/``) included. It wins over ``html_baseurl`` in conf.py, which
   names the address of the site on other hosts.
2. Elsewhere, ``html_baseurl`` from conf.py (or ``-D html_baseurl=...``).
3. Without either, the site has no known address: no canonical links, no sitemap.

The address always ends with ``/``, as relative page URLs are appended to it.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config


def read_the_docs_url() -> str | None:
    """The canonical URL Read the Docs gives the build, when building there."""
    if os.environ.get("READTHEDOCS") != "True":
        return None
    url = os.environ.get("READTHEDOCS_CANONICAL_URL", "").strip()
    return url or None


def choose_site_url(app: Sphinx, config: Config) -> None:
    configured = (config.html_baseurl or "").strip()
    url = read_the_docs_url() or configured
    if url and not url.endswith("/"):
        url += "/"
    if configured and configured.rstrip("/") != url.rstrip("/"):
        # Links written to the conf.py address still lead within the site.
        config.scholarpages_site_addresses = [*config.scholarpages_site_addresses, configured]
    config.html_baseurl = url


def site_url(config: Config) -> str:
    return str(config.html_baseurl or "")


def site_path_prefix(config: Config) -> str:
    """The path the site lives under on its host: ``/`` or ``/en/latest/``."""
    path = urlsplit(site_url(config)).path or "/"
    return path if path.endswith("/") else path + "/"
