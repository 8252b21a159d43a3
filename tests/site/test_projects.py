"""The projects page: while no published source names the projects that the
agreement charges the centre with, a sentence says so and that they will be
listed as they are published (no «0 of 19» count); once docs/data/projects.yml
lists some, a table; the centre's own programmes and dated activities are
shown apart, never counted among the projects."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.support import ROOT
from moussalaha.content.data import SiteData
from moussalaha.content.render import jinja_environment

PAGES = {"ar": "projects.html", "fr": "fr/projects.html", "en": "en/projects.html"}


@pytest.mark.parametrize("lang", PAGES)
def test_pending_projects_are_announced_without_a_count_of_none(site, data, lang):
    tree = site.page(PAGES[lang])
    article = tree.css_first("article")
    text = article.text().replace("\u00a0", " ")
    assert tree.css_first("[data-named]") is None
    pending = getattr(data.ui["projects_pending"], lang).replace("{n}", str(data.announced))
    if data.projects:
        assert len(tree.css("table.mc-projects tbody tr")) == len(data.projects)
    else:
        assert pending in text
        assert tree.css_first("table.mc-projects") is None


@pytest.mark.parametrize("lang", PAGES)
def test_other_programmes_and_activities_are_apart_from_the_projects(site, data, lang):
    tree = site.page(PAGES[lang])
    listed = [li.text().replace("\u00a0", " ") for li in tree.css("h2#other-programmes ~ ul li")]
    for programme in data.other_programmes:
        assert any(getattr(programme.about, lang) in text for text in listed)
    activities = tree.css_first("h2#activities")
    assert activities is not None
    for event in data.activities:
        assert any(getattr(event.text, lang) in text for text in listed)


def test_a_published_project_appears_in_the_table():
    """Rendered from the component with one project, as an editor would add it."""
    data = SiteData(ROOT / "docs" / "data")
    context = data.localised("fr") | {"lang": "fr"}
    context["projects"] = [{
        "id": "example", "name": "Projet d'exemple", "level": data.levels[0].id,
        "partners": ["dgapr", "rabita"], "status": "under-way", "sources": ["founding-agreement"],
    }]
    html = jinja_environment("fr", ROOT / "overrides" / "components").get_template("projects.html").render(context)
    tree = LexborHTMLParser(html)
    row = tree.css_first("table.mc-projects tbody tr#project-example")
    cells = [c.text(strip=True) for c in row.css("th, td")]
    assert cells[0] == "Projet d'exemple"
    assert cells[1] == data.levels[0].name.fr
    names = {i.id: i.name.fr for i in data.institutions}
    assert cells[2] == data.ui["comma"].fr.join([names["dgapr"], names["rabita"]])
    assert cells[3] == data.ui["status_under-way"].fr
    assert row.css_first("a").attributes["href"] == "sources.html#founding-agreement"
    assert data.ui["projects_pending"].fr.split("{n}")[0] not in html
