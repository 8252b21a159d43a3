"""What a page says about itself to search engines and to the apps it is
shared in: the document <title>, Open Graph (og:*, article:*) and Twitter
card tags, computed from plain values so that one template can print them.

The site's name is never repeated: it is the whole <title> of the home
page, it is left off a title that already holds it, and og:title is the
page's own title (og:site_name carries the name).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Mapping

from moussalaha import languages

# Each language's Open Graph locale (language_TERRITORY) is in its record
# (languages.py).
SEPARATOR = " - "


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    width: int
    height: int
    alt: str  # in the page's language
    type: str = "image/png"


def _absolute(url: str, what: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"{what} {url!r} is relative — Open Graph needs a full address (set site_url)")
    return url


def document_title(title: str, site_name: str) -> str:
    """`Title - Site`, or the site's name alone on the home page, or the
    title alone when it already names the site."""
    title, site_name = " ".join(title.split()), " ".join(site_name.split())
    if not title or title == site_name:
        return site_name
    if site_name in title:
        return title
    return f"{title}{SEPARATOR}{site_name}"


def tags(
    *,
    title: str,
    description: str,
    lang: str,
    url: str,
    site_name: str,
    image: Image,
    alternates: Mapping[str, str] | None = None,
    published: dt.date | None = None,
    modified: dt.date | None = None,
) -> list[tuple[str, str, str]]:
    """The <meta> tags of a page as (attribute, name, content) triples, in
    the order they are printed: ("property", "og:title", "…").

    `alternates` maps each language the page also exists in to its
    address; `published` makes the page an article (a news item).
    """
    language = languages.get(lang)
    description = " ".join(description.split())
    if not description:
        raise ValueError(f"{url}: the page has no description — add `description:` to its front matter")
    og = [
        ("og:type", "article" if published else "website"),
        ("og:site_name", site_name),
        ("og:title", " ".join(title.split()) or site_name),
        ("og:description", description),
        ("og:url", _absolute(url, "the page's address")),
        ("og:locale", language.og_locale),
    ]
    for other in sorted(alternates or {}):
        if other != lang:
            og.append(("og:locale:alternate", languages.get(other).og_locale))
    og += [
        ("og:image", _absolute(image.url, "the preview image's address")),
        ("og:image:type", image.type),
        ("og:image:width", str(image.width)),
        ("og:image:height", str(image.height)),
        ("og:image:alt", image.alt),
    ]
    if published:
        og.append(("article:published_time", published.isoformat()))
        if modified and modified != published:
            og.append(("article:modified_time", modified.isoformat()))
    twitter = [("twitter:card", "summary_large_image"), ("twitter:image:alt", image.alt)]
    return [("property", k, v) for k, v in og] + [("name", k, v) for k, v in twitter]


def html(triples: list[tuple[str, str, str]]) -> str:
    """The tags as HTML, one a line, every value escaped."""
    return "\n".join(f'<meta {a}="{escape(n)}" content="{escape(v)}">' for a, n, v in triples)
