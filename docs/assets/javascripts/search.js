/* The site's search box (overrides/partials/site-search.html), on top of
   Pagefind's JavaScript API. Nothing of Pagefind is fetched until the visitor
   reaches for the search (focuses the box, presses the phone's search
   button); then the engine and the index of the page's language only (it
   reads <html lang>) load at once, while the words are typed (load()).

   Arabic queries: each word is also searched without the article,
   conjunction or preposition written attached to it (ال و ف ب ك ل), cut by
   the same rule as in the index (moussalaha/arabic.py, which the template
   passes as data-arabic-prefix, with what a letter and a diacritic are as
   data-arabic-letters and data-arabic-marks), and with the article before it, which lets Pagefind's
   Arabic stemmer bring a plural to the stem of its singular. A page found by
   any of these forms is a result. */
(() => {
  "use strict";

  const box = document.querySelector("[data-mc-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector("input[name=query]");
  const form = box.querySelector("form");
  const status = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const more = box.querySelector(".mc-search-more");
  const elsewhere = box.querySelector(".mc-search-elsewhere");
  // A touch screen has no arrow keys, Enter or Esc to name.
  const hint = matchMedia("(pointer: coarse)").matches ? box.dataset.hintTouch : status.textContent;
  status.textContent = hint;
  // The other languages' home pages, whose search opens with #q=… (below).
  const others = (box.dataset.languages || "").split(";").map((entry) => entry.split("="))
    .filter(([code]) => code && code !== document.documentElement.lang);
  const button = document.querySelector(".mc-search-button");
  const root = new URL(box.dataset.root, location.href);
  const arabic = document.documentElement.lang === "ar";
  const prefix = new RegExp(box.dataset.arabicPrefix);
  const letters = box.dataset.arabicLetters, marks = box.dataset.arabicMarks;
  const arabicWord = new RegExp(`^[${letters}]+$`);
  const allMarks = new RegExp(`[${marks}]`, "g");
  // Latin accents (after NFD), Arabic diacritics and the index's separator.
  const unseen = new RegExp(`[\u0300-\u036f${marks}~]`, "g");
  // The index separates Arabic prefixes with a tilde (search.py).
  const separator = new RegExp(`([${letters}${marks}])~(?=[${letters}])`, "g");
  // Shown at first, and added by each press of «more results».
  const MAX_RESULTS = 10;
  const MAX_QUERIES = 8;

  let engine = null;
  let latest = 0;
  // The current search: its results by score, how many were read, how many shown.
  let current = null;
  let timer = 0;
  let quiet = false;

  // A file of Pagefind's bundle asked for now, for Pagefind's own request
  // of it later (the same URL and mode: the browser hands over this response).
  function prefetch(bundle, name) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = new URL(name, bundle).href;
    document.head.append(link);
  }

  /* Pagefind asks for its files one after the other: its script, then its
     entry file, then the language's metadata and engine (WebAssembly), then,
     once the engine runs, the index chunks of the words typed. All of them are
     asked for at once here, as the visitor reaches for the box: the entry and
     the engine with the script, the metadata and every index chunk of the
     language (search.py lists them in the entry) as soon as the entry
     arrives. Pagefind runs on this page's thread (noWorker): its worker
     would be one more file to fetch before anything else, and the preloaded
     files are the page's, not a worker's. */
  function load() {
    if (!engine) {
      const bundle = new URL("pagefind/", root);
      const lang = document.documentElement.lang;
      // Pagefind's own cache-busting of its entry file, once per page.
      const tag = String(Date.now());
      prefetch(bundle, `pagefind-entry.json?ts=${tag}`);
      prefetch(bundle, `wasm.${lang}.pagefind`);
      // The entry read here too, by an address of its own (a preloaded
      // response goes to one reader): a second small request, not a wait.
      fetch(new URL(`pagefind-entry.json?ts=${tag}&chunks`, bundle)).then((response) => response.json())
        .then(({ languages }) => {
          const index = languages[lang];
          prefetch(bundle, `pagefind.${index.hash}.pf_meta`);
          for (const chunk of index.chunks || []) prefetch(bundle, `index/${chunk}.pf_index`);
        }).catch(() => {});
      // Pagefind cuts each query into letters with Intl.Segmenter; the first
      // one made on a page loads the browser's text-breaking data (some 40 ms
      // of a phone's time), done here while the files are on their way.
      if (typeof Intl.Segmenter === "function") {
        (window.requestIdleCallback || setTimeout)(() => [...new Intl.Segmenter(lang, { granularity: "grapheme" })
          .segment(lang)]);
      }
      engine = import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true, metaCacheTag: tag });
        await pagefind.init();
        return pagefind;
      });
    }
    return engine;
  }

  /* Letters compared without what the reader does not see as a difference:
     case, accents, Arabic diacritics, tatweel, alef with hamza or madda,
     final yaa/alef maqsura, taa marbuta/haa. */
  function fold(text) {
    return text.normalize("NFD").replace(unseen, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647")
      .toLowerCase();
  }

  // The most general form first: queries() keeps the first combinations.
  function arabicVariants(word) {
    const match = word.match(prefix);
    const core = match ? word.slice(match[1].length) : word;
    const variants = new Set([core]);
    if (core.length >= 4) variants.add("ال" + core);
    variants.add(word);
    // «وبلاغ»: the letter after the conjunction may be the word's own.
    if (/^[وف]/.test(word) && word.length >= 4) variants.add(word.slice(1));
    return [...variants];
  }

  /* The queries to run: one, or for Arabic one per combination of each
     word's forms (at most MAX_QUERIES); a page found by any of them counts. */
  function queries(text) {
    const words = text.trim().split(/\s+/).filter(Boolean);
    if (!arabic) return [words.join(" ")];
    const forms = words.map((word) => {
      const clean = word.replace(allMarks, "").replace(/\u0649/g, "\u064a");
      return arabicWord.test(clean) ? arabicVariants(clean) : [clean];
    });
    let combinations = [[]];
    for (const options of forms) {
      combinations = combinations.flatMap((c) => options.map((o) => [...c, o]));
      if (combinations.length > MAX_QUERIES) combinations = combinations.slice(0, MAX_QUERIES);
    }
    return combinations.map((c) => c.join(" "));
  }

  /* Pagefind, like most prefix searches, falls back on a shorter indexed
     word when nothing starts with the query («azzz» finds «a»), and an
     Arabic prefix is indexed as a word of its own. Keep a result only if one
     of its highlighted words (or a word of its title) starts, once folded,
     with or without its prefix, with the first four letters of a query word
     (with or without its prefix). */
  // A word and, in Arabic, the same without its possible prefixes.
  function forms(word) {
    const all = [word];
    if (arabic) {
      const match = word.match(prefix);
      if (match) all.push(word.slice(match[1].length));
      if (/^[وف]/.test(word) && word.length >= 4) all.push(word.slice(1));
    }
    return all;
  }

  /* What a result must show: the first four letters of each query word;
     of an Arabic word with the article, those of the word without it only
     («والسجناء» asks for «سجنا», not «والس», which «والساعة» also starts). */
  function wanted(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
      .flatMap((word) => (arabic && /(ال|لل)$/.test(word.match(prefix)?.[1] || "") ? forms(word).slice(1)
                                                                               : forms(word)))
      .map((word) => word.slice(0, 4));
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).flatMap(forms);
  }

  function relevant(result, wanted) {
    const marked = [...result.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].flatMap((m) => words(m[1]));
    marked.push(...words(result.meta.title || ""));
    return marked.some((word) => wanted.some((key) => word.startsWith(key)));
  }

  function tidy(html) {
    return html.replace(separator, "$1");
  }

  function same(a, b) {
    return fold(tidy(a || "")).trim() === fold(tidy(b || "")).trim();
  }

  function best(result) {
    const sections = (result.sub_results || []).filter((s) => s.url.includes("#"));
    sections.sort((a, b) => (b.locations?.length || 0) - (a.locations?.length || 0));
    const section = sections[0];
    return section && section.locations?.length ? section : result;
  }

  // data-state tells the tests (and styles, if need be) where a search is.
  function say(text, state, query = "") {
    status.textContent = text;
    box.dataset.state = state;
    box.dataset.query = query;
  }

  // Results, at the end of the list.
  function show(results) {
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
      // A news article's first section is its title: not repeated.
      if (target !== result && target.title && !same(target.title, result.meta.title)) {
        const section = document.createElement("span");
        section.className = "mc-search-section";
        section.textContent = tidy(target.title);
        // The separator points the way the page reads (mirrored in Arabic by site.css).
        const separator = document.createElement("span");
        separator.className = "mc-search-sep";
        separator.setAttribute("aria-hidden", "true");
        separator.textContent = "›";
        title.append(" ", separator, " ", section);
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

  // The list complete: its number of results, said once (role=status).
  function finish(query) {
    const count = list.children.length;
    say(count === 0 ? box.dataset.none : count === 1 ? box.dataset.one : box.dataset.other.replace("{n}", count),
        "done", query);
  }

  /* Nothing found in this language, for words in another's letters (Latin
     on an Arabic page, Arabic on a French or English one): the same words
     in the search of the languages written so, a link each. */
  function suggest(text) {
    elsewhere.replaceChildren();
    const latin = /\p{Script=Latin}/u.test(text), arabicLetters = /\p{Script=Arabic}/u.test(text);
    const targets = others.filter(([code]) => (code === "ar" ? arabicLetters : latin));
    if (!targets.length) return;
    elsewhere.append(box.dataset.elsewhere);
    targets.forEach(([code, name, home], index) => {
      const link = document.createElement("a");
      link.href = `${home}#q=${encodeURIComponent(text.trim())}`;
      link.hreflang = link.lang = code;
      link.textContent = name;
      elsewhere.append(index ? " · " : " ", link);
    });
    elsewhere.hidden = false;
  }

  /* The next results of the current search, MAX_RESULTS at most: their data
     (a small file each) read for as many results as are to be shown, more if
     relevant() sets some aside; those read beyond MAX_RESULTS wait for the
     next press of «more results». A search's first results are each shown
     as soon as its data and those of the results above it have arrived (on a
     slow network the first appears a round trip or two before the tenth);
     the count is said once they are all there. */
  async function next(number) {
    const search = current;
    const first = !search.started;
    const shown = search.waiting.splice(0, MAX_RESULTS);
    while (shown.length < MAX_RESULTS && search.read < search.ranked.length) {
      const batch = search.ranked.slice(search.read, search.read + MAX_RESULTS).map((result) => result.data());
      search.read += batch.length;
      for (const data of batch) {
        const result = await data;
        if (number !== latest) return;
        if (!relevant(result, search.wanted)) continue;
        shown.push(result);
        if (first && shown.length <= MAX_RESULTS) {
          // The previous search's results stay until this one has one to show.
          if (shown.length === 1) list.replaceChildren();
          show([result]);
        }
      }
    }
    search.waiting.push(...shown.splice(MAX_RESULTS));
    if (!first) show(shown);
    else if (!shown.length) list.replaceChildren();
    search.started = true;
    finish(search.text);
    more.hidden = !(search.waiting.length || search.read < search.ranked.length);
    if (!list.children.length) suggest(search.text);
  }

  async function search(text) {
    const number = ++latest;
    more.hidden = elsewhere.hidden = true;
    if (!text.trim()) {
      list.replaceChildren();
      say(hint, "idle");
      return;
    }
    say(box.dataset.loading, "loading", text);
    try {
      const pagefind = await load();
      if (number !== latest) return;
      const found = new Map();
      const responses = await Promise.all(queries(text).map((query) => pagefind.search(query)));
      if (number !== latest) return;
      for (const response of responses) {
        for (const result of response.results) {
          const known = found.get(result.id);
          if (!known || known.score < result.score) found.set(result.id, result);
        }
      }
      current = {text, ranked: [...found.values()].sort((a, b) => b.score - a.score), read: 0, waiting: [],
                 started: false, wanted: wanted(text)};
      await next(number);
    } catch (error) {
      if (number === latest) {
        list.replaceChildren();
        say(box.dataset.failed, "failed", text);
      }
    }
  }

  // The theme watches the toggle's change events (on a phone it then locks
  // the page's scrolling under the dialog).
  function set(checked) {
    if (toggle.checked !== checked) {
      toggle.checked = checked;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function open() {
    if (quiet) return;
    set(true);
    load().catch(() => {});
  }

  function close() {
    set(false);
  }

  function links() {
    return [...list.querySelectorAll("a")];
  }

  // The next results, the keyboard's focus on the first of them.
  more.addEventListener("click", async () => {
    const before = list.children.length;
    await next(latest);
    (list.children[before]?.querySelector("a") || input).focus({ preventScroll: false });
  });
  input.addEventListener("focus", open);
  input.addEventListener("input", () => {
    open();
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 120);
  });
  // The phone's search button opens the dialog. No scrolling to the field:
  // the theme's opening animation is wider than the screen for a moment,
  // and a phone would zoom out to show it.
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus({ preventScroll: true });
  });
  // The engine starts loading as the finger or the mouse button goes down.
  button?.addEventListener("pointerdown", () => load().catch(() => {}));
  button?.addEventListener("click", () => {
    open();
    input.focus({ preventScroll: true });
  });
  // Keyboard users who tab past the results leave the search: the dialog
  // must not stay open over the part of the page they moved to.
  box.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) close();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    latest++;
    list.replaceChildren();
    more.hidden = elsewhere.hidden = true;
    say(hint, "idle");
    input.focus({ preventScroll: true });
  });
  box.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      // Focus stays on the box where the header shows it (the theme's wide
      // screens, 60em); on a phone the box closes, back to its button.
      if (matchMedia("(min-width: 60em)").matches) {
        quiet = true;
        input.focus({ preventScroll: true });
        quiet = false;
      } else {
        (button || input).focus({ preventScroll: true });
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

  // A search sent from another page: the 404 page's form opens the home
  // page of its language with #q=… (after #: never sent to the server);
  // the dialog opens with the results.
  const sent = new URLSearchParams(location.hash.slice(1)).get("q");
  if (sent && sent.trim()) {
    input.value = sent;
    open();
    input.focus({ preventScroll: true });
    search(sent);
  }
})();
