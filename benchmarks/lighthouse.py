"""Lighthouse scores of the example site: accessibility, best practices, SEO, performance.

Builds docs/ with the dirhtml builder, serves it on 127.0.0.1 and runs Lighthouse (the npm
package, installed beside axe-core by the command below) with its mobile preset in Debian's
Chromium, once per page and run, then prints the median score of each category per page:
the About, Research and Publications pages and one paper's page.

The site is built with ``html_baseurl`` set to the local server's address, so its canonical
links, robots.txt and sitemap describe the site Lighthouse sees, as they do on the real host.
Text is served gzip-compressed, as Read the Docs, GitHub Pages and Netlify serve it.

    npm ci && npm install --no-save lighthouse@12 && python benchmarks/lighthouse.py [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Nothing beyond 127.0.0.1 is reachable.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PAGES = {"About": "/", "Research": "/research/", "Publications": "/publications/"}
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".atom", ".bib"}


class _Handler(SimpleHTTPRequestHandler):
    """A static host: files as they are, text gzip-compressed when the browser accepts it."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSED and accepts_gzip):
            super().do_GET()  # files as they are, and the redirect of /x to /x/
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build(outdir: Path, base: str) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "dirhtml"]
    command += ["-D", f"html_baseurl={base}/", "docs", str(outdir)]
    subprocess.run(command, cwd=REPO, check=True)


def lighthouse(url: str, profile: Path) -> dict[str, float]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join([*CHROMIUM_FLAGS, f'--user-data-dir={profile}'])}",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(
        command, capture_output=True, text=True, env=environment, check=False, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if os.environ.get("LIGHTHOUSE_VERBOSE"):
        # What keeps a score below 100: every scored audit that did not fully pass.
        for audit in report["audits"].values():
            if audit.get("score") is not None and audit["score"] < 1:
                print(f"  {url}: {audit['id']} ({audit['score']}): {audit['title']}")
    return {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median is shown)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is not installed: run `npm install` at the top of the repository.")
        return 1
    if not Path(CHROMIUM).is_file():
        print(f"No Chromium at {CHROMIUM} (apt-get install chromium, or set CHROME_PATH).")
        return 1
    with tempfile.TemporaryDirectory() as temporary:
        site, profile = Path(temporary, "site"), Path(temporary, "profile")
        site.mkdir()
        with serve(site) as base:
            build(site, base)
            print(f"{'page':<14}" + "".join(f"{name:>16}" for name in CATEGORIES))
            pages = dict(PAGES)
            # One paper's page too, the first in name order, as the accessibility test does.
            papers = sorted(site.glob("publications/*/index.html"))
            if papers:
                pages["Paper page"] = f"/{papers[0].parent.relative_to(site).as_posix()}/"
            for name, path in pages.items():
                runs = []
                for _ in range(args.runs):
                    shutil.rmtree(profile, ignore_errors=True)
                    runs.append(lighthouse(base + path, profile))
                medians = [statistics.median(run[c] for run in runs) for c in CATEGORIES]
                print(f"{name:<14}" + "".join(f"{score:>16.0f}" for score in medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
