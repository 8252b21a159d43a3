/* On the 404 page: show the message in the language of the requested
   address (/fr/… French, /en/… English, anything else the default, Arabic)
   and set <html lang dir> to match. The languages and their directions
   are the script tag's data-languages ("ar:rtl fr:ltr en:ltr") and
   data-default (moussalaha/languages.py, through overrides/404.html).
   Runs in <head>, before the page is drawn. */
(function () {
  var script = document.currentScript;
  var base = "/" + (script.getAttribute("data-base") || "");
  if (base.slice(-1) !== "/") base += "/";
  var directions = {};
  (script.getAttribute("data-languages") || "").split(" ").forEach(function (entry) {
    var parts = entry.split(":");
    directions[parts[0]] = parts[1];
  });
  var fallback = script.getAttribute("data-default");
  var path = location.pathname;
  var rest = path.indexOf(base) === 0 ? path.slice(base.length) : path.replace(/^\//, "");
  var first = rest.split("/")[0];
  var lang = Object.prototype.hasOwnProperty.call(directions, first) ? first : fallback;
  var root = document.documentElement;
  root.lang = lang;
  root.dir = directions[lang];
  root.setAttribute("data-lang", lang);
  document.addEventListener("DOMContentLoaded", function () {
    document.body.dir = root.dir;
    // The language bar marks the visitor's language, as on every page.
    document.querySelectorAll('.mc-langbar a[hreflang="' + lang + '"]').forEach(function (link) {
      link.setAttribute("aria-current", "true");
    });
    var heading = document.querySelector('[data-not-found][lang="' + lang + '"] h1');
    if (heading) document.title = "404 · " + heading.textContent;
    // The search form opens the home page of its language with the words
    // after # (search.js reads #q=): the server never receives them.
    document.querySelectorAll("form[data-home]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var words = form.querySelector('input[name="q"]').value;
        location.href = new URL(form.getAttribute("data-home"), location.href).href + "#q=" + encodeURIComponent(words);
      });
    });
  });
})();
