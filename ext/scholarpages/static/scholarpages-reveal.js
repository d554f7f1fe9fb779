/* A publications list shows an entry's abstract and BibTeX in place when its "Abstract" or
   "BibTeX" link is followed. The list holds neither (thousands of entries made it too heavy):
   each link leads to that part of the paper's own page, which is what happens without this
   script. The BibTeX comes from the entry's .bib file, beside its page, as plain text; the
   abstract from the page, its text and its formatting (emphasis, math) copied element by
   element without any attribute. Nothing is ever parsed as HTML into this page. */
(() => {
  "use strict";

  // Elements an abstract keeps: emphasis and MathML. Others give their text only.
  const KEPT = new Set([
    "em", "strong", "i", "b", "sub", "sup", "code", "span",
    "math", "mrow", "mi", "mn", "mo", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
    "mtext", "mspace", "mover", "munder", "munderover", "mstyle", "semantics",
  ]);

  function copyOf(source) {
    const copy = document.createDocumentFragment();
    for (const child of source.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        copy.append(document.createTextNode(child.data));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (KEPT.has(child.localName)) {
          const element = document.createElementNS(child.namespaceURI, child.localName);
          element.append(copyOf(child));
          copy.append(element);
        } else if (child.localName !== "annotation") {
          copy.append(copyOf(child));
        }
      }
    }
    return copy;
  }

  async function fetched(url, what) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${what}: ${response.status}`);
    return response.text();
  }

  // The .bib file beside a paper's page: "key/" (dirhtml) or "key.html" (html) -> "key.bib".
  function bibOf(page) {
    const url = new URL(page);
    url.hash = "";
    url.search = "";
    url.pathname = url.pathname.replace(/\/$/, "").replace(/\.html$/, "") + ".bib";
    return url;
  }

  async function abstractOf(page) {
    const url = new URL(page);
    url.hash = "";
    const html = await fetched(url, "abstract");
    const found = new DOMParser().parseFromString(html, "text/html").getElementById("abstract");
    if (!found) throw new Error("abstract: not on the page");
    const box = document.createElement("div");
    for (const paragraph of found.querySelectorAll("p")) {
      const copy = document.createElement("p");
      copy.append(copyOf(paragraph));
      box.append(copy);
    }
    return box;
  }

  async function bibtexOf(page) {
    const code = document.createElement("pre");
    code.textContent = await fetched(bibOf(page), "BibTeX");
    return code;
  }

  let made = 0;

  async function reveal(link) {
    const controlled = link.getAttribute("aria-controls");
    const shown = controlled && document.getElementById(controlled);
    if (shown) {
      shown.hidden = !shown.hidden;
      link.setAttribute("aria-expanded", String(!shown.hidden));
      return;
    }
    const isBibtex = link.classList.contains("sp-reveal-bibtex");
    const content = await (isBibtex ? bibtexOf(link.href) : abstractOf(link.href));
    const region = document.createElement("div");
    made += 1;
    region.id = `sp-revealed-${made}`;
    region.className = `sp-revealed sp-revealed-${isBibtex ? "bibtex" : "abstract"}`;
    region.append(content);
    // The abstract right below the links, the BibTeX after it.
    const line = link.closest("p");
    const abstract = line.parentElement.querySelector(":scope > .sp-revealed-abstract");
    (isBibtex ? abstract || line : line).after(region);
    link.setAttribute("aria-controls", region.id);
    link.setAttribute("aria-expanded", "true");
  }

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("a.sp-reveal");
    // A click meant to open a new tab or window does so.
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    reveal(link)
      .catch(() => window.location.assign(link.href))
      .finally(() => link.removeAttribute("aria-busy"));
  });
})();
