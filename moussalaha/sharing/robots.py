"""robots.txt: every crawler may read everything, and is told where the
sitemaps are (one per language folder; the root one lists every page).

Crawlers read robots.txt only at the root of a host: on a site served
under a sub-path the file is written all the same and simply ignored.
"""

from __future__ import annotations

from typing import Sequence


def robots_txt(sitemaps: Sequence[str]) -> str:
    """The file's text; `sitemaps` are absolute addresses (RFC 9309 and the
    sitemaps protocol both require it)."""
    for url in sitemaps:
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"sitemap address {url!r} is relative — robots.txt needs full addresses (set site_url)")
    lines = ["User-agent: *", "Disallow:", ""]
    lines += [f"Sitemap: {url}" for url in sitemaps]
    return "\n".join(lines) + "\n"
