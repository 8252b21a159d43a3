"""The official websites the site may name as a partner's: the maintainers'
list, outside docs/ (which anyone may change in a pull request; this file
only a maintainer, .github/CODEOWNERS). A look-alike domain
(`www.cndh-ma.org`) in `docs/data/institutions.yml` would show in every
page's footer and on the partners page as the institution's own site.

To add a partner's site, check it against a government or the institution's
own publication, then add its host here in the same pull request as the data.
"""

from __future__ import annotations

from urllib.parse import urlsplit

OFFICIAL_HOSTS = frozenset({
    "www.arrabita.ma",        # Rabita Mohammadia des oulémas
    "www.cndh.ma",            # Conseil national des droits de l'Homme
    "www.fm6reinsertion.ma",  # Fondation Mohammed VI pour la réinsertion des détenus
    "www.finances.gov.ma",    # Ministère de l'Économie et des Finances
})


def unknown_host(address: str) -> str | None:
    """The host of `address` when it is not one of the official ones, else None."""
    host = (urlsplit(address).hostname or "").lower()
    return None if host in OFFICIAL_HOSTS else host
