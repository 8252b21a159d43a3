"""The site's HTTP security headers, with a Content-Security-Policy
computed from the built pages.

No inline script may run unless the site shipped it: the policy allows the
site's own files ('self') and, by their SHA-256 hash, exactly the inline
scripts the built pages contain (the theme writes a few small ones; whatever
a later theme or search engine adds is hashed the same way). 'wasm-unsafe-eval'
is added only when the site ships WebAssembly (a search engine such as
Pagefind). Styles: the theme styles through files and the CSSOM, which the
policy does not restrict, so style-src is 'self' plus the hash of any <style>
element; an inline style="…" attribute stops the build (it would be blocked).

Writes into the built site, once every language is built:
- `_headers`: every header, in the format of Netlify and Cloudflare Pages,
  with long immutable caching for the fingerprinted assets;
- `.nginx/csp.conf`: `set $content_security_policy "…";`, included by
  deploy/nginx/ (reload nginx after each deployment);
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
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from moussalaha.files import FINGERPRINTED, IMMUTABLE
from moussalaha.problems import SiteError

# The same values as deploy/nginx/moussalaha/security-headers.conf.
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Visitors' reading must not leak to the sites the pages link to.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in (
        "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation", "gyroscope",
        "hid", "magnetometer", "microphone", "midi", "payment", "serial", "usb")),
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
META_CHARSET = '<meta charset="utf-8">'


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_code(site: Path) -> tuple[set[str], set[str]]:
    """Hashes of the inline scripts and <style> elements of every page;
    refuses what no hash can allow (event handler attributes, style attributes)."""
    scripts, styles = set(), set()
    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site)
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for script in tree.css("script"):
            kind = (script.attributes.get("type") or "").strip().lower()
            if "src" not in script.attributes and kind in SCRIPT_TYPES:
                scripts.add(sha256(script.text(deep=True)))
        for style in tree.css("style"):
            styles.add(sha256(style.text(deep=True)))
        for node in tree.css("*"):
            for name, value in node.attributes.items():
                if name == "style" or name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    raise SiteError(
                        f"{where}: <{node.tag} {name}=\"{value}\"> would be blocked by the Content-Security-Policy. "
                        "Give the element a class styled in docs/assets/stylesheets/site.css, "
                        "or attach the behaviour from a script file."
                    )
    return scripts, styles


def policy(site: Path, preview: bool = False) -> dict[str, str]:
    """The policy for the built pages. A `preview` (`make serve`) allows
    inline scripts instead of hashing them: MkDocs adds its live-reload
    script to every page it serves, different each time."""
    scripts, styles = inline_code(site)
    wasm = any(site.rglob("*.wasm")) or any(site.rglob("wasm.*.pagefind"))
    allowed = ["'unsafe-inline'"] if preview else sorted(scripts)
    return {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *(["'wasm-unsafe-eval'"] if wasm else []), *allowed]),
        "style-src": " ".join(["'self'", *sorted(styles)]),
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
    lines = ["# Written by scripts/hooks/headers.py: the site's headers for Netlify and Cloudflare Pages.",
             "/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if FINGERPRINTED.search(p.name)):
        lines += ["", f"/{path}", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def add_meta(site: Path, csp: str) -> None:
    meta = (f'{META_CHARSET}<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">'
            f'<meta name="referrer" content="{HEADERS["Referrer-Policy"]}">')
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if META_CHARSET not in text:
            raise SiteError(f"{path.relative_to(site)}: no {META_CHARSET} to put the Content-Security-Policy after; "
                            "the page's template must start its <head> with it (overrides/main.html).")
        path.write_text(text.replace(META_CHARSET, meta, 1), encoding="utf-8")


def write(site: Path, preview: bool = False) -> None:
    """The policy from the built pages, into _headers, .nginx/csp.conf and every page."""
    directives = policy(site, preview)
    csp = as_text(directives)
    (site / "_headers").write_text(headers_file(site, csp), encoding="utf-8")
    (site / ".nginx").mkdir(exist_ok=True)
    (site / ".nginx" / "csp.conf").write_text(
        "# Written by scripts/hooks/headers.py from the built pages; included by deploy/nginx/.\n"
        f'set $content_security_policy "{csp}";\n', encoding="utf-8")
    add_meta(site, as_text(directives, skip={"frame-ancestors"}))
