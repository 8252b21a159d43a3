"""Run the hostile corpus: apply each fixture of tests/hostile/ to a fresh
copy of the project, then run the editors' check and the build on it.

    .venv/bin/python -m tests.hostile.run                 # every fixture, check and build
    .venv/bin/python -m tests.hostile.run --check-only    # faster: `site.py check --no-build` only
    .venv/bin/python -m tests.hostile.run html-iframe yaml-alias-bomb

A fixture passes when every step refuses it (exits non-zero) with a message
that names the fixture's file (and line, when given) and holds each
`contains` text, when nothing of `not_in_site` reaches the built site, and
when no template wrote the marker file. Prints one line per fixture and
exits non-zero if any attack got through.

The fixtures' format, and what each step does: tests/support/hostile.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tests.support import hostile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="fixtures to run (file names without .yml); default: all")
    parser.add_argument("--check-only", action="store_true", help="run `site.py check --no-build` only")
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="hostile-") as temporary:
        temporary = Path(temporary)
        clean = hostile.pristine(temporary)
        (temporary / "outside.txt").write_text(f"{hostile.SECRET}\n", encoding="utf-8")
        for name, fixture in hostile.fixtures(args.names).items():
            problems = hostile.attempt(name, fixture, clean, temporary, args.check_only)
            failures += bool(problems)
            print(f"{'REFUSED' if not problems else 'THROUGH'}  {name}: {'; '.join(problems) or 'ok'}", flush=True)
    print(f"\n{failures} attack(s) got through.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
