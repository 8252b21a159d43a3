"""The JSON-LD: it parses back out of its <script> block, holds the
required fields, and uses only schema.org terms on types that have them."""

import datetime as dt
import json

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from moussalaha.sharing.structured_data import (
    breadcrumbs,
    dataset,
    news_article,
    organization,
    script,
)

pytestmark = pytest.mark.unit

SITE = "https://centre.example/"
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}
FOUNDERS = ["DGAPR", "Rabita Mohammadia of Ulema", "National Human Rights Council",
            "Mohammed VI Foundation for the Reintegration of Prisoners", "Ministry of Economy and Finance"]

# The schema.org terms the site uses: each type with its ancestors, and
# each property with the types it belongs to (checked against schema.org
# release 30.0, schemaorg-current-https-properties.csv).
ANCESTORS = {
    "GovernmentOrganization": {"GovernmentOrganization", "Organization", "Thing"},
    "Organization": {"Organization", "Thing"},
    "NewsArticle": {"NewsArticle", "Article", "CreativeWork", "Thing"},
    "ImageObject": {"ImageObject", "MediaObject", "CreativeWork", "Thing"},
    "BreadcrumbList": {"BreadcrumbList", "ItemList", "Intangible", "Thing"},
    "ListItem": {"ListItem", "Intangible", "Thing"},
    "Dataset": {"Dataset", "CreativeWork", "Thing"},
    "DataDownload": {"DataDownload", "MediaObject", "CreativeWork", "Thing"},
    "CreativeWork": {"CreativeWork", "Thing"},
}
DOMAINS = {
    "name": {"Thing"}, "alternateName": {"Thing"}, "url": {"Thing"}, "description": {"Thing"},
    "foundingDate": {"Organization"}, "founder": {"Organization"}, "logo": {"Organization"},
    "headline": {"CreativeWork"}, "inLanguage": {"CreativeWork"}, "mainEntityOfPage": {"Thing"},
    "datePublished": {"CreativeWork"}, "dateModified": {"CreativeWork"}, "image": {"Thing"},
    "author": {"CreativeWork"}, "publisher": {"CreativeWork"},
    "width": {"MediaObject"}, "height": {"MediaObject"},
    "itemListElement": {"ItemList"}, "position": {"ListItem"}, "item": {"ListItem"},
    "creator": {"CreativeWork"}, "temporalCoverage": {"CreativeWork"}, "isAccessibleForFree": {"CreativeWork"},
    "distribution": {"Dataset"}, "encodingFormat": {"MediaObject"}, "contentUrl": {"MediaObject"},
    "license": {"CreativeWork"}, "text": {"CreativeWork"},
}


def check_vocabulary(node):
    if isinstance(node, list):
        for value in node:
            check_vocabulary(value)
        return
    if not isinstance(node, dict) or "@value" in node:
        return
    kind = node.get("@type")
    assert kind in ANCESTORS, f"unknown type {kind}"
    for key, value in node.items():
        if key.startswith("@"):
            continue
        assert key in DOMAINS, f"{key} is not a schema.org property the site knows"
        assert DOMAINS[key] & ANCESTORS[kind], f"{key} does not apply to {kind}"
        check_vocabulary(value)


def parsed(data):
    """The JSON-LD as a browser or crawler reads it back from the page."""
    tree = HTMLParser(f"<html><head>{script(data)}</head></html>")
    (block,) = tree.css('script[type="application/ld+json"]')
    return json.loads(block.text())


@pytest.mark.parametrize("lang", NAMES)
def test_organization(lang):
    data = parsed(organization(lang=lang, names=NAMES, site_url=SITE, url=SITE, founding_date=dt.date(2023, 11, 2),
                               founders=FOUNDERS))
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentOrganization"
    assert data["name"] == NAMES[lang]
    assert {(n["@language"], n["@value"]) for n in data["alternateName"]} == {
        (k, v) for k, v in NAMES.items() if k != lang}
    assert data["foundingDate"] == "2023-11-02" and data["url"] == SITE
    assert [f["name"] for f in data["founder"]] == FOUNDERS
    assert data["@id"] == SITE + "#organization"
    check_vocabulary(data)


def test_news_article():
    data = parsed(news_article(
        lang="ar", headline="وفد قضائي أوروبي يزور مركز مصالحة", description="زار المركز وفد…",
        published=dt.date(2025, 12, 10), url=SITE + "news/visit.html", image_url=SITE + "news/visit.png",
        image_width=1200, image_height=630, publisher_name=NAMES["ar"], site_url=SITE))
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "ar"
    assert data["datePublished"] == data["dateModified"] == "2025-12-10"
    assert data["image"]["width"] == 1200 and data["image"]["url"].startswith(SITE)
    assert data["publisher"]["@id"] == SITE + "#organization" and data["publisher"]["name"] == NAMES["ar"]
    check_vocabulary(data)


def test_breadcrumbs():
    data = parsed(breadcrumbs([(NAMES["en"], SITE + "en/"), ("News", SITE + "en/news.html"),
                               ("A visit", SITE + "en/news/visit.html")]))
    assert [i["position"] for i in data["itemListElement"]] == [1, 2, 3]
    assert data["itemListElement"][-1]["item"] == SITE + "en/news/visit.html"
    check_vocabulary(data)


def _dataset(**terms):
    return parsed(dataset(
        lang="fr", name="Chiffres du programme", description="Les chiffres cumulés…", url=SITE + "fr/programme.html",
        site_url=SITE, publisher_name=NAMES["fr"], temporal="2022-04-28/2025-09-19", modified=dt.date(2025, 9, 19),
        downloads=[(SITE + "data/p-fr.csv", "text/csv", "fr"), (SITE + "data/p.json", "application/json", None)],
        **terms))


def test_dataset_claims_no_licence_until_one_is_given():
    data = _dataset()
    assert data["@type"] == "Dataset" and "license" not in data
    assert data["creator"]["@id"] == SITE + "#organization"
    assert [(d["encodingFormat"], d.get("inLanguage")) for d in data["distribution"]] == [
        ("text/csv", "fr"), ("application/json", None)]
    check_vocabulary(data)
    assert _dataset(license_url="https://licence.example/2.0/")["license"] == "https://licence.example/2.0/"
    given = _dataset(license_text="Réutilisation libre, avec mention de la source.")
    assert given["license"]["text"].startswith("Réutilisation") and given["license"]["@type"] == "CreativeWork"
    check_vocabulary(given)
    with pytest.raises(ValueError, match="relative"):
        _dataset(license_url="licence.html")


def test_a_title_cannot_close_the_script_block():
    data = breadcrumbs([("</script><script>alert(1)</script>", SITE), ("A & B", SITE + "x.html")])
    block = script(data)
    assert "</script>" not in block[:-len("</script>")] and "<script>alert" not in block
    assert parsed(data)["itemListElement"][0]["name"] == "</script><script>alert(1)</script>"


def test_relative_address_is_refused():
    with pytest.raises(ValueError, match="relative"):
        breadcrumbs([("Home", "/"), ("News", "news.html")])


def test_vocabulary_check_can_fail():
    with pytest.raises(AssertionError):
        check_vocabulary({"@type": "BreadcrumbList", "foundingDate": "2023-11-02"})
