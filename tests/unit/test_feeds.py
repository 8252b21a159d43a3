"""The Atom feeds: what RFC 4287 requires of a feed and its entries, read
back by an independent parser (feedparser), one entry per item in the
feed's language only, newest first, reproducible."""

import datetime as dt
import re

import feedparser
import pytest
from lxml import etree

from moussalaha.sharing.feeds import RLM, NewsItem, atom, plain_text

pytestmark = pytest.mark.unit

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
SITE = "https://centre.example/"
ITEMS = [
    NewsItem("المؤتمر الدولي الثاني لمكافحة التطرف العنيف بالرباط", "افتُتحت أشغال المؤتمر…", dt.date(2022, 6, 8),
             SITE + "news/conference-2022.html", "ar"),
    NewsItem("وفد قضائي أوروبي يزور مركز مصالحة", "زار المركز وفد <قضائي> & أوروبي", dt.date(2025, 12, 10),
             SITE + "news/european-delegation-visit.html", "ar"),
    NewsItem("Une délégation judiciaire européenne visite le Centre Moussalaha", "Une délégation…",
             dt.date(2025, 12, 10), SITE + "fr/news/european-delegation-visit.html", "fr"),
    NewsItem("A European judicial delegation visits the Moussalaha Centre", "A delegation…",
             dt.date(2025, 12, 10), SITE + "en/news/european-delegation-visit.html", "en"),
    NewsItem("Second International Conference on Countering Violent Extremism, Rabat", "The conference…",
             dt.date(2022, 6, 8), SITE + "en/news/conference-2022.html", "en"),
]
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}


def feed_of(lang, items=ITEMS):
    root = SITE if lang == "ar" else f"{SITE}{lang}/"
    return atom(items, lang=lang, feed_url=root + "feed.xml", page_url=root + "news.html",
                title=NAMES[lang], subtitle="…", author=NAMES[lang], home_url=root)


def one(parent, name):
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"atom:{parent.tag} must hold exactly one atom:{name}, has {len(found)}"
    return found[0]


@pytest.mark.parametrize("lang", NAMES)
def test_feed_meets_rfc_4287(lang):
    feed = etree.fromstring(feed_of(lang))
    assert feed.tag == ATOM + "feed" and feed.get(XML_LANG) == lang
    for name in ("id", "title", "updated"):
        one(feed, name)
    assert RFC3339.match(one(feed, "updated").text)
    assert one(feed, "author").find(ATOM + "name").text == NAMES[lang]
    links = feed.findall(ATOM + "link")
    assert [link.get("href") for link in links if link.get("rel") == "self"] == [feed.findtext(ATOM + "id")]
    for entry in feed.findall(ATOM + "entry"):
        for name in ("id", "title", "updated", "summary"):
            one(entry, name)
        assert RFC3339.match(one(entry, "updated").text) and RFC3339.match(one(entry, "published").text)
        alternate = [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href") == one(entry, "id").text
        assert alternate[0].get("href").startswith(SITE)


@pytest.mark.parametrize("lang", NAMES)
def test_one_entry_per_item_of_that_language_newest_first(lang):
    parsed = feedparser.parse(feed_of(lang))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    expected = sorted((i for i in ITEMS if i.lang == lang), key=lambda i: i.date, reverse=True)
    assert [e.link for e in parsed.entries] == [i.url for i in expected]
    assert [e.title.lstrip(RLM) for e in parsed.entries] == [i.title for i in expected]
    assert parsed.feed.updated.startswith(expected[0].date.isoformat())
    assert parsed.feed.language == lang


def test_arabic_summary_is_right_to_left_and_escaped():
    parsed = feedparser.parse(feed_of("ar"))
    summary = parsed.entries[0].summary
    assert 'dir="rtl"' in summary and "&lt;قضائي&gt; &amp;" in summary


def test_direction_mark_only_where_the_first_strong_letter_misleads():
    assert plain_text("وفد أوروبي", "ar") == "وفد أوروبي"
    assert plain_text("2022 المؤتمر", "ar") == "2022 المؤتمر"  # digits are weak: Arabic leads
    assert plain_text("ICESCO والمرصد", "ar") == RLM + "ICESCO والمرصد"
    assert plain_text("ICESCO and", "en") == "ICESCO and"


def test_same_items_give_the_same_bytes_whatever_their_order():
    assert feed_of("ar") == feed_of("ar", list(reversed(ITEMS)))


def test_relative_address_is_refused():
    item = NewsItem("t", "l", dt.date(2025, 1, 1), "news/a.html", "en")
    with pytest.raises(ValueError, match="absolute"):
        feed_of("en", [item])


def test_language_without_news_is_refused():
    with pytest.raises(ValueError, match="no news item in 'fr'"):
        feed_of("fr", [i for i in ITEMS if i.lang != "fr"])
