"""Build the site N times in a row and report the builds that failed, or
that wrote different bytes from the first: a failure that happens one build
in fifteen shows here, not in one build.

    .venv/bin/python -m scripts.stress_build            # 50 builds
    .venv/bin/python -m scripts.stress_build -n 10

Each build is a clean `mkdocs build --strict` into its own temporary
folder, with SOURCE_DATE_EPOCH fixed, as CI builds. Exits with status 1 if
any build failed or differed.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

from tests.support import build_site


def fingerprint(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--builds", type=int, default=50, help="how many builds (default 50)")
    args = parser.parse_args()
    first: dict[str, str] | None = None
    failed, differed, seconds = [], [], []
    for number in range(1, args.builds + 1):
        with tempfile.TemporaryDirectory(prefix="moussalaha-stress-") as folder:
            site = Path(folder) / "site"
            start = time.perf_counter()
            result = build_site(site, SOURCE_DATE_EPOCH="1700000000")
            seconds.append(time.perf_counter() - start)
            if result.returncode != 0:
                failed.append(number)
                last = "\n    ".join(result.stderr.strip().splitlines()[-6:])
                print(f"build {number}: FAILED in {seconds[-1]:.1f} s\n    {last}", flush=True)
                continue
            files = fingerprint(site)
            if first is None:
                first = files
            changed = sorted(name for name in first.keys() | files.keys() if first.get(name) != files.get(name))
            if changed:
                differed.append(number)
                print(f"build {number}: differs from the first in {len(changed)} file(s): {', '.join(changed[:5])}",
                      flush=True)
            else:
                print(f"build {number}: ok in {seconds[-1]:.1f} s", flush=True)
    print(f"\n{args.builds} builds: {len(failed)} failed {failed or ''}, {len(differed)} differed {differed or ''}; "
          f"{min(seconds):.1f} to {max(seconds):.1f} s each.")
    return 1 if failed or differed else 0


if __name__ == "__main__":
    sys.exit(main())
