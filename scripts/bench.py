"""Benchmark: this site beside the stock mkdocs-material build of the same pages.

What it does, in order:
1. builds this site, and a stock build of the same Markdown (a mkdocs.yml as
   a new user writes it: the material theme in Arabic with its defaults —
   Google Fonts, palette, JavaScript, the search plugin — and the same
   pages through mkdocs-static-i18n; this site's plugin, with facts_only,
   renders the data into the pages, as it must for the content to exist), each from clean, in
   turn BUILDS times, timed (median wall-clock and processor time; this
   site's production build must take at most BUILD_LIMIT times the stock's,
   its dossiers add at most DOSSIER_LIMIT; builds(): the four ways);
2. serves both on 127.0.0.1, compressed as a production server does
   (brotli, or gzip; tests/support/static_server.py);
3. runs Lighthouse (mobile preset: a mid-range phone on slow 4G, simulated
   throttling) RUNS times on each page of LIGHTHOUSE_PAGES in the three
   languages, on both builds in turn, and keeps the median of each figure;
4. weighs the first visit of every page of both builds in Chromium (phone
   window, empty cache): every byte received, headers included, fonts
   included, and the compressed size of the page's HTML;
5. prints one table, and writes the figures as JSON
   (test-results/bench.json, or --json PATH).

The stock build's pages ask Google Fonts for Roboto: this machine has no
network, so those requests fail; they are listed, and their bytes (which a
visitor online would download on top) are not counted.

Run (several minutes on two cores; Lighthouse is slow):

    make bench
    .venv/bin/python -m scripts.bench --runs 3
    .venv/bin/python -m scripts.bench --runs 1 --only ar   # a quick look
    .venv/bin/python -m scripts.bench --builds-only        # the build times alone
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from moussalaha import languages
from moussalaha.languages import LANGUAGES
from tests.support import ROOT, quality
from tests.support.browser import launch
from tests.support.static_server import serve

LANGS = LANGUAGES
# The home page, the longest page (the programme: its chart and its table),
# a news article.
LIGHTHOUSE_PAGES = ("", "programme.html", "news/2024-02-19-13th-edition-closes-14th-opens.html")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
# The first visit of any page, compressed, fonts included: Arabic pages
# carry the Arabic face; French and English pages none.
FIRST_LOAD_LIMITS = {"ar": 80 * 1024, "fr": 40 * 1024, "en": 40 * 1024}
HTML_LIMIT = 30 * 1024
# A production build of this site against the stock build of the same pages.
BUILD_LIMIT = 1.5
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's own tags: `!ENV [NAME, default]` gives the default."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def stock_config(site_url: str, custom_dir: Path | None = None) -> dict:
    """A mkdocs.yml for the same pages with the theme's defaults. Pages that
    name a layout of this site's (`template: home.html`) get the theme's
    own page layout under that name, from `custom_dir`."""
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {
        "site_name": ours["site_name"],
        "site_description": ours.get("site_description"),
        "site_url": site_url,
        "docs_dir": str(ROOT / "docs"),
        "exclude_docs": ours.get("exclude_docs", ""),
        "theme": {"name": "material", "language": "ar", **({"custom_dir": str(custom_dir)} if custom_dir else {})},
        "plugins": ["search", {"i18n": i18n},
                    {"moussalaha": {"facts_only": True, "components": str(ROOT / "overrides" / "components")}}],
        "nav": ours["nav"],
        "markdown_extensions": ours["markdown_extensions"],
    }


def build(command: list[str], cwd: Path, site_url: str, variables: dict[str, str] | None = None) -> dict[str, float]:
    """Run a clean build: its wall-clock time and the processor time it used
    (the build and its child processes), in seconds."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1", **(variables or {}))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"build failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": seconds, "cpu": cpu}


# A production build without its dossiers (moussalaha/sharing/dossier.py),
# for the dossiers' share of the build's time: their process is not started.
WITHOUT_DOSSIERS = ("from moussalaha.build import Build; Build.start_dossiers = lambda self: None; "
                    "from mkdocs.__main__ import cli; cli()")
