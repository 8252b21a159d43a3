/* The site's search box (overrides/partials/site-search.html), on top of
   Pagefind's JavaScript API. Nothing of Pagefind is fetched until the visitor
   focuses the box; then Pagefind loads the index of the page's language only
   (it reads <html lang>), in small chunks, as the words are typed.

   Arabic queries: each word is also searched without the conjunction or
   preposition written attached to it (و ف ب ك ل), with the same rule as the
   index (scripts/hooks/search.py, which passes it as data-arabic-prefix), and
   with the article «ال» before it, which lets Pagefind's Arabic stemmer bring
   singular, plural and feminine forms to one stem. */
(() => {
  "use strict";

  const box = document.querySelector("[data-mc-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector("input[name=query]");
  const form = box.querySelector("form");
  const status = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const hint = status.textContent;
  const root = new URL(box.dataset.root, location.href);
  const arabic = document.documentElement.lang === "ar";
  const prefix = new RegExp(box.dataset.arabicPrefix);
  const MAX_RESULTS = 10;
  const MAX_QUERIES = 8;

  let engine = null;
  let latest = 0;
  let timer = 0;
  let quiet = false;

  function load() {
    engine ??= import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
      await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    });
    return engine;
  }

  /* Letters compared without what the reader does not see as a difference:
     case, accents, Arabic diacritics, tatweel, alef with hamza or madda,
     final yaa/alef maqsura, taa marbuta/haa. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f\u0640\u064b-\u065f\u0670_]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647")
      .toLowerCase();
  }

  function arabicVariants(word) {
    const variants = new Set([word]);
    const match = word.match(prefix);
    if (match) {
      variants.add(word.slice(match[1].length));
      if (match[1].length === 2) variants.add(word.slice(1));
    }
    return [...variants].map((v) => (v.length >= 3 && !/^(ال|لل)/.test(v) ? "ال" + v : v));
  }

  /* The queries to run: one, or for Arabic one per combination of each
     word's forms (at most MAX_QUERIES); a page found by any of them counts. */
  function queries(text) {
    const words = text.trim().split(/\s+/).filter(Boolean);
    if (!arabic) return [words.join(" ")];
    const forms = words.map((word) => {
      const clean = word.replace(/[\u0640\u064b-\u065f\u0670]/g, "").replace(/\u0649/g, "\u064a");
      return /^[\u0621-\u064a]+$/.test(clean) ? arabicVariants(clean) : [clean];
    });
    let combinations = [[]];
    for (const options of forms) {
      combinations = combinations.flatMap((c) => options.map((o) => [...c, o]));
      if (combinations.length > MAX_QUERIES) combinations = combinations.slice(0, MAX_QUERIES);
    }
    return combinations.map((c) => c.join(" "));
  }

  /* Pagefind, like most prefix searches, falls back on a shorter indexed
     word when nothing starts with the query («azzz» finds «a»). Keep a result
     only if a highlighted word shares its first letters with a query word. */
  function keys(text) {
    return text.trim().split(/\s+/).map((word) => {
      let core = fold(word);
      if (arabic) {
        const match = core.match(prefix);
        if (match) core = core.slice(match[1].length);
        core = core.replace(/^(ال|لل)(?=.{3})/, "");
      }
      return core.slice(0, 3);
    }).filter(Boolean);
  }

  function relevant(result, wanted) {
    const marked = [...result.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => fold(m[1]));
    marked.push(fold(result.meta.title || ""));
    return marked.some((word) => wanted.some((key) => word.includes(key)));
  }

  function tidy(html) {
    return html.replace(/([\u0621-\u064a\u064b-\u065f\u0670])_(?=[\u0621-\u064a])/g, "$1");
  }

  function best(result) {
    const sections = (result.sub_results || []).filter((s) => s.url.includes("#"));
    sections.sort((a, b) => (b.locations?.length || 0) - (a.locations?.length || 0));
    const section = sections[0];
    return section && section.locations?.length ? section : result;
  }

  function say(text) {
    status.textContent = text;
  }

  function render(results) {
    list.replaceChildren();
    const count = results.length;
    say(count === 0 ? box.dataset.none : count === 1 ? box.dataset.one : box.dataset.other.replace("{n}", count));
    for (const result of results) {
      const target = best(result);
      const item = document.createElement("li");
      item.className = "md-search-result__item";
      const link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = target.url;
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      const title = document.createElement("h1");
      title.textContent = tidy(result.meta.title || "");
      if (target !== result && target.title && target.title !== result.meta.title) {
        const section = document.createElement("span");
        section.className = "mc-search-section";
        section.textContent = tidy(target.title);
        title.append(" › ", section);
      }
      const excerpt = document.createElement("p");
      // Pagefind escapes the page's text and adds only <mark> elements.
      excerpt.innerHTML = tidy(target.excerpt);
      article.append(title, excerpt);
      link.append(article);
      item.append(link);
      list.append(item);
    }
  }

  async function search(text) {
    const number = ++latest;
    if (!text.trim()) {
      list.replaceChildren();
      say(hint);
      return;
    }
    say(box.dataset.loading);
    try {
      const pagefind = await load();
      const found = new Map();
      for (const query of queries(text)) {
        const response = await pagefind.search(query);
        if (number !== latest) return;
        for (const result of response.results) {
          const known = found.get(result.id);
          if (!known || known.score < result.score) found.set(result.id, result);
        }
      }
      const ranked = [...found.values()].sort((a, b) => b.score - a.score).slice(0, MAX_RESULTS);
      const data = await Promise.all(ranked.map((result) => result.data()));
      if (number !== latest) return;
      const wanted = keys(text);
      render(data.filter((result) => relevant(result, wanted)));
    } catch (error) {
      if (number === latest) {
        list.replaceChildren();
        say(box.dataset.failed);
      }
    }
  }

  function open() {
    if (quiet) return;
    toggle.checked = true;
    load().catch(() => {});
  }

  function close() {
    toggle.checked = false;
  }

  function links() {
    return [...list.querySelectorAll("a")];
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", () => {
    open();
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 120);
  });
  // The phone's search button (a <label> for #__search) opens the dialog;
  // Enter or Space on it too.
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  const button = document.querySelector(".mc-search-button");
  button?.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open();
      input.focus();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    latest++;
    list.replaceChildren();
    say(hint);
    input.focus();
  });
  box.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      // Focus stays on the box where it is visible (wide screens); on a
      // phone the box closes with its overlay.
      if (input.getBoundingClientRect().width > 0 && getComputedStyle(input).visibility !== "hidden") {
        quiet = true;
        input.focus();
        quiet = false;
      } else {
        document.activeElement.blur();
      }
    } else if (event.key === "Enter" && event.target === input) {
      // The first result, as the theme's search does (and no browser
      // message about the empty required field).
      event.preventDefault();
      if (all[0]) location.href = all[0].href;
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
})();
