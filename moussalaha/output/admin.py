"""The web editor at /admin/: Sveltia CMS, copied from the npm package
(pinned in package.json, installed by `make`, never committed), with its
configuration generated from the data's schema (moussalaha/output/cms.py), its
own Content-Security-Policy and no request to any other host.

As published, Sveltia CMS fetches four things from CDNs at run time: its
three fonts (the interface's Source Sans 3, Noto Mono, and the Material
Symbols its icons are drawn with) from cdn.jsdelivr.net, and its
interface strings in any language but English from unpkg.com. The build
copies the same files from npm (the fontsource packages of the versions
its addresses name; its own locales/) into /admin/ and rewrites the four
addresses in its script to them. Each rewrite must match: a new version
that loads them otherwise stops the build here, rather than shipping an
editor that calls a CDN (which its policy would block anyway).

What else the script can ask another host for is blocked by the policy
below and unused by this configuration: syntax highlighting and map
widgets (unpkg.com), stock photos, machine translation, cloud media.

Written by build.finish after the public pages' policy (policy.write
never touches admin/: ADMIN_FOLDER), so that /admin/ carries its own.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

from moussalaha import stored
from moussalaha.output import cms
from moussalaha.problems import SiteError

ADMIN_FOLDER = "admin"
PACKAGE = Path("node_modules/@sveltia/cms")
SCRIPT = "sveltia-cms.js"
# The interface's languages: Arabic first (the default, admin/arabic.js),
# French; English is built into the script.
LOCALES = ("ar", "fr")
# {address in the script: (npm file it is a copy of, its name under admin/fonts/)}
FONTS = {
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        ("@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
         "material-symbols-outlined.woff2"),
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        ("@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2", "source-sans-3.woff2"),
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2":
        ("@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2", "noto-mono.woff2"),
}
# Where the script fetches its interface strings: `${base}@${version}/locales`,
# base being https://unpkg.com/@sveltia/cms (minified names vary by version).
LOCALE_BASE = re.compile(r"(?P<name>\w+)=`\$\{\w+\}@\$\{\w+\}/locales`")
# The package's own address, for its update check (`…/package.json`: the
# copy in admin/ says the same version, so none is offered) and a link to
# its schema in a console message.
PACKAGE_ADDRESS = "https://unpkg.com/@sveltia/cms"
# GitHub's status page, read to warn of an outage: not asked (the editor
# then says nothing about GitHub's status).
GITHUB_STATUS = "https://www.githubstatus.com/api/v2/status.json"
INSTALL = "run `make node_modules/.installed` (npm ci installs the editor pinned by package-lock.json)"

# The editor's policy: the narrowest that lets it work. Every source beyond
# 'self' is a relaxation, named and explained here.
POLICY = {
    "default-src": "'none'",
    # Its one script file; no inline script, no eval.
    "script-src": "'self'",
    # RELAXATION 'unsafe-inline': Svelte components add their <style>
    # elements and style="" attributes as they render; without it the
    # interface is unstyled. Styles cannot run code.
    "style-src": "'self' 'unsafe-inline'",
    # RELAXATION https://api.github.com: the repository host's API, through
    # which a signed-in editor reads the files and opens pull requests.
    # RELAXATION data:: the editor reads its own logo, a data: address, with
    # fetch(); nothing leaves the browser.
    "connect-src": "'self' data: https://api.github.com",
    # RELAXATION data: blob:: the icons of its bundled components are data:
    # images; an image chosen for a page is shown from a blob: before it is
    # committed. RELAXATION https://avatars.githubusercontent.com: the
    # signed-in editor's picture, which GitHub's API gives as an address there.
    "img-src": "'self' data: blob: https://avatars.githubusercontent.com",
    # The fonts, copied from npm into admin/fonts/.
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
    "frame-ancestors": "'none'",
}
# Neither indexed nor followed: the editor is not a page of the site.
ROBOTS = "noindex, nofollow"


def policy_text(skip=()) -> str:
    return "; ".join(f"{name} {value}" for name, value in POLICY.items() if name not in skip)


def node_modules(root: Path) -> Path:
    """The project's node_modules, or, for a copy of the project without
    one (the tests' fixtures), that of the checkout this package runs from."""
    for project in (root, Path(__file__).resolve().parents[2]):
        if (project / PACKAGE / "dist" / SCRIPT).is_file():
            return project / "node_modules"
    return root / "node_modules"


def package_folder(root: Path) -> Path:
    folder = node_modules(root).parent / PACKAGE
    if not (folder / "dist" / SCRIPT).is_file():
        raise SiteError(f"{PACKAGE}/dist/{SCRIPT} is missing: the web editor (/admin/) is copied from it — {INSTALL}.")
    return folder


def version(root: Path) -> str:
    return json.loads((package_folder(root) / "package.json").read_text(encoding="utf-8"))["version"]


# The rewritten script kept between builds (moussalaha/stored.py): 2 MB a version.
STORE_KIND, STORE_LIMIT = "editor", 10 * 1024 * 1024


def store(project: Path) -> stored.Store:
    return stored.Store.of(project, STORE_KIND, STORE_LIMIT)


def vendored_script(root: Path, kept: stored.Store | None = None) -> str:
    """The CMS's script with its CDN addresses pointing into /admin/ (made
    once per installed version: the preview rebuilds on every save), kept
    between builds in `kept` under the hash of the script and of this code."""
    script = package_folder(root) / "dist" / SCRIPT
    if not kept:
        return _vendored(script, script.stat().st_mtime_ns, version(root))
    name = f"{stored.key(script.read_bytes(), stored.source_digest(__file__))}.js"
    text = kept.read(name)
    if text is None:
        text = _vendored(script, script.stat().st_mtime_ns, version(root)).encode()
        kept.write(name, text)
    return text.decode()


@lru_cache(maxsize=2)
def _vendored(script: Path, mtime: int, installed: str) -> str:
    text = script.read_text(encoding="utf-8")
    for address, (_, name) in FONTS.items():
        if text.count(address) != 1:
            raise SiteError(f"{PACKAGE}/dist/{SCRIPT} {installed} no longer loads the font {address}: "
                            "update FONTS in moussalaha/output/admin.py to the addresses it uses (and package.json's "
                            "fontsource packages to their versions).")
        text = text.replace(address, f"fonts/{name}")
    found = LOCALE_BASE.findall(text)
    if len(found) != 1:
        raise SiteError(f"{PACKAGE}/dist/{SCRIPT} {installed}: where it fetches its interface strings "
                        "(`…@…/locales` on unpkg.com) was not found once: update LOCALE_BASE in moussalaha/output/admin.py.")
    # Relative to the page (admin/index.html): admin/locales/ar.json.
    text = LOCALE_BASE.sub(lambda m: f"{m['name']}=`locales`", text)
    for address, local in ((PACKAGE_ADDRESS, "."), (GITHUB_STATUS, "")):
        if text.count(f"`{address}`") != 1:
            raise SiteError(f"{PACKAGE}/dist/{SCRIPT} {installed} no longer names {address} once: update "
                            "moussalaha/output/admin.py (what it asks that address for must stay on the site).")
        text = text.replace(f"`{address}`", f"`{local}`")
    return text


def index_html(site_name: str) -> str:
    """admin/index.html: no inline script or style (its policy allows none)."""
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy_text(skip={'frame-ancestors'}))}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="{ROBOTS}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(site_name)} · تحرير الموقع</title>
<link rel="cms-config-url" href="config.yml" type="text/yaml">
<script src="arabic.js"></script>
<script src="{SCRIPT}"></script>
</head>
<body></body>
</html>
"""


# Arabic for an editor who never chose a language in the editor's settings
# (Sveltia CMS reads only its own saved preference, and the browser's).
ARABIC_DEFAULT = """// The web editor in Arabic unless its user chose another language in its settings.
(function () {
  var key = "sveltia-cms.prefs";
  try {
    var prefs = JSON.parse(localStorage.getItem(key) || "{}");
    if (!prefs.locale) {
      prefs.locale = "ar";
      localStorage.setItem(key, JSON.stringify(prefs));
    }
  } catch (error) {
    // Storage refused (a private window's settings): the browser's language decides.
  }
})();
"""


def write(site: Path, root: Path, site_name: str, site_url: str | None = None,
          kept: stored.Store | None = None) -> list[str]:
    """The editor into site/admin/; returns its files, relative to the site.
    Its page is held to the same rule as the site's (policy.foreign_inline,
    with no inline script allowed at all): its policy has no 'unsafe-inline'
    for scripts either."""
    from moussalaha.output import (
        policy,  # policy imports this module for the editor's headers
    )

    page = index_html(site_name)
    foreign = policy.foreign_inline(page, frozenset())
    if foreign:
        raise SiteError(f"{ADMIN_FOLDER}/index.html would carry {'; '.join(foreign)}: moussalaha/output/admin.py must load "
                        "the editor from files only.")
    package = package_folder(root)
    admin = site / ADMIN_FOLDER
    if admin.exists():
        shutil.rmtree(admin)
    (admin / "fonts").mkdir(parents=True)
    (admin / "locales").mkdir()
    (admin / SCRIPT).write_text(vendored_script(root, kept), encoding="utf-8")
    for npm_file, name in FONTS.values():
        shutil.copyfile(node_modules(root) / npm_file, admin / "fonts" / name)
        # Each font's licence (OFL 1.1) travels with it, as the licence asks.
        font_package = npm_file.split("/files/")[0]
        shutil.copyfile(node_modules(root) / font_package / "LICENSE",
                        admin / "fonts" / f"{Path(name).stem}-LICENSE.txt")
    shutil.copyfile(package / "LICENSE.txt", admin / "LICENSE.txt")  # the CMS's (MIT)
    for locale in LOCALES:
        shutil.copyfile(package / "locales" / f"{locale}.json", admin / "locales" / f"{locale}.json")
    (admin / "package.json").write_text(json.dumps({"version": version(root)}) + "\n", encoding="utf-8")
    (admin / "arabic.js").write_text(ARABIC_DEFAULT, encoding="utf-8")
    (admin / "index.html").write_text(page, encoding="utf-8")
    (admin / "config.yml").write_text(cms.config_yaml(root, site_url), encoding="utf-8")
    return sorted(p.relative_to(site).as_posix() for p in admin.rglob("*") if p.is_file())
