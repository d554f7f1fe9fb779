"""Lighthouse scores of the example site, and of publications pages of 1,000 and 5,000 entries.

Builds docs/ with the dirhtml builder, serves it on 127.0.0.1 and runs Lighthouse (the npm
package, installed beside axe-core by the command below) with its mobile preset in Debian's
Chromium, once per page and run, then prints the median score of each category per page:
the About, Research and Publications pages and one paper's page.

With ``--sizes`` it also builds the benchmark project of run.py with a generated .bib of each
size (generate_bib.py) and prints, for its publications page: the median performance and
accessibility scores, the median total blocking time and Lighthouse's DOM element count, the
HTML's bytes raw and gzip-compressed, and the elements per list entry (list_weight.py).

The site is built with ``html_baseurl`` set to the local server's address, so its canonical
links, robots.txt and sitemap describe the site Lighthouse sees, as they do on the real host.
Text is served gzip-compressed, as Read the Docs, GitHub Pages and Netlify serve it.

    npm ci && npm install --no-save lighthouse@12
    python benchmarks/lighthouse.py [--runs 3] [--sizes 1000 5000 [--only-sizes] [--keep DIR]]
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

from list_weight import ENTRY_LIMIT, measure
from run import Project, workload, write_project
from run import build as build_project

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
# Measured values (not scores) read from a list's report.
LIST_AUDITS = {"tbt": "total-blocking-time", "dom": "dom-size"}
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


def lighthouse(
    url: str, profile: Path, categories: tuple[str, ...] = CATEGORIES
) -> dict[str, float]:
    """The scores of ``categories`` (0 to 100), and the values of LIST_AUDITS by their key."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(categories)}",
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
    scores = {name: report["categories"][name]["score"] * 100 for name in categories}
    for key, audit in LIST_AUDITS.items():
        value = report["audits"].get(audit, {}).get("numericValue")
        scores[key] = float(value) if value is not None else float("nan")
    return scores


def _medians(url: str, profile: Path, runs: int, categories: tuple[str, ...]) -> dict[str, float]:
    """The median of each score and value over ``runs`` runs, each in a fresh profile.

    A run that fails (Lighthouse gives up on a page of tens of thousands of elements when the
    machine is busy) is reported and left out; with none left every value is NaN.
    """
    results = []
    for _ in range(runs):
        shutil.rmtree(profile, ignore_errors=True)
        try:
            results.append(lighthouse(url, profile, categories))
        except RuntimeError as error:
            print(f"  left out: {str(error).splitlines()[-1]}", file=sys.stderr, flush=True)
    keys = [*categories, *LIST_AUDITS]
    if not results:
        return dict.fromkeys(keys, float("nan"))
    return {key: statistics.median(result[key] for result in results) for key in keys}


def score_example_site(runs: int, scratch: Path) -> None:
    site, profile = scratch / "site", scratch / "profile"
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
            medians = _medians(base + path, profile, runs, CATEGORIES)
            print(f"{name:<14}" + "".join(f"{medians[c]:>16.0f}" for c in CATEGORIES))


def score_long_lists(sizes: list[int], runs: int, root: Path, profile: Path) -> None:
    """Scores and weight of the publications page of a generated project of each size."""
    rows = [
        "| entries (pages) | first page: entries | performance | accessibility "
        "| total blocking time | DOM elements | HTML | gzip "
        f"| elements per entry (mean / max) | entries over {ENTRY_LIMIT} |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for size in sizes:
        project_root = root / f"list-{size}"
        if project_root.exists():  # kept from an earlier run: a rebuild brings it up to date
            project = Project(project_root, "scholarpages")
        else:
            project = write_project(project_root, "scholarpages", workload(size))
        build_project(project, jobs=1)
        weight = measure(project.out / "publications" / "index.html")
        with serve(project.out) as base:
            # One category a run: the accessibility audit of a long page is the one that may
            # time out, and the performance run is then kept.
            url = f"{base}/publications/"
            medians = _medians(url, profile, runs, ("performance",))
            accessible = _medians(url, profile, runs, ("accessibility",))
            medians["accessibility"] = accessible["accessibility"]
        rows.append(
            f"| {weight.list_entries:,} ({weight.pages}) | {weight.entries:,} "
            f"| {medians['performance']:.0f} "
            f"| {medians['accessibility']:.0f} | {medians['tbt']:,.0f} ms "
            f"| {medians['dom']:,.0f} | {weight.html_bytes / 1e6:.2f} MB "
            f"| {weight.gzip_bytes / 1e3:,.0f} kB "
            f"| {weight.per_entry_mean:.1f} / {weight.per_entry_max} | {weight.over_limit:,} |"
        )
        print(rows[-1], file=sys.stderr, flush=True)  # progress: a 5,000 build takes a while
    print("\n".join(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median is shown)")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[], help="also score lists of these many entries"
    )
    parser.add_argument("--only-sizes", action="store_true", help="skip the example site")
    parser.add_argument("--keep", type=Path, help="build the lists' projects here and keep them")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is not installed: run `npm install` at the top of the repository.")
        return 1
    if not Path(CHROMIUM).is_file():
        print(f"No Chromium at {CHROMIUM} (apt-get install chromium, or set CHROME_PATH).")
        return 1
    with tempfile.TemporaryDirectory() as temporary:
        scratch = Path(temporary)
        if not args.only_sizes:
            score_example_site(args.runs, scratch)
        if args.sizes:
            root = args.keep or scratch / "lists"
            root.mkdir(parents=True, exist_ok=True)
            score_long_lists(args.sizes, args.runs, root, scratch / "list-profile")
    return 0


if __name__ == "__main__":
    sys.exit(main())
