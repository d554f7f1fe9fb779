/* Find-as-you-type over a publications list (scholarpages).

   Each box (div.sp-search, written hidden, shown by the stylesheet when scripts run) filters
   the list right after it. An entry is found by its shown text (title, authors, venue, year:
   LaTeX already decoded), read from the page once, and by its data-sp-terms (keywords, type).
   Case, accents and compatibility forms (italic math letters, superscript digits) are
   ignored, and every word typed must be found. The query is kept in the address (?q=) so a
   filtered list can be shared, and a page opened with ?q= starts filtered. */
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
    const total = entryNodes.length;
    let entries = null; // read on first use: a page that is never searched pays nothing
    let groups = null;
    let addressTimer = 0;

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
      // From now on only the entries on screen are laid out (see scholarpages-search.css):
      // showing a few thousand again, as a cleared query does, stays quick.
      list.classList.add("sp-searchable");
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

  function start() {
    for (const box of document.querySelectorAll("div.sp-search")) setUp(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