# The dossiers may add at most this share of the build's time.
DOSSIER_LIMIT = 0.25


def builds(site_dir: Path, site_url: str, stock_dir: Path, stock_url: str, temp: Path, runs: int) -> dict:
    """Clean builds of this site and of the stock build, in turn, so that all
    share the machine's ups and downs; the median of each. This site is
    built four ways: as published (taking what earlier builds kept,
    moussalaha/stored.py, after one build that fills it for this address),
    with nothing kept (MOUSSALAHA_CACHE=off: after a change to every
    page), without its dossiers, and with its dossiers rendered afresh
    (MOUSSALAHA_DOSSIER_CACHE=off: after a change to what they hold)."""
    config = temp / "stock.yml"
    layouts = temp / "stock-layouts"
    layouts.mkdir(exist_ok=True)
    for template in sorted({p.name for p in (ROOT / "overrides").glob("*.html")} - {"main.html", "404.html"}):
        (layouts / template).write_text('{% extends "main.html" %}\n', encoding="utf-8")
    config.write_text(yaml.safe_dump(stock_config(stock_url, layouts), allow_unicode=True), encoding="utf-8")
    mkdocs_build = ["mkdocs", "build", "--strict", "--site-dir"]
    commands = {
        "site": ([sys.executable, "-m", *mkdocs_build, str(site_dir)], ROOT, site_url, {}),
        "nothing kept": ([sys.executable, "-m", *mkdocs_build, str(temp / "afresh")], ROOT, site_url,
                         {"MOUSSALAHA_CACHE": "off"}),
        "without dossiers": ([sys.executable, "-c", WITHOUT_DOSSIERS, *mkdocs_build[1:], str(temp / "without")],
                             ROOT, site_url, {}),
        "dossiers afresh": ([sys.executable, "-m", *mkdocs_build, str(temp / "dossiers")], ROOT, site_url,
                            {"MOUSSALAHA_DOSSIER_CACHE": "off"}),
        "stock": ([sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(stock_dir)],
                  temp, stock_url, {}),
    }
    build(*commands["site"])  # fills what is kept for this address; not counted
    times: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(build(*command))
    return {name: {kind: statistics.median(t[kind] for t in runs_) for kind in ("wall", "cpu")}
            for name, runs_ in times.items()}


def site_pages(directory: Path) -> list[str]:
    """Every page of this site's build (file addresses: centre.html) that
    visitors read: not the web editor (admin/, for the centre's editors)."""
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*.html")
                  if p.name != "404.html" and not {"assets", "pagefind"} & set(p.parts)
                  and p.relative_to(directory).parts[0] != "admin")


def stock_path(path: str) -> str:
    """The stock build's address of a page: folders (centre/), the theme's default."""
    if path.endswith("index.html"):
        return path[: -len("index.html")]
    return path[: -len(".html")] + "/" if path.endswith(".html") else path


def public(path: str) -> str:
    """index.html is its folder."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def weigh(browser, url: str) -> dict:
    """A first visit on a phone: every response's bytes, as received."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    finished, failed = [], []
    page.on("requestfinished", lambda r: finished.append(r))
    page.on("requestfailed", lambda r: failed.append(r.url))
    response = page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    kinds: dict[str, int] = {}
    total = 0
    for request in finished:
        if request.url.startswith("data:"):
            continue
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        kind = request.resource_type
        kinds[kind] = kinds.get(kind, 0) + size
    html = int(response.headers.get("content-length", 0))
    context.close()
    return {"total": total, "html": html, "by_type": kinds, "requests": len(finished), "failed": sorted(set(failed))}


def lighthouse_figures(url: str) -> dict:
    report = quality.lighthouse(url)
    figures = quality.scores(report)
    for audit, name in METRICS.items():
        figures[name] = report["audits"][audit]["numericValue"]
    figures["bytes"] = report["audits"]["total-byte-weight"]["numericValue"]
    return figures


