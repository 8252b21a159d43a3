"""What a page says when it is shared, found and followed, and the files
that go with it, from plain values (no MkDocs):

- head(): for overrides/partials/sharing.html, the page's <title> with the
  site's name once, Open Graph and Twitter tags (opengraph.py), JSON-LD
  (structured_data.py: the centre on the home pages, a NewsArticle on a
  news article, a breadcrumb elsewhere) and its language's feed;
- write_images(): each page's preview image (social_image.py) at
  assets/social/<page>.png, each distinct image rendered once per process
  (`mkdocs serve` renders again only the titles that changed) and kept
  between builds (moussalaha/stored.py);
- write_feeds(): feed.xml at each language's root (feeds.py), its items
  from news_items(), the one function that knows where the news are;
- write_robots(): robots.txt naming every language's sitemap (robots.py).

moussalaha/build.py calls the last three once every language is built.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, NamedTuple

from markupsafe import Markup

from moussalaha import stored
from moussalaha.content import news
from moussalaha.languages import LANGUAGES, folder
from moussalaha.output.alternates import public_url
from moussalaha.sharing import feeds, opengraph, robots, social_image, structured_data

IMAGE_FOLDER = "assets/social/"
FEED = "feed.xml"
# The page whose feed it is: news.md and its translations (news.html).
NEWS_PAGE = "news.html"


class ImageRequest(NamedTuple):
    """Everything a preview image's bytes depend on, besides the code and fonts."""

    title: str
    site_name: str
    lang: str


@dataclass(frozen=True)
class FeedPage:
    """The news page of one language, which the feed mirrors."""

    lang: str
    url: str  # absolute
    title: str
    description: str
    site_name: str


@dataclass(frozen=True)
class Article:
    """A news article's own facts, for og:type article and its JSON-LD."""

    published: dt.date


def image_path(page_url: str) -> str:
    """The preview image of the page at `page_url` (fr/centre.html →
    assets/social/fr/centre.png), from the site's root."""
    return IMAGE_FOLDER + page_url.removesuffix(".html") + ".png"


def feed_url(site_url: str | None, lang: str) -> str:
    return public_url(site_url, folder(lang) + FEED)


def head(
    *,
    lang: str,
    title: str,
    description: str,
    page_url: str,
    site_url: str | None,
    site_names: Mapping[str, str],
    alternates: Mapping[str, str],
    founding_date: dt.date,
    founders: list[str],
    article: Article | None = None,
    dataset: dict | None = None,
    section: tuple[str, str] | None = None,
) -> dict:
    """What overrides/partials/sharing.html prints for one page: `title`
    (text, for <title>), `meta`, `jsonld` and `feed` (HTML, escaped here).

    `page_url` is the page's address in the site (fr/centre.html), `site_names`
    the centre's name in each language, `alternates` the page's address in
    each language it exists in, `section` the (title, address in the site)
    of the page an article belongs to (the news page). `trail` is the path
    from the home page to this one, (name, address in the site) pairs, which
    the page shows (overrides/partials/breadcrumb.html) and its
    BreadcrumbList states; none on the home page. `dataset`, the Dataset the page describes
    (structured_data.dataset), if any.
    """
    site_name = site_names[lang]
    url = public_url(site_url, page_url)
    home = public_url(site_url, folder(lang))
    is_home = page_url == folder(lang) + "index.html"
    image = opengraph.Image(public_url(site_url, image_path(page_url)), social_image.WIDTH, social_image.HEIGHT,
                       alt=site_name if title == site_name else f"{title} — {site_name}")
    published = article.published if article else None
    tags = opengraph.tags(title=title, description=description, lang=lang, url=url, site_name=site_name,
                     image=image, alternates=alternates, published=published)
    trail = [] if is_home else [(site_name, folder(lang) + "index.html"), *([section] if section else []),
                                (title, page_url)]
    blocks = []
    if is_home:
        blocks.append(structured_data.organization(lang=lang, names=dict(site_names), site_url=public_url(site_url, ""),
                                                   url=home, founding_date=founding_date, founders=founders))
    elif article:
        blocks.append(structured_data.news_article(
            lang=lang, headline=title, description=description, published=article.published, url=url,
            image_url=image.url, image_width=image.width, image_height=image.height,
            publisher_name=site_name, site_url=public_url(site_url, "")))
    if trail:
        blocks.append(structured_data.breadcrumbs([(name, public_url(site_url, address)) for name, address in trail]))
    return {
        "title": opengraph.document_title(title, site_name),
        "meta": Markup(opengraph.html(tags)),
        "jsonld": Markup("\n".join(structured_data.script(block) for block in [*blocks, *([dataset] if dataset else [])])),
        "feed": feed_url(site_url, lang),
        "trail": trail,
    }


