"""The site's facts, in docs/data/: their schema (data/schema.py), their
loading with the line of every problem (data/load.py) and the checks of
the ids one file gives another (data/references.py). Callers use the
package: `data.FILES`, `data.SiteData`, `data.load`. Validate the data
alone with:

    .venv/bin/python -m moussalaha.content.data
"""

from pydantic import BaseModel  # noqa: F401  (data.BaseModel: what every model is)

from moussalaha.content.data.load import DataError, SiteData, load, load_file  # noqa: F401
from moussalaha.content.data.schema import *  # noqa: F401,F403
from moussalaha.content.data.schema import FILES  # noqa: F401
