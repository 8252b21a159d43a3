"""Atom feeds (RFC 4287) of the news, one per language, written by the
`feedgen` library (lxml underneath), never by string templates.

Every date comes from the news items themselves, the feed's <updated>
included, so two builds of the same sources give the same bytes. The feed
carries xml:lang; Arabic summaries are XHTML with dir="rtl" (Atom has no
direction attribute of its own), and an Arabic title that does not start
with an Arabic letter is led by a RIGHT-TO-LEFT MARK, which is how plain
text states its direction (Unicode UAX #9) for readers that guess it from
the first strong letter.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from html import escape
from typing import Iterable

from feedgen.feed import FeedGenerator

from moussalaha import languages

RLM = "\u200f"
ATOM_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class NewsItem:
    """One news item in one language, as the feed needs it."""

    title: str
    lead: str
    date: dt.date
    url: str  # absolute address of the item's page
    lang: str


def plain_text(text: str, lang: str) -> str:
    """The text with its direction made explicit when a reader guessing
    from the first strong character would get it wrong."""
    text = " ".join(text.split())
    if not languages.get(lang).rtl:
        return text
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            return text
        if bidi == "L":
            return RLM + text
    return text


def _moment(day: dt.date) -> dt.datetime:
    # The data holds days, not times: midnight UTC of that day, always.
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def atom(
    items: Iterable[NewsItem],
    *,
    lang: str,
    feed_url: str,
    page_url: str,
    title: str,
    subtitle: str,
    author: str,
    home_url: str,
    icon_url: str | None = None,
    logo_url: str | None = None,
) -> bytes:
    """The Atom feed of `lang`: the items in that language only, newest first.

    `feed_url` is the feed's own absolute address (its id and rel=self),
    `page_url` the news page it mirrors, `author` the centre's name in
    that language and `home_url` its home page; `icon_url` and `logo_url`
    the centre's mark, small and large, which feed readers show beside it.
    """
    news = sorted((i for i in items if i.lang == lang), key=lambda i: (i.date, i.url), reverse=True)
    if not news:
        raise ValueError(f"no news item in {lang!r}: a feed needs at least one (its date is the feed's)")
    for item in news:
        if not item.url.startswith(("https://", "http://")):
            raise ValueError(f"{item.url!r}: a feed links to absolute addresses — pass the page's full URL")

    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(plain_text(title, lang))
    feed.subtitle(plain_text(subtitle, lang))
    feed.language(lang)
    feed.author({"name": plain_text(author, lang), "uri": home_url})
    feed.link(href=feed_url, rel="self", type=ATOM_TYPE)
    feed.link(href=page_url, rel="alternate", type="text/html", hreflang=lang)
    if icon_url:
        feed.icon(icon_url)
    if logo_url:
        feed.logo(logo_url)
    feed.updated(_moment(news[0].date))
    for item in news:
        entry = feed.add_entry(order="append")
        entry.id(item.url)
        entry.title(plain_text(item.title, lang))
        # feedgen 1.0.0 writes an entry's link with its href only (its issue
        # #135): still valid Atom, as rel defaults to "alternate".
        entry.link(href=item.url, rel="alternate", type="text/html", hreflang=lang)
        entry.published(_moment(item.date))
        entry.updated(_moment(item.date))
        lead = " ".join(item.lead.split())
        if languages.get(lang).rtl:
            entry.summary(f'<p dir="rtl" lang="{escape(lang)}">{escape(lead, quote=False)}</p>', type="xhtml")
        else:
            entry.summary(lead, type="text")
    return feed.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
