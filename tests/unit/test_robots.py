"""robots.txt allows every crawler and names each language's sitemap."""

import urllib.robotparser

import pytest

from moussalaha.sharing.robots import robots_txt

pytestmark = pytest.mark.unit

SITEMAPS = ["https://centre.example/sitemap.xml", "https://centre.example/fr/sitemap.xml",
            "https://centre.example/en/sitemap.xml"]


def test_robots_allows_everything_and_lists_the_sitemaps():
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots_txt(SITEMAPS).splitlines())
    assert parser.can_fetch("AnyBot", "https://centre.example/en/news.html")
    assert parser.site_maps() == SITEMAPS


def test_relative_sitemap_is_refused():
    with pytest.raises(ValueError, match="relative"):
        robots_txt(["/sitemap.xml"])
