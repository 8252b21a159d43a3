"""MkDocs hook: what each page says when it is shared, found and followed
(moussalaha/sharing.py), given to overrides/partials/sharing.html as
`sharing`; the page's preview image and, on the news page, its feed are
recorded for the end of the build (moussalaha/build.py writes them).

Listed after multilingual.py in mkdocs.yml: it reads the page's
`alternates` from the context that hook fills.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from moussalaha import build, data, languages, news, open_data, sharing


def on_page_context(context, page, config, nav):
    lang = languages.of_page(page)
    site_names = build.state.site_names
    title = page.meta.get("title") or page.title or site_names[lang]
    description = page.meta.get("description") or config.site_description or site_names[lang]
    docs = Path(config.docs_dir)
    article = section = None
    if news.is_article(page.file.src_uri):
        slug = news.slug_of(page.file.src_uri)
        article = sharing.Article(news.read(docs, slug, lang).date)
        index = next((item for item in nav.pages if item.url == news.index_url(page.url)), None)
        if index is not None:
            section = (index.title, index.url)
    facts = data.load(docs / "data")
    dataset = None
    if page.file.url == languages.folder(lang) + open_data.PAGE:
        dataset = open_data.dataset(facts, lang, config.site_url, page.file.url)
    try:
        context["sharing"] = sharing.head(
            lang=lang, title=title, description=description, page_url=page.file.url, site_url=config.site_url,
            site_names=site_names, alternates={link["lang"]: link["href"] for link in context.get("alternates") or []},
            founding_date=facts.agreement.date, founders=[getattr(i.name, lang) for i in facts.institutions],
            article=article, section=section, dataset=dataset)
    except ValueError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from None
    feed = None
    if page.file.url == languages.folder(lang) + sharing.NEWS_PAGE:
        feed = sharing.FeedPage(lang, context["canonical"], title, description, site_names[lang])
    build.record_sharing((sharing.image_path(page.file.url), sharing.ImageRequest(title, site_names[lang], lang)), feed)
    return context
