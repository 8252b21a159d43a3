"""`python -m moussalaha.content.data`: validate docs/data/ alone."""

import sys
from pathlib import Path

from moussalaha.content.data.load import DataError, SiteData

try:
    site_data = SiteData(Path("docs/data"))
except DataError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
print(f"{len(site_data.sources)} sources, {len(site_data.institutions)} institutions, "
      f"{len(site_data.milestones)} milestones: all valid.")