def median(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def kb(size: float) -> str:
    return f"{size / 1024:.1f}"


def build_ratio(results: dict) -> float:
    return results["builds"]["site"]["wall"] / results["builds"]["stock"]["wall"]


def dossier_share(results: dict, variant: str = "site") -> float:
    """What the dossiers add to the build's time (wall clock)."""
    return results["builds"][variant]["wall"] / results["builds"]["without dossiers"]["wall"] - 1


def build_report(results: dict) -> str:
    times = results["builds"]
    site, stock, afresh = times["site"], times["stock"], times["nothing kept"]
    return (f"Clean build, median: this site {site['wall']:.1f} s ({site['cpu']:.1f} s of processor time), "
            f"stock {stock['wall']:.1f} s ({stock['cpu']:.1f} s): {build_ratio(results):.2f}× "
            f"(processor time {site['cpu'] / stock['cpu']:.2f}×; limit {BUILD_LIMIT:g}×). "
            f"With nothing kept from earlier builds: {afresh['wall']:.1f} s ({afresh['wall'] / stock['wall']:.2f}×).\n"
            f"The dossiers: {dossier_share(results):+.0%} of the build's time as published "
            f"({times['without dossiers']['wall']:.1f} s without them; limit {DOSSIER_LIMIT:+.0%}), "
            f"{dossier_share(results, 'dossiers afresh'):+.0%} when they are rendered afresh "
            f"({times['dossiers afresh']['wall']:.1f} s, after a change to what they hold).")


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and build (median kept)")
    parser.add_argument("--only", choices=LANGS, help="Lighthouse on this language's pages only")
    parser.add_argument("--builds", type=int, default=3, help="clean builds of each, in turn (median kept)")
    parser.add_argument("--builds-only", action="store_true", help="time the builds only (no Lighthouse, no weights)")
    parser.add_argument("--json", type=Path, default=ROOT / "test-results" / "bench.json")
    args = parser.parse_args()
    if not args.builds_only:
        quality.require_node_tools()
    from playwright.sync_api import sync_playwright

    results: dict = {"runs": args.runs, "builds": {}, "lighthouse": {}, "weight": {}}
    with tempfile.TemporaryDirectory(prefix="moussalaha-bench-") as temp:
        temp = Path(temp)
        servers = {}
        for name in ("site", "stock"):
            (temp / name).mkdir()
            servers[name] = serve(temp / name)
        site_dir, site_url = temp / "site", servers["site"][1]
        stock_dir, stock_url = temp / "stock", servers["stock"][1]

        print(f"Building this site (four ways) and the stock build (clean, {args.builds} of each, in turn)…",
              file=sys.stderr)
        results["builds"] = builds(site_dir, site_url, stock_dir, stock_url, temp, args.builds)
        if args.builds_only:
            for server, _url in servers.values():
                server.shutdown()
            print(build_report(results))
            print(verdicts(build_checks(results)))
            return

        pages = site_pages(site_dir)
        print(f"Weighing the first visit of {len(pages)} pages, both builds…", file=sys.stderr)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for path in pages:
                results["weight"][path] = {"site": weigh(browser, site_url + public(path)),
                                           "stock": weigh(browser, stock_url + stock_path(path))}
            browser.close()

        langs = [args.only] if args.only else LANGS
        targets = [("" if lang == "ar" else f"{lang}/") + page for lang in langs for page in LIGHTHOUSE_PAGES]
        print(f"Lighthouse: {len(targets)} pages × {args.runs} runs × 2 builds…", file=sys.stderr)
        for path in targets:
            runs = {"site": [], "stock": []}
            for _ in range(args.runs):  # in turn, so that both share the machine's ups and downs
                runs["site"].append(lighthouse_figures(site_url + path))
                runs["stock"].append(lighthouse_figures(stock_url + stock_path(path or "index.html")))
            results["lighthouse"][path or "index.html"] = {name: median(r) for name, r in runs.items()}
            print(f"  {path or '/'} done", file=sys.stderr)
        for name, (server, _url) in servers.items():
            server.shutdown()

    report(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nFigures as JSON: {args.json}")


def report(results: dict) -> None:
    runs = results["runs"]
    print(f"\nLighthouse {quality.lighthouse_version()}, mobile preset, median of {runs} run(s): "
          "performance / accessibility / best practices / SEO, then FCP, LCP (s), TBT (ms), CLS")
    rows = [["page", "this site", "FCP", "LCP", "TBT", "CLS", "stock", "FCP", "LCP", "TBT", "CLS"]]
    for path, both in results["lighthouse"].items():
        row = [path]
        for name in ("site", "stock"):
            f = both[name]
            row += [" / ".join(str(round(f[c])) for c in quality.LIGHTHOUSE_CATEGORIES),
                    f"{f['FCP'] / 1000:.2f}", f"{f['LCP'] / 1000:.2f}", f"{f['TBT']:.0f}", f"{f['CLS']:.3f}"]
        rows.append(row)
    print(table(rows))

    print("\nFirst visit on a phone, as received (brotli), headers and fonts included, KB; "
          "HTML = the page's compressed HTML")
    rows = [["page", "this site", "HTML", "requests", "stock", "HTML", "requests", "stock: failed offline"]]
    for path, both in results["weight"].items():
        s, k = both["site"], both["stock"]
        rows.append([path, kb(s["total"]), kb(s["html"]), str(s["requests"]),
                     kb(k["total"]), kb(k["html"]), str(k["requests"]), str(len(k["failed"]))])
    print(table(rows))

    weights = results["weight"].values()
    worst = {name: (max(w[name]["total"] for w in weights), max(w[name]["html"] for w in weights)) for name in ("site", "stock")}
    heaviest = {lang: max(w["site"]["total"] for path, w in results["weight"].items() if languages.of_path(path) == lang)
                for lang in LANGS}
    failed = sorted({u for w in weights for u in w["stock"]["failed"]})
    print(f"\nLargest first visit: this site {kb(worst['site'][0])} KB, stock {kb(worst['stock'][0])} KB "
          f"({', '.join(f'{lang} {kb(heaviest[lang])} KB, limit {kb(FIRST_LOAD_LIMITS[lang])}' for lang in LANGS)}); "
          f"largest HTML: this site {kb(worst['site'][1])} KB, "
          f"stock {kb(worst['stock'][1])} KB (limit {kb(HTML_LIMIT)}).")
    if failed:
        hosts = sorted({urlsplit(u).netloc for u in failed})
        print(f"Stock pages ask for what this offline machine cannot fetch (not counted above): {', '.join(hosts)}")
    print(build_report(results))

    lighthouse = results["lighthouse"].values()
    checks = {
        "accessibility, best practices, SEO 100 on every page listed":
            all(round(b["site"][c]) == 100 for b in lighthouse for c in ("accessibility", "best-practices", "seo")),
        "performance 100 on every page listed": all(round(b["site"]["performance"]) == 100 for b in lighthouse),
        "first visit within 80 KB (Arabic) and 40 KB (French, English) on every page":
            all(heaviest[lang] <= FIRST_LOAD_LIMITS[lang] for lang in LANGS),
        "HTML under 30 KB on every page": worst["site"][1] < HTML_LIMIT,
        **build_checks(results),
    }
    print("\n" + verdicts(checks))


def build_checks(results: dict) -> dict[str, bool]:
    return {
        f"production build at most {BUILD_LIMIT:g}× the stock build": build_ratio(results) <= BUILD_LIMIT,
        f"the dossiers add at most {DOSSIER_LIMIT:.0%} to the build's time": dossier_share(results) <= DOSSIER_LIMIT,
    }


def verdicts(checks: dict[str, bool]) -> str:
    return "\n".join(f"{'met' if ok else 'NOT MET'}: {what}" for what, ok in checks.items())


if __name__ == "__main__":
    main()
