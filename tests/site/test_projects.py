"""The projects page: the count of projects published by name against the
number the agreement sets, an empty-state sentence while none is named, a
table once docs/data/projects.yml lists some, and the centre's other
programmes shown apart, never counted among the projects."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import ROOT
from moussalaha.data import SiteData
from moussalaha.render import jinja_environment

PAGES = {"ar": "projects.html", "fr": "fr/projects.html", "en": "en/projects.html"}


@pytest.mark.parametrize("lang", PAGES)
def test_count_and_empty_state_follow_the_data(site, data, lang):
    tree = site.page(PAGES[lang])
    count = tree.css_first(".mc-projects-count [data-named]")
    assert int(count.attributes["data-named"]) == len(data.projects)
    assert int(count.attributes["data-announced"]) == data.announced
    assert count.text(strip=True) == (getattr(data.ui["projects_count"], lang)
                                      .replace("{n}", str(len(data.projects)))
                                      .replace("{total}", str(data.announced)))
    empty = getattr(data.ui["projects_none"], lang)
    if data.projects:
        assert len(tree.css("table.mc-projects tbody tr")) == len(data.projects)
    else:
        assert empty in tree.css_first("article").text()
        assert tree.css_first("table.mc-projects") is None


@pytest.mark.parametrize("lang", PAGES)
def test_other_programmes_are_apart_from_the_projects(site, data, lang):
    tree = site.page(PAGES[lang])
    heading = tree.css_first("h2#other-programmes")
    assert heading is not None and str(data.announced) in heading.text()
    listed = [li.text() for li in tree.css("h2#other-programmes ~ ul li")]
    for programme in data.other_programmes:
        assert any(getattr(programme.about, lang) in text for text in listed)


def test_a_published_project_appears_in_the_table():
    """Rendered from the component with one project, as an editor would add it."""
    data = SiteData(ROOT / "docs" / "data")
    context = data.localised("fr") | {"lang": "fr"}
    context["projects"] = [{
        "id": "example", "name": "Projet d'exemple", "level": data.levels[0].id,
        "partners": ["dgapr", "rabita"], "status": "under-way", "sources": ["seed-001"],
    }]
    html = jinja_environment("fr", ROOT / "overrides" / "components").get_template("projects.html").render(context)
    tree = LexborHTMLParser(html)
    assert tree.css_first("[data-named]").text(strip=True) == f"1 sur {data.announced}"
    row = tree.css_first("table.mc-projects tbody tr#project-example")
    cells = [c.text(strip=True) for c in row.css("th, td")]
    assert cells[0] == "Projet d'exemple"
    assert cells[1] == data.levels[0].name.fr
    names = {i.id: i.name.fr for i in data.institutions}
    assert cells[2] == data.ui["comma"].fr.join([names["dgapr"], names["rabita"]])
    assert cells[3] == data.ui["status_under-way"].fr
    assert row.css_first("a").attributes["href"] == "sources.html#seed-001"
    assert data.ui["projects_none"].fr not in html
