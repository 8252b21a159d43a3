"""Finding one's way and reading on any screen, in Chromium (issue 22):
the main menu on a desktop (mirrored in Arabic, by keyboard, no script
needed), the drawer's groups on a phone, the breadcrumb. Each test loads
few pages and asserts several things on each."""

from __future__ import annotations

import pytest

from conftest import goto

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE_360 = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_main_menu_on_a_desktop_home_page(site, browser, scheme):
    """The Arabic home page at 1366 px: the seven sections in a row from the
    right, the reference group opened by the keyboard, without scripts."""
    context = browser.new_context(**DESKTOP, color_scheme=scheme, java_script_enabled=scheme == "light")
    page = context.new_page()
    goto(page, site.url("index.html"))
    menu = page.locator("nav.mc-primary")
    assert menu.is_visible()
    links = menu.locator(".mc-primary__list > li > a")
    assert links.count() == 7
    boxes = [links.nth(i).bounding_box() for i in range(7)]
    # Mirrored: the first section at the right, each next one to its left, one row.
    assert all(a["x"] > b["x"] for a, b in zip(boxes, boxes[1:])), boxes
    assert len({round(b["y"]) for b in boxes}) == 1 and all(b["height"] >= 44 for b in boxes)
    # The side menu does not repeat it.
    assert not page.locator(".md-sidebar--primary").is_visible()
    sub = menu.locator(".mc-primary__sub a")
    assert not sub.first.is_visible()
    if scheme == "light":
        # By keyboard: focus the group's name, open it with Enter, Tab into it.
        menu.locator("summary").focus()
        page.keyboard.press("Enter")
        assert sub.first.is_visible() and sub.count() == 2
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "sources.html"
    else:
        # Without scripts too (and in the dark): a click opens it.
        menu.locator("summary").click()
        assert sub.first.is_visible()
        colour = page.evaluate("getComputedStyle(document.querySelector('.mc-primary')).backgroundColor")
        assert colour != "rgb(255, 255, 255)", colour
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawer_and_breadcrumb_on_a_phone(site, browser, scheme):
    """A French news article at 360 px: no desktop menu, a breadcrumb on one
    line per crumb (News › the article), the drawer with the reference group
    and the centre's name once."""
    context = browser.new_context(**PHONE_360, color_scheme=scheme)
    page = context.new_page()
    goto(page, site.url("fr/news/2024-02-19-13th-edition-closes-14th-opens.html"))
    assert not page.locator("nav.mc-primary").is_visible()
    crumbs = page.locator("nav.mc-breadcrumb li")
    assert crumbs.count() == 3 and crumbs.nth(1).inner_text() .strip().endswith("Actualités")
    last = crumbs.nth(2).bounding_box()
    assert last["height"] < 30 and last["x"] >= 0 and last["x"] + last["width"] <= 360, last
    page.locator(".mc-menu-button").click()
    drawer = page.locator("nav.md-nav--primary")
    group = drawer.locator(".mc-nav__group")
    group.locator("a").first.wait_for(state="visible")
    assert group.locator("a").count() == 2 and group.locator("a").nth(1).is_visible()
    assert drawer.locator("[aria-current='true']").inner_text().strip() == "Actualités"
    assert drawer.inner_text().count("Centre Moussalaha") == 1
    context.close()
