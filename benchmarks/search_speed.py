"""How fast the publications search box answers, and what it costs the page.

Builds the benchmark site (see run.py) with a generated .bib of N entries (5,000 by default),
serves it on 127.0.0.1 and opens the publications page in Debian's Chromium with Lighthouse's
4x CPU slowdown (CDP ``Emulation.setCPUThrottlingRate``). Then:

- **typing**: types several queries a key at a time into the box and times each keystroke
  from the input event (a capturing listener, before the box's own) to (a) the end of the
  box's handler, (b) the page's style and layout forced after it, (c) the next frame, and
  (d) the last entry shown or hidden for it (the box changes a few hundred entries a frame,
  from the top of the list); Escape clears each query, bringing every entry back (timed
  apart: the heaviest update);
- **matching alone**: for every prefix of the queries, the time to find the matching entries
  with the box's own script (fold case and accents, every word a substring) and with
  MiniSearch (an index of the same texts, prefix search, every word), and the time to read
  the entries' texts and to build MiniSearch's index;
- **page weight**: the publications page's HTML, raw and gzip-compressed, as written (the
  entries' keywords and type in ``data-sp-terms``, the rest read from the page) against the
  same page without the attribute and with all of each entry's search text in it.

MiniSearch is measured only when it is installed beside axe-core (``npm install --no-save
minisearch``); the site never ships it.

    python benchmarks/search_speed.py [--entries 5000] [--site DIR] [--rate 4] [--json FILE]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests"))

from run import workload, write_project  # noqa: E402

from browser_support import launch_chromium, serve_directory  # noqa: E402

MINISEARCH = REPO / "node_modules" / "minisearch" / "dist" / "umd" / "index.js"
QUERIES = ("learning", "garcia causal", "schölkopf 2019", "neural population", "zzzz", "icml")
# As the box's script reads an entry (scholarpages-search.js): its shown text and its terms.
NOT_SEARCHED = ".sp-buttons, .sp-abstract, .sp-bibtex, .sp-pub-preview"

_RECORD_JS = """() => {
    window.__timings = [];
    window.__lastChange = 0;
    // The box shows and hides a few hundred entries a frame: the last change ends the update.
    // A list cut into pages shows the matches of every page in a container beside it.
    new MutationObserver(() => { window.__lastChange = performance.now(); }).observe(
        document.querySelector(".sp-publications").parentElement,
        {attributes: true, attributeFilter: ["hidden"], subtree: true, childList: true});
    document.addEventListener("input", () => { window.__start = performance.now(); }, true);
    // On the window, bubbling: after the box's own listener on the input.
    window.addEventListener("input", () => {
        const script = performance.now() - window.__start;
        void document.body.offsetHeight;  // style and layout, as the next frame needs them
        const layout = performance.now() - window.__start;
        requestAnimationFrame(() => setTimeout(() => window.__timings.push(
            {script, layout, frame: performance.now() - window.__start}), 0));
    });
}"""

_MATCH_JS = """async ([queries, withMiniSearch, skip]) => {
    const fold = (text) => text.normalize("NFD").replace(/\\p{M}/gu, "").toLowerCase();
    // Every entry of the list: of all its pages, from its file, when it is cut into pages.
    let nodes = Array.from(document.querySelectorAll(".sp-publications .sp-pub"));
    const box = document.querySelector("div.sp-search[data-sp-index]");
    if (box) {
        const content = await (await fetch(box.dataset.spIndex)).json();
        const template = document.createElement("template");
        template.innerHTML = content.pages.map((page) => page.html).join("");
        nodes = Array.from(template.content.querySelectorAll("div.sp-pub"));
    }
    let start = performance.now();
    const texts = nodes.map((entry) => {
        let text = entry.dataset.spTerms || "";
        for (const child of entry.children) {
            if (!child.matches(skip)) text += " " + child.textContent;
        }
        return fold(text.replace(/\\s+/g, " "));
    });
    const readTexts = performance.now() - start;
    const prefixes = queries.flatMap((query) =>
        Array.from(query, (_, end) => query.slice(0, end + 1)));
    const ours = [];
    for (const prefix of prefixes) {
        start = performance.now();
        const words = fold(prefix).split(/\\s+/).filter(Boolean);
        let found = 0;
        for (const text of texts) if (words.every((word) => text.includes(word))) found += 1;
        ours.push(performance.now() - start);
    }
    const result = {entries: nodes.length, readTexts, ours};
    if (!withMiniSearch) return result;
    start = performance.now();
    const index = new MiniSearch({
        fields: ["text"],
        processTerm: (term) => fold(term),
        searchOptions: {prefix: true, combineWith: "AND"},
    });
    index.addAll(texts.map((text, id) => ({id, text})));
    result.miniSearchIndex = performance.now() - start;
    result.miniSearch = prefixes.map((prefix) => {
        start = performance.now();
        index.search(prefix);
        return performance.now() - start;
    });
    return result;
}"""


def build_site(entries: int, root: Path) -> Path:
    project = write_project(root, "scholarpages", workload(entries))
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "dirhtml"]
    subprocess.run([*command, str(project.src), str(project.out)], check=True)
    return project.out


def _throttled_page(browser: Any, url: str, rate: float) -> Any:
    page = browser.new_page()
    page.set_default_timeout(180_000)
    page.goto(url, wait_until="load")
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return page


_SETTLED_JS = """() => new Promise((resolve) => {
    let seen = window.__lastChange;
    const check = () => {
        if (window.__lastChange === seen) {
            resolve(Math.max(window.__lastChange - window.__start, 0));
        } else {
            seen = window.__lastChange;
            setTimeout(check, 300);
        }
    };
    setTimeout(check, 300);
})"""


def _settled(page: Any) -> float:
    """Milliseconds from the keystroke to the last entry shown or hidden for it."""
    return float(page.evaluate(_SETTLED_JS))


def typing(browser: Any, url: str, rate: float) -> dict[str, list[dict[str, float]]]:
    """Per-keystroke timings of the box while typing QUERIES, and of clearing each."""
    page = _throttled_page(browser, url, rate)
    page.evaluate(_RECORD_JS)
    # The label's text is looked up over the whole page by get_by_label: slow at 5,000.
    started = page.evaluate("performance.now()")
    page.locator("div.sp-search input").focus()
    if page.locator("div.sp-search[data-sp-index]").count():
        # A list cut into pages: its file of entries is fetched when the box is first used.
        page.wait_for_selector("div.sp-search[data-sp-whole-list]", state="attached")
        loaded = page.evaluate("performance.now()") - started
        print(f"whole list fetched and read in {loaded:.0f} ms", file=sys.stderr, flush=True)
    typed: list[dict[str, float]] = []
    cleared: list[dict[str, float]] = []
    for query in QUERIES:
        for key in [*query, "Escape"]:
            before = page.evaluate("window.__timings.length")
            if key == "Escape":
                page.keyboard.press(key)
            else:
                page.keyboard.type(key)
            page.wait_for_function("n => window.__timings.length > n", arg=before)
            timing = page.evaluate("window.__timings.at(-1)")
            timing["settled"] = max(_settled(page), timing["layout"])
            print(f"{key!r}: {timing}", file=sys.stderr, flush=True)
            (cleared if key == "Escape" else typed).append(timing)
    page.close()
    return {"typed": typed, "cleared": cleared}


def matching(browser: Any, url: str, rate: float) -> dict[str, Any]:
    page = _throttled_page(browser, url, rate)
    with_minisearch = MINISEARCH.is_file()
    if with_minisearch:
        page.add_script_tag(path=str(MINISEARCH))
    result: dict[str, Any] = page.evaluate(
        _MATCH_JS, [list(QUERIES), with_minisearch, NOT_SEARCHED]
    )
    result["texts"] = page.evaluate(_TEXTS_JS, NOT_SEARCHED)
    page.close()
    return result


_TEXTS_JS = """(skip) => Object.fromEntries(
    Array.from(document.querySelectorAll(".sp-publications .sp-pub"), (entry) => {
        let text = entry.dataset.spTerms || "";
        for (const child of entry.children) {
            if (!child.matches(skip)) text += " " + child.textContent;
        }
        return [entry.id, text.replace(/\\s+/g, " ").trim()];
    }))"""


def page_weight(page_file: Path, texts: dict[str, str]) -> dict[str, int]:
    """Bytes of the page as written, without the terms, and with every entry's whole text."""
    written = page_file.read_text(encoding="utf-8")
    without = re.sub(r' data-sp-terms="[^"]*"', "", written)

    def with_text(match: re.Match[str]) -> str:
        text = texts.get(match.group(1))
        attribute = f' data-sp-text="{html.escape(text, quote=True)}"' if text else ""
        return f"{match.group(0)}{attribute}"

    whole = re.sub(r'<div class="sp-pub [^"]*" id="([^"]+)"', with_text, without)
    sizes = {}
    for name, text in (("written", written), ("no attribute", without), ("whole text", whole)):
        data = text.encode()
        sizes[f"{name} raw"] = len(data)
        sizes[f"{name} gzip"] = len(gzip.compress(data, 6))
    return sizes


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered):6.1f} ms, p95 {p95:6.1f} ms, "
        f"max {ordered[-1]:6.1f} ms ({len(ordered)} keys)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--site", type=Path, help="a site built before (skips the build)")
    parser.add_argument("--rate", type=float, default=4.0, help="CPU slowdown (Lighthouse: 4)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or build_site(args.entries, Path(scratch) / "project")
        with serve_directory(site) as base, launch_chromium() as browser:
            url = f"{base}/publications/"
            typed = typing(browser, url, args.rate)
            matched = matching(browser, url, args.rate)
        weight = page_weight(site / "publications" / "index.html", matched.pop("texts"))

    print(f"Publications page with {matched['entries']:,} entries, CPU slowdown {args.rate:g}x")
    print("Typing, per keystroke, from the input event:")
    for what in ("script", "layout", "frame", "settled"):
        print(f"  to {what:7}  {_summary([t[what] for t in typed['typed']])}")
    print("Clearing (Escape: every entry shown again):")
    for what in ("script", "layout", "frame", "settled"):
        print(f"  to {what:7}  {_summary([t[what] for t in typed['cleared']])}")
    print("Matching alone, per prefix of the queries:")
    print(f"  reading the entries' texts (once)   {matched['readTexts']:7.1f} ms")
    print(f"  own script                          {_summary(matched['ours'])}")
    if "miniSearch" in matched:
        print(f"  MiniSearch index (once)             {matched['miniSearchIndex']:7.1f} ms")
        print(f"  MiniSearch                          {_summary(matched['miniSearch'])}")
        print(f"  MiniSearch's script: {MINISEARCH.stat().st_size:,} bytes unminified")
    script = REPO / "ext/scholarpages/static/scholarpages-search.js"
    print(f"  own script: {script.stat().st_size:,} bytes")
    print("Page weight (bytes):")
    for name, size in weight.items():
        print(f"  {name:18} {size:12,}")
    if args.json:
        figures = {"typing": typed, "matching": matched, "weight": weight, "rate": args.rate}
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
