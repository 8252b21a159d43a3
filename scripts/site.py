"""The editors' tool (check, status, new-page, new-news, stamp): see moussalaha/cli.py.

    .venv/bin/python scripts/site.py check
    .venv/bin/python scripts/site.py --help

It works on the project this file belongs to, wherever it is started from.
"""

import sys
from pathlib import Path

from moussalaha.cli import main

if __name__ == "__main__":
    sys.exit(main(folder=Path(__file__).resolve().parents[1]))
