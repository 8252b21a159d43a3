"""Structured data (JSON-LD, schema.org): the centre as a
GovernmentOrganization on the home page, a NewsArticle on each news page, a
BreadcrumbList below the home page.

JSON-LD is a data block (`<script type="application/ld+json">`), never
executed: the Content-Security-Policy hashes only executable scripts
(moussalaha/output/policy.py reads the type), so these blocks need no hash
and must get none. Text from pages is escaped so that no title can close
the block (`</script>`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Mapping, Sequence

CONTEXT = "https://schema.org"


def _absolute(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"{url!r} is relative — structured data needs full addresses (set site_url)")
    return url


def organization_id(site_url: str) -> str:
    """One identifier for the centre, the same on every page and language."""
    return _absolute(site_url).rstrip("/") + "/#organization"


def organization(
    *,
    lang: str,
    names: Mapping[str, str],
    site_url: str,
    url: str,
    founding_date: dt.date,
    founders: Sequence[str],
    logo_url: str | None = None,
) -> dict:
    """The centre: its name in the page's language, its other names tagged
    with their languages, its founding date and founding institutions
    (named in the page's language)."""
    node = {
        "@context": CONTEXT,
        "@type": "GovernmentOrganization",
        "@id": organization_id(site_url),
        "name": names[lang],
        "alternateName": [{"@value": names[other], "@language": other} for other in names if other != lang],
        "url": _absolute(url),
        "foundingDate": founding_date.isoformat(),
        "founder": [{"@type": "Organization", "name": name} for name in founders],
    }
    if logo_url:
        node["logo"] = _absolute(logo_url)
    return node


def _centre_reference(name: str, site_url: str) -> dict:
    """The centre, as the author or publisher of what a page describes: the
    home page's GovernmentOrganization, by its @id."""
    return {"@type": "GovernmentOrganization", "@id": organization_id(site_url), "name": name,
            "url": _absolute(site_url)}


def news_article(
    *,
    lang: str,
    headline: str,
    description: str,
    published: dt.date,
    url: str,
    image_url: str,
    image_width: int,
    image_height: int,
    publisher_name: str,
    site_url: str,
    modified: dt.date | None = None,
) -> dict:
    """A news item's page. The centre publishes it and is named as its
    author: the site does not name the people who write its news."""
    centre = _centre_reference(publisher_name, site_url)
    return {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": " ".join(headline.split()),
        "description": " ".join(description.split()),
        "inLanguage": lang,
        "url": _absolute(url),
        "mainEntityOfPage": _absolute(url),
        "datePublished": published.isoformat(),
        "dateModified": (modified or published).isoformat(),
        "image": {"@type": "ImageObject", "url": _absolute(image_url),
                  "width": image_width, "height": image_height},
        "author": centre,
        "publisher": centre,
    }


def dataset(
    *,
    lang: str,
    name: str,
    description: str,
    url: str,
    site_url: str,
    publisher_name: str,
    temporal: str,
    modified: dt.date,
    downloads: Sequence[tuple[str, str, str | None]],
    license_url: str | None = None,
    license_text: str | None = None,
) -> dict:
    """Figures the centre publishes as files: `downloads` are (address,
    media type, language or None). A licence only once the centre states
    one (docs/data/open_data.yml, `reuse:`): none is assumed."""
    centre = _centre_reference(publisher_name, site_url)
    node = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": " ".join(name.split()),
        "description": " ".join(description.split()),
        "inLanguage": lang,
        "url": _absolute(url),
        "creator": centre,
        "publisher": centre,
        "temporalCoverage": temporal,
        "dateModified": modified.isoformat(),
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": _absolute(address)}
            | ({"inLanguage": language} if language else {})
            for address, media_type, language in downloads
        ],
    }
    if license_url:
        node["license"] = _absolute(license_url)
    elif license_text:
        node["license"] = {"@type": "CreativeWork", "text": license_text}
    return node


def breadcrumbs(trail: Sequence[tuple[str, str]]) -> dict:
    """The path from the home page to this one, as (name, address) pairs."""
    if len(trail) < 2:
        raise ValueError("a breadcrumb trail needs the home page and at least one page below it")
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": _absolute(url)}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def script(data: dict) -> str:
    """The JSON-LD block for a page's <head>. `<`, `>` and `&` are written
    as JSON escapes, which no HTML parser reads as markup."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'
