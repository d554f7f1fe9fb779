/* Find-as-you-type over a publications list (scholarpages).

   Each box (div.sp-search, written hidden, shown by the stylesheet when scripts run) filters
   the list right after it. An entry is found by its shown text (title, authors, venue, year:
   LaTeX already decoded), read from the page once, and by its data-sp-terms (keywords, type).
   Case, accents and compatibility forms (italic math letters, superscript digits) are
   ignored, and every word typed must be found. The query is kept in the address (?q=) so a
   filtered list can be shared, and a page opened with ?q= starts filtered.

   A list cut into pages has its box name the file of all its entries (data-sp-index). Once the
   box is used, that file is fetched, and a query shows the matches from every page in place of
   this page's entries; until it arrives, or if it cannot be had, this page's entries are
   filtered. A link to an entry that another page of the list shows (an old address) is sent on
   to that page. */
(() => {
  "use strict";

  // The parts of an entry that are not its description: links, abstract, BibTeX, image.
  const NOT_SEARCHED = ".sp-buttons, .sp-abstract, .sp-bibtex, .sp-pub-preview";
  const PARAMETER = "q";
  const numbers = new Intl.NumberFormat("en-US");

  // Compatibility forms too: a title's math written as italic letters and script digits
  // ("𝑘-Means", "𝐿²") is found as typed ("k-means", "l2").
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

  function textOf(entry) {
    let text = entry.dataset.spTerms || "";
    for (const child of entry.children) {
      if (!child.matches(NOT_SEARCHED)) text += " " + child.textContent;
    }
    return fold(text.replace(/\s+/g, " "));
  }

  function countText(shown, total) {
    const noun = total === 1 ? "publication" : "publications";
    const all = numbers.format(total);
    return shown === total ? `${all} ${noun}` : `${numbers.format(shown)} of ${all} ${noun}`;
  }

  function queryInAddress() {
    return new URLSearchParams(location.search).get(PARAMETER) || "";
  }

  function keepInAddress(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set(PARAMETER, query);
    else url.searchParams.delete(PARAMETER);
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  }

  function setUp(box) {
    const list = box.nextElementSibling;
    const input = box.querySelector("input[type=search]");
    const count = box.querySelector("[aria-live]");
    if (!list || !input || !count) {
      box.remove(); // shown from the first paint (see the stylesheet), it would do nothing
      return;
    }
    // The count changes as the text of one text node: replacing the element's children
    // instead made the browser match the whole page's styles again on every keystroke
    // (selectors with :has() are checked again when children change), 20 ms and more.
    const countNode = count.firstChild instanceof Text ? count.firstChild : new Text();
    if (!countNode.parentNode) count.replaceChildren(countNode);
    const entryNodes = list.getElementsByClassName("sp-pub");
    let total = entryNodes.length;
    let entries = null; // read on first use: a page that is never searched pays nothing
    let groups = null;
    let addressTimer = 0;
    const whole = box.dataset.spIndex ? wholeList(box, list, countNode) : null;
    if (whole) total = whole.total;

    function index() {
      entries = Array.from(entryNodes, (node) => ({
        node,
        text: textOf(node),
        match: true, // as the query asks
        shown: true, // as the page shows it
      }));
      groups = Array.from(list.getElementsByClassName("sp-group-entries"), (node) => {
        const heading = node.previousElementSibling;
        return {
          node,
          heading: heading && heading.classList.contains("sp-group") ? heading : null,
          entries: entries.filter((entry) => node.contains(entry.node)),
          shown: true,
        };
      });
    }

    // Entries shown or hidden in one go: each costs the browser its style (some 35 us, four
    // times that on a slow phone), so a keystroke that hides thousands would block typing.
    // The rest follow frame by frame, from the top of the list, where the reader looks.
    const CHANGES_PER_FRAME = 250;
    let pendingFrame = 0;

    function filter(query) {
      prepare();
      // Once every page's entries are had, they are what a query shows (and counts): this
      // page's own entries, hidden with their list, are left as they are.
      if (whole && whole.show(query)) return;
      const words = fold(query).split(/\s+/).filter(Boolean);
      let matched = 0;
      for (const entry of entries) {
        let match = true;
        for (const word of words) {
          if (!entry.text.includes(word)) {
            match = false;
            break;
          }
        }
        entry.match = match;
        if (match) matched += 1;
      }
      countNode.data = countText(matched, total);
      cancelAnimationFrame(pendingFrame);
      apply(0);
    }

    // Shows and hides entries from ``start`` on, CHANGES_PER_FRAME at most, then the next
    // frame goes on. Only entries whose state changes are touched.
    function apply(start) {
      let changes = 0;
      let next = start;
      for (; next < entries.length && changes < CHANGES_PER_FRAME; next += 1) {
        const entry = entries[next];
        if (entry.match !== entry.shown) {
          entry.shown = entry.match;
          entry.node.hidden = !entry.match;
          changes += 1;
        }
      }
      for (const group of groups) {
        const any = group.entries.some((entry) => entry.shown);
        if (any !== group.shown) {
          group.shown = any;
          group.node.hidden = !any;
          if (group.heading) group.heading.hidden = !any;
        }
      }
      if (next < entries.length) pendingFrame = requestAnimationFrame(() => apply(next));
    }

    function prepare() {
      if (entries !== null) return;
      index();
      // From now on only the entries on screen are laid out (see scholarpages-lists.css):
      // showing a few thousand again, as a cleared query does, stays quick.
      list.classList.add("sp-searchable");
      if (whole) whole.load().then(() => {
        cancelAnimationFrame(pendingFrame);
        for (const entry of entries) entry.match = true; // shown again with their list
        apply(0);
        filter(input.value);
      }, () => {
        total = entryNodes.length; // this page's entries are all that can be searched
        filter(input.value);
      });
    }

    input.addEventListener("focus", prepare, { once: true });
    input.addEventListener("input", () => {
      filter(input.value);
      // The address changes once typing pauses: browsers limit how often it may change.
      clearTimeout(addressTimer);
      addressTimer = setTimeout(() => keepInAddress(input.value.trim()), 250);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    // Enter has nothing to submit.
    input.addEventListener("keypress", (event) => event.key === "Enter" && event.preventDefault());

    // The stylesheet shows the box from the first paint; a browser that does not know its
    // media feature shows it now.
    box.hidden = false;
    // What was typed before this script ran, else the query in the address.
    const query = input.value || queryInAddress();
    if (query) {
      input.value = query;
      filter(query);
    }
  }

  // The entries of every page of a list cut into pages, from its file, for one box.
  function wholeList(box, list, countNode) {
    const total = Number((countNode.data.match(/[\d,]+/) || ["0"])[0].replace(/,/g, ""));
    const indexUrl = new URL(box.dataset.spIndex, location.href);
    let all = null;
    let loading = null;
    let results = null;
    let pendingFrame = 0;

    function load() {
      loading = loading || fetch(indexUrl).then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${indexUrl}`);
        return response.json();
      }).then((content) => {
        // The entries' addresses are written relative to the list's first page.
        const base = new URL(content.pages[0].url, indexUrl);
        const template = document.createElement("template");
        all = [];
        for (const page of content.pages) {
          template.innerHTML = page.html;
          const address = new URL(page.url, indexUrl).href;
          for (const node of template.content.querySelectorAll("div.sp-pub")) {
            for (const element of node.querySelectorAll("[href], [src]")) {
              for (const name of ["href", "src"]) {
                const value = element.getAttribute(name);
                if (value !== null && !value.startsWith("#")) {
                  element.setAttribute(name, new URL(value, base).href);
                }
              }
            }
            all.push({ node, text: textOf(node), page: address });
          }
        }
        box.dataset.spWholeList = String(all.length); // for whoever measures or tests the box
        return all;
      });
      return loading;
    }

    // Shows the matches of every page in place of this page's list; false until they are had.
    function show(query) {
      if (all === null) return false;
      const words = fold(query).split(/\s+/).filter(Boolean);
      cancelAnimationFrame(pendingFrame);
      if (words.length === 0) {
        if (results) results.hidden = true;
        list.hidden = false;
        countNode.data = countText(total, total);
        return true;
      }
      const matches = all.filter((entry) => words.every((word) => entry.text.includes(word)));
      countNode.data = countText(matches.length, total);
      if (!results) {
        results = document.createElement("div");
        results.className = "sp-publications sp-search-results sp-searchable";
        list.after(results);
        results.after(end);
        watcher.observe(end);
      }
      results.replaceChildren();
      results.hidden = false;
      list.hidden = true;
      shown = matches;
      next = 0;
      more();
      return true;
    }

    // The matches are laid out as the reader scrolls to them, a screenful or two at a time:
    // a keystroke then adds and removes a few dozen entries, not thousands.
    let shown = [];
    let next = 0;
    const end = document.createElement("div");
    end.className = "sp-search-end";
    function near() {
      return end.getBoundingClientRect().top < window.innerHeight * 2;
    }
    function more() {
      cancelAnimationFrame(pendingFrame);
      if (next >= shown.length || !near()) return;
      results.append(...shown.slice(next, next + 40).map((entry) => entry.node));
      next += 40;
      pendingFrame = requestAnimationFrame(more);
    }
    const watcher = new IntersectionObserver(() => more(), { rootMargin: "100% 0px" });

    // An address naming an entry that another page shows leads there.
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && !document.getElementById(wanted)) {
      load().then(() => {
        const found = all.find((entry) => entry.node.id === wanted);
        if (found && found.page !== location.href.split("#")[0]) {
          location.replace(`${found.page}#${encodeURIComponent(wanted)}`);
        }
      }, () => {});
    }
    return { total, load, show };
  }

  function start() {
    for (const box of document.querySelectorAll("div.sp-search")) setUp(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
