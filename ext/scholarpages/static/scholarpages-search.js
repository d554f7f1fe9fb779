/* Find-as-you-type over a publications list (scholarpages).

   Each box (div.sp-search, written hidden) filters the list right after it. An entry is found
   by its shown text (title, authors, venue, year: LaTeX already decoded), read from the page
   once, and by its data-sp-terms (keywords, type). Case and accents are ignored, and every
   word typed must be found. The query is kept in the address (?q=) so a filtered list can be
   shared, and a page opened with ?q= starts filtered. */
(() => {
  "use strict";

  // The parts of an entry that are not its description: links, abstract, BibTeX, image.
  const NOT_SEARCHED = ".sp-buttons, .sp-abstract, .sp-bibtex, .sp-pub-preview";
  const PARAMETER = "q";
  const numbers = new Intl.NumberFormat("en-US");

  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

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
    if (!list || !input || !count) return;
    const entryNodes = list.getElementsByClassName("sp-pub");
    const total = entryNodes.length;
    let entries = null; // read on first use: a page that is never searched pays nothing
    let groups = null;
    let addressTimer = 0;

    function index() {
      entries = Array.from(entryNodes, (node) => ({ node, text: textOf(node), shown: true }));
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

    function filter(query) {
      if (entries === null) index();
      const words = fold(query).split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const entry of entries) {
        let match = true;
        for (const word of words) {
          if (!entry.text.includes(word)) {
            match = false;
            break;
          }
        }
        if (match) shown += 1;
        // Only entries whose state changes are touched: the page is laid out once.
        if (match !== entry.shown) {
          entry.shown = match;
          entry.node.hidden = !match;
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
      count.textContent = countText(shown, total);
    }

    input.addEventListener("focus", () => entries === null && index(), { once: true });
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

    box.hidden = false;
    const query = queryInAddress();
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