# Preview images kept between builds (moussalaha/stored.py): 93 images,
# about 3 MB a version of the site.
STORE_KIND, STORE_LIMIT = "images", 20 * 1024 * 1024


def image_store(project: Path) -> stored.Store:
    return stored.Store.of(project, STORE_KIND, STORE_LIMIT)


def image_name(request: ImageRequest) -> str:
    """An image's name among those kept: the hash of its request and of what draws it."""
    return f"{stored.key(request, social_image.renderer())}.png"


def check_title(request: ImageRequest, _rendered: Mapping[ImageRequest, bytes], kept: stored.Store | None) -> None:
    """Raise ValueError if the title does not fit its preview image, as a
    page is built, so that the page can be named (rather than at the end of
    the build, where the layout is cached for its drawing); an image drawn
    before, by this process or an earlier build, fits."""
    if request not in _rendered and not (kept and kept.has(image_name(request))):
        social_image.layout_title(request.title, request.lang)


def write_images(site: Path, requests: Mapping[str, ImageRequest], _rendered: dict[ImageRequest, bytes],
                 kept: stored.Store | None = None) -> int:
    """Each image of `requests` ({path in the site: request}) into `site`;
    returns how many had to be rendered: not already in `_rendered` (the
    build's images by what they depend on: a rebuild under `mkdocs serve`
    renders only the titles that changed) nor in `kept` (those of earlier
    builds, under the hash of their request and of what draws them)."""
    missing = sorted({request for request in requests.values() if request not in _rendered})
    names = {request: image_name(request) for request in missing} if kept else {}
    for request in list(names):
        png = kept.read(names[request])
        if png is not None:
            _rendered[request] = png
            missing.remove(request)
    # On every core: Pillow lets go of Python's lock while it encodes an
    # image, never in its FreeType module (src/_imagingft.c), so that a font
    # is never used by two threads at once. 93 images on two cores: 0.5 s
    # instead of 0.95 s, while Pagefind indexes.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for request, png in zip(missing, pool.map(lambda request: social_image.render(*request), missing)):
            _rendered[request] = png
            if kept:
                kept.write(names[request], png)
    for path, request in sorted(requests.items()):
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_rendered[request])
    # Forget the titles no page has any more (a long editing session).
    for request in set(_rendered) - set(requests.values()):
        del _rendered[request]
    return len(missing)


def news_items(lang: str, docs: Path, site_url: str | None, collect=news.collect) -> list[feeds.NewsItem]:
    """The articles of docs/news/ written in `lang` (an untranslated one is
    left out of that language's feed), each its own page, newest first."""
    return [feeds.NewsItem(a.title, a.lead, a.date, public_url(site_url, folder(lang) + a.url), lang)
            for a in collect(docs, lang) if a.lang == lang]


def write_feeds(site: Path, pages: Mapping[str, FeedPage], docs: Path, site_url: str | None,
                collect=news.collect) -> None:
    """feed.xml at the root of each language that has a news page."""
    for lang, page in sorted(pages.items()):
        xml = feeds.atom(news_items(lang, docs, site_url, collect), lang=lang, feed_url=feed_url(site_url, lang),
                         page_url=page.url, title=opengraph.document_title(page.title, page.site_name),
                         subtitle=page.description, author=page.site_name,
                         home_url=public_url(site_url, folder(lang)),
                         # The mark (moussalaha/output/mark.py writes both at the site's root).
                         icon_url=public_url(site_url, "favicon.ico"), logo_url=public_url(site_url, "apple-touch-icon.png"))
        (site / folder(lang) / FEED).write_bytes(xml)


def write_robots(site: Path, site_url: str | None) -> None:
    sitemaps = [public_url(site_url, folder(lang) + "sitemap.xml") for lang in LANGUAGES]
    (site / "robots.txt").write_text(robots.robots_txt(sitemaps), encoding="utf-8")
