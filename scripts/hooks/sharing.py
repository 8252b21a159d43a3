"""MkDocs hook (prototype, to port onto the house layout): what a page says
when it is shared, found and followed. Thin: the rules are in moussalaha/.

- Each page: the <title> without the site's name twice, Open Graph and
  Twitter tags (moussalaha/meta.py), its preview image written to
  assets/social/<page>.png (moussalaha/social_image.py), JSON-LD
  (moussalaha/structured_data.py), and a link to its language's feed;
  given to overrides/main.html as `sharing`.
- Once every language is built: feed.xml at each language's root
  (moussalaha/feeds.py) and robots.txt (moussalaha/robots.py).

Listed under `hooks:` in mkdocs.yml, after multilingual.py (it reads the
`alternates` that hook gives the page).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # until the package is installed into .venv
    sys.path.insert(0, str(ROOT))

from mkdocs.plugins import event_priority  # noqa: E402

import sitedata  # noqa: E402
from facts import load_site_data  # noqa: E402
from moussalaha import feeds, meta, robots, social_image, structured_data  # noqa: E402
from multilingual import i18n_plugin, public_url  # noqa: E402

# Per language, what its feed needs, gathered while its pages are built.
_feeds: dict[str, dict] = {}
_site_names: dict[str, str] = {}


def _root(lang: str) -> str:
    return "" if lang == sitedata.DEFAULT_LANGUAGE else f"{lang}/"


def on_config(config):
    """Each language's build carries its own site name: keep them all."""
    plugin = i18n_plugin(config)
    lang = plugin.current_language if plugin and plugin.current_language else sitedata.DEFAULT_LANGUAGE
    _site_names[lang] = config.site_name
    for language in plugin.config.languages if plugin else []:
        if language.site_name:
            _site_names[language.locale] = language.site_name
    return config


def on_page_context(context, page, config, nav):
    lang = getattr(page.file, "locale", sitedata.DEFAULT_LANGUAGE)
    site_name = config.site_name
    title = (page.meta.get("title") or page.title or site_name) if page.meta is not None else site_name
    description = page.meta.get("description") or config.site_description or site_name
    url = public_url(config, page.file.url)
    image_path = "assets/social/" + page.file.dest_uri.removesuffix(".html") + ".png"
    image = meta.Image(public_url(config, image_path), social_image.WIDTH, social_image.HEIGHT,
                       alt=title if title == site_name else f"{title} — {site_name}")
    alternates = {link["lang"]: link["href"] for link in context.get("alternates") or []}
    data = load_site_data()
    home = public_url(config, _root(lang))
    if page.file.src_uri.split(".")[0] == "index":
        names = {other: _site_names[other] for other in sitedata.LANGUAGES if other in _site_names}
        jsonld = [structured_data.organization(
            lang=lang, names=names, site_url=config.site_url, url=home, founding_date=data.agreement.date,
            founders=[getattr(i.name, lang) for i in data.institutions])]
    else:
        jsonld = [structured_data.breadcrumbs([(site_name, home), (title, url)])]
    feed_url = public_url(config, _root(lang) + "feed.xml")
    context["sharing"] = {
        "title": meta.document_title(title, site_name),
        "meta": meta.html(meta.tags(title=title, description=description, lang=lang, url=url,
                                    site_name=site_name, image=image, alternates=alternates)),
        "jsonld": [structured_data.script(block) for block in jsonld],
        "feed": feed_url,
    }
    target = Path(config.site_dir) / image_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(social_image.render(title, site_name, lang))
    if page.file.src_uri.split(".")[0] == "news":
        _feeds[lang] = {"feed_url": feed_url, "page_url": url, "title": meta.document_title(title, site_name),
                        "subtitle": description, "author": site_name, "home_url": home}
    return context


@event_priority(-110)  # after the i18n plugin has built every language
def on_post_build(config):
    plugin = i18n_plugin(config)
    if plugin is not None and plugin.building:
        return
    site = Path(config.site_dir)
    data = load_site_data()
    for lang, info in sorted(_feeds.items()):
        items = [feeds.NewsItem(getattr(n.title, lang), getattr(n.summary, lang), n.date,
                                f"{info['page_url']}#{n.id}", lang) for n in data.news]
        (site / _root(lang) / "feed.xml").write_bytes(feeds.atom(items, lang=lang, **info))
    sitemaps = [public_url(config, _root(lang) + "sitemap.xml") for lang in sitedata.LANGUAGES]
    (site / "robots.txt").write_text(robots.robots_txt(sitemaps), encoding="utf-8")
