"""The site's HTTP security headers, with a Content-Security-Policy whose
inline scripts are those the site's own templates ship, known before any
page is read.

Hashing whatever inline scripts the built pages happen to contain would
allow any script a page smuggles in. Instead:

- `template_scripts` reads the inline <script> elements of the layout's
  templates (overrides/ and the theme's templates), renders the few Jinja
  expressions they hold for each value they can take (the relative address
  of the site's root at each depth, "/" for the not-found page), and
  returns their hashes: the policy's list, fixed by the templates alone;
- `foreign_inline` lists every inline script, <style> element, event
  handler, style attribute and javascript: address of a built page that is
  not one of them; the build fails on it, naming the editor's page (`check`).

'wasm-unsafe-eval' is added only when the site ships WebAssembly (the
search, Pagefind). Styles: the theme styles through files and the CSSOM,
which the policy does not restrict, so style-src is 'self'.

Writes into the built site, once every language is built:
- `_headers`: every header, in the format of Netlify and Cloudflare Pages,
  with long immutable caching for the fingerprinted assets;
- `.nginx/csp.conf`: `map $host $content_security_policy {…}`, included in
  the http block by deploy/nginx/ (reload nginx after each deployment);
- a `<meta http-equiv="Content-Security-Policy">` after `<meta charset>` in
  every page, for hosts that send no headers (GitHub Pages), without
  frame-ancestors, which browsers ignore in <meta>; and the referrer policy
  as `<meta name="referrer">`.

Run by build.py once every language is built; deploy/nginx/moussalaha/ sends
the same headers (tests/serving/test_serving.py checks they agree).
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

import jinja2
from selectolax.lexbor import LexborHTMLParser

from moussalaha.output import admin
from moussalaha.output.files import FINGERPRINTED, IMMUTABLE
from moussalaha.problems import Problem, Problems, SiteError

# The same values as deploy/nginx/moussalaha/security-headers.conf.
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Visitors' reading must not leak to the sites the pages link to.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in (
        "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope",
        "hid", "magnetometer", "microphone", "midi", "payment", "serial", "usb")),
    "Cross-Origin-Opener-Policy": "same-origin",
    # Other sites may not embed the site's files in theirs.
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
META_CHARSET = '<meta charset="utf-8">'
# <script> elements without src= in a template's source, Jinja and all.
TEMPLATE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
# The relative address of the site's root from a page at depth 0, 1, 2 (use_directory_urls: false), and the
# absolute one of the not-found page.
BASE_URLS = (".", "..", "../..", "/")
FIX = ("remove it: a page may not carry its own scripts or styles. Give the element a class styled in "
       "docs/assets/stylesheets/site.css, or attach the behaviour from a script file in docs/assets/javascripts/")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _is_inline_script(attributes: str) -> bool:
    if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
        return False
    kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]*)", attributes, re.IGNORECASE)
    return (kind.group(1).lower() if kind else "") in SCRIPT_TYPES


def template_scripts(folders: Iterable[Path], variables: Mapping[str, Iterable] | None = None) -> dict[str, str]:
    """{hash: where} for every inline script of the templates in `folders`,
    rendered for each combination of `variables` (default: base_url at each
    depth). Only the script's own text is rendered, with an empty config,
    so that nothing a page says can change it."""
    variables = dict(variables or {"base_url": BASE_URLS})
    names, choices = list(variables), [list(v) for v in variables.values()]
    env = jinja2.Environment(undefined=jinja2.ChainableUndefined, autoescape=False)
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.html")):
            source = path.read_text(encoding="utf-8")
            for match in TEMPLATE_SCRIPT.finditer(source):
                if not _is_inline_script(match["attributes"]):
                    continue
                body = match["body"]
                where = f"{path.name}:{source.count(chr(10), 0, match.start()) + 1}"
                if "{{" not in body and "{%" not in body:
                    found.setdefault(sha256(body), where)
                    continue
                template = env.from_string(body)
                for combination in itertools.product(*choices):
                    context = {"config": {"extra": {}}, **dict(zip(names, combination))}
                    found.setdefault(sha256(template.render(context)), where)
    return found


def theme_folders(config) -> list[Path]:
    """The folders of the templates a build renders: overrides/ and the theme's own."""
    return [Path(folder) for folder in config.theme.dirs]


def allowed_scripts(folders: tuple[Path, ...], site_path: str = "/") -> frozenset[str]:
    """The hashes of the templates' inline scripts. `site_path` is the path
    of the site's address (/moussalaha/ for a site under a sub-path): the
    404 pages' base_url is that absolute path, not a relative one. The build
    keeps them until a template is saved (moussalaha/build.py, Build.refresh)."""
    base_urls = {*BASE_URLS, site_path, site_path.rstrip("/") or "/"}
    return frozenset(template_scripts(folders, {"base_url": sorted(base_urls)}))


def foreign_inline(page: str | LexborHTMLParser, allowed: set[str] | Mapping[str, str] | frozenset[str]) -> list[str]:
    """What in a built page (its text, or its tree as the build holds it)
    the policy does not allow: inline scripts whose hash is not in
    `allowed`, <style> elements, event handler and style attributes,
    javascript: addresses. Each as a short description with the start of
    its text."""
    tree = page if isinstance(page, LexborHTMLParser) else LexborHTMLParser(page)
    found = []
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if "src" in script.attributes or kind not in SCRIPT_TYPES:
            continue
        text = script.text(deep=True)
        if sha256(text) not in allowed:
            found.append(f"an inline <script> that the site's templates do not ship: «{text.strip()[:60]}»")
    for style in tree.css("style"):
        found.append(f"a <style> element: «{style.text(deep=True).strip()[:60]}»")
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.startswith("on") or name == "style" or (value or "").strip().lower().startswith("javascript:"):
                found.append(f"<{node.tag} {name}=\"{(value or '')[:40]}\">")
    return found


