"""The site's quality tools, shared by tests/browser/test_quality.py and
scripts/bench.py: axe-core and Lighthouse, the npm packages pinned in
package-lock.json (`make test` installs them with `npm ci`), run against
Debian's Chromium (tests/support/static_server.py serves the site to them); and the
W3C Nu HTML Checker (npm's vnu-jar, pinned there too, run by Debian's Java,
which `make test` installs), for tests/browser/test_html_valid.py.

To try Lighthouse on one address by hand:

    .venv/bin/python -m tests.support.quality http://127.0.0.1:8000/index.html
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS

NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(files: list[Path]) -> list[dict]:
    """The W3C Nu HTML Checker's errors in `files`, all checked by one Java
    process (one per page would start Java 93 times): each a dict with
    `url`, `lastLine`, `message` and `extract`. Warnings are not errors."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        raise RuntimeError("the W3C Nu HTML Checker needs Java and node_modules/vnu-jar: run `make test`, which "
                           "installs Debian's default-jre-headless and the npm packages.")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, check=False)
    try:
        return json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise RuntimeError(f"the Nu HTML Checker failed (exit {result.returncode}): {result.stderr[-2000:]}") from None


def require_node_tools() -> None:
    missing = [str(p.relative_to(ROOT)) for p in (AXE_JS, LIGHTHOUSE) if not p.exists()]
    if missing:
        raise RuntimeError(f"{', '.join(missing)} missing: run `make test` (or `npm ci`), which installs them.")


def with_axe(context) -> None:
    """Every page the Playwright browser context opens gets axe-core as it
    starts: its half a megabyte goes to Chromium once per context, instead of
    through Playwright's driver at every page (a fifth of the axe tests' time)."""
    context.add_init_script(path=str(AXE_JS))


def axe(page) -> list[dict]:
    """Run axe-core in a Playwright page whose context was given it
    (`with_axe`); its violations, each with its nodes."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        raise RuntimeError("axe-core is not in this page: give its browser context `quality.with_axe(context)` "
                           "before opening it (a page under the site's policy refuses an added script)")
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations)",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def lighthouse(url: str, categories=LIGHTHOUSE_CATEGORIES, timeout: int = 240) -> dict:
    """One Lighthouse run with its default mobile settings (a mid-range phone
    on slow 4G, simulated throttling); the full JSON report."""
    require_node_tools()
    command = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
        f"--only-categories={','.join(categories)}", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                            env=dict(os.environ, CHROME_PATH=CHROMIUM))
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def lighthouse_version() -> str:
    return json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text())["version"]


def scores(report: dict) -> dict[str, int | None]:
    """Category scores out of 100, as Lighthouse shows them."""
    return {key: None if c["score"] is None else round(c["score"] * 100)
            for key, c in report["categories"].items()}


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, with what they found."""
    audits = report["audits"]
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            line = f"{ref['id']} ({audit['score']}): {audit['title']}"
            if audit.get("displayValue"):
                line += f" — {audit['displayValue']}"
            items = (audit.get("details") or {}).get("items") or []
            for item in items[:5]:
                node = item.get("node") or {}
                what = node.get("snippet") or item.get("url") or item.get("source") or item.get("description")
                if what:
                    line += f"\n    {str(what)[:200]}"
            lines.append(line)
    return lines


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    found = lighthouse(sys.argv[1])
    print(scores(found))
    for name in found["categories"]:
        for problem in failed_audits(found, name):
            print(f"[{name}] {problem}")