def refuse_foreign(page: str | LexborHTMLParser, allowed, where: str) -> None:
    """Raise the problems of `foreign_inline`, on the editor's file `where`."""
    found = foreign_inline(page, allowed)
    if found:
        raise Problems([Problem(where, 1, f"the built page would carry {item}, which the "
                                          f"Content-Security-Policy blocks — {FIX}") for item in found])


def policy(site: Path, scripts: Iterable[str], preview: bool = False) -> dict[str, str]:
    """The policy for the built pages. A `preview` (`make serve`) allows
    inline scripts instead of hashing them: MkDocs adds its live-reload
    script to every page it serves, different each time."""
    return directives(scripts, preview, ships_wasm(site))


def ships_wasm(site: Path) -> bool:
    return any(site.rglob("*.wasm")) or any(site.rglob("wasm.*.pagefind"))


def directives(scripts: Iterable[str], preview: bool = False, wasm: bool = True) -> dict[str, str]:
    """The policy, from what is known before any page is written: the
    templates' scripts and whether WebAssembly runs (Pagefind's search
    always ships it)."""
    allowed = ["'unsafe-inline'"] if preview else sorted(scripts)
    return {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *allowed]),
        "style-src": "'self'",
        # The theme's icons are data: SVG images in its stylesheet.
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def as_text(directives: dict[str, str], skip=()) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items() if name not in skip)


def headers_file(site: Path, csp: str) -> str:
    lines = ["# Written by the build (moussalaha/output/policy.py): the site's headers for Netlify and Cloudflare Pages.",
             "/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    # The web editor: its own policy (moussalaha/output/admin.py), never indexed.
    # Both rules match its addresses: Cloudflare Pages drops the site's
    # policy there (`!`), then sends the editor's.
    lines += ["", f"/{admin.ADMIN_FOLDER}/*", "  ! Content-Security-Policy",
              f"  Content-Security-Policy: {admin.policy_text()}", f"  X-Robots-Tag: {admin.ROBOTS}"]
    for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if FINGERPRINTED.search(p.name)):
        lines += ["", f"/{path}", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def meta_tags(csp: str) -> str:
    """What a page carries right after its <meta charset>: the policy (but
    frame-ancestors, which a <meta> cannot set) and the referrer policy."""
    return (f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">'
            f'<meta name="referrer" content="{HEADERS["Referrer-Policy"]}">')


def meta_text(scripts: Iterable[str], preview: bool = False, wasm: bool = True) -> str:
    return as_text(directives(scripts, preview, wasm), skip={"frame-ancestors"})


def _no_charset(where: str) -> SiteError:
    return SiteError(f"{where}: no {META_CHARSET} to put the Content-Security-Policy after; "
                     "the page's template must start its <head> with it (overrides/main.html).")


def insert_meta(tree: LexborHTMLParser, tags: str, where: str) -> None:
    """`tags` (meta_tags) right after the page's first <meta charset="utf-8">,
    in the page's tree as it is written (`where`: its path in the site)."""
    anchor = next((node for node in tree.css("meta") if node.attributes == {"charset": "utf-8"}), None)
    if anchor is None:
        raise _no_charset(where)
    for node in reversed(LexborHTMLParser(f"<html><head>{tags}</head></html>").head.css("meta")):
        anchor.insert_after(node)


def add_meta(site: Path, csp: str, done: Collection[str] = ()) -> None:
    """The meta tags into every page of `site` but the web editor's and
    those `done` (their paths in the site), which carry them from the moment
    they were written: every page the build makes today (the pages, the 404
    pages, the moved pages of redirects.py). A page written another way
    would still get the policy here, read back from the disk."""
    meta = META_CHARSET + meta_tags(csp)
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] == admin.ADMIN_FOLDER:
            continue  # the web editor carries its own policy (moussalaha/output/admin.py)
        if path.relative_to(site).as_posix() in done:
            continue
        text = path.read_text(encoding="utf-8")
        if META_CHARSET not in text:
            raise _no_charset(path.relative_to(site).as_posix())
        path.write_text(text.replace(META_CHARSET, meta, 1), encoding="utf-8")


def write(site: Path, scripts: Iterable[str], preview: bool = False, done: Collection[str] = (),
          written: str | None = None) -> None:
    """The policy, with the templates' `scripts`, into _headers, .nginx/csp.conf
    and every page but those `done` (their paths in the site), which carry
    the meta the build put in as it wrote them (`written`: its policy)."""
    directives = policy(site, scripts, preview)
    if written is not None and written != as_text(directives, skip={"frame-ancestors"}):
        raise SiteError("The pages were written with the Content-Security-Policy «" + written + "», and the "
                        "built site needs «" + as_text(directives, skip={"frame-ancestors"}) + "» (did Pagefind "
                        "stop shipping WebAssembly?): update policy.directives in moussalaha/output/policy.py.")
    csp = as_text(directives)
    (site / "_headers").write_text(headers_file(site, csp), encoding="utf-8")
    (site / ".nginx").mkdir(exist_ok=True)
    (site / ".nginx" / "csp.conf").write_text(
        "# Written by the build (moussalaha/output/policy.py); included in the http block by deploy/nginx/. A map is\n"
        "# evaluated when the headers are sent, so that error responses that no location receives\n"
        "# (400, 414) carry the policy too. The web editor (/admin/) has its own (moussalaha/output/admin.py).\n"
        f'map $uri $content_security_policy {{\n    "~^/{admin.ADMIN_FOLDER}/" "{admin.policy_text()}";\n'
        f'    default "{csp}";\n}}\n', encoding="utf-8")
    add_meta(site, as_text(directives, skip={"frame-ancestors"}), done)
