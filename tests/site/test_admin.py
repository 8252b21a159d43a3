"""The web editor in the built site (/admin/, moussalaha/output/admin.py): its
files copied from npm, nothing asked of another host, its own policy, and
out of the search index, the sitemaps and the feeds."""

from __future__ import annotations

import re

import yaml

from moussalaha.output import admin, policy


def test_the_editor_is_built_from_the_npm_package_and_asks_no_other_host(site):
    folder = site.directory / "admin"
    script = (folder / "sveltia-cms.js").read_text(encoding="utf-8")
    # The four addresses it fetches as published now point into /admin/.
    for address in (*admin.FONTS, admin.PACKAGE_ADDRESS + "@", admin.GITHUB_STATUS, "cdn.jsdelivr.net"):
        assert address not in script, address
    for _, name in admin.FONTS.values():
        assert f"fonts/{name}" in script and (folder / "fonts" / name).stat().st_size > 10_000
    assert "=`locales`" in script
    for locale in admin.LOCALES:
        assert (folder / "locales" / f"{locale}.json").is_file()
    assert not any(folder.rglob("*.map")), "no source maps"
    config = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    assert config["publish_mode"] == "editorial_workflow"
    assert config["i18n"]["default_locale"] == "ar" and config["i18n"]["omit_default_locale_from_file_path"]


def test_the_editor_page_has_its_own_policy_and_is_not_indexed(site):
    page = site.page("admin/index.html")
    assert page.css_first('meta[name="robots"]').attributes["content"] == "noindex, nofollow"
    metas = page.css('meta[http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1, "the public pages' policy must not be added to the editor's page"
    csp = metas[0].attributes["content"]
    assert csp == admin.policy_text(skip={"frame-ancestors"})
    assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    # Held to the pages' rule: no inline script, style or handler.
    assert policy.foreign_inline((site.directory / "admin/index.html").read_text(encoding="utf-8"), frozenset()) == []
    headers = (site.directory / "_headers").read_text(encoding="utf-8")
    block = headers.split("/admin/*\n", 1)[1].split("\n\n", 1)[0]
    assert block.splitlines() == ["  ! Content-Security-Policy", f"  Content-Security-Policy: {admin.policy_text()}",
                                  "  X-Robots-Tag: noindex, nofollow"]


def test_the_editor_is_in_no_sitemap_search_index_or_feed(site):
    for path in [*site.directory.rglob("sitemap.xml"), *site.directory.rglob("feed.xml")]:
        assert "admin" not in path.read_text(encoding="utf-8"), path
    indexed = [p for p in site.directory.rglob("pagefind*/**/*") if p.is_file()]
    assert indexed
    assert not any(re.search(rb"admin/", p.read_bytes()) for p in indexed if p.suffix in (".json", ".js"))
    assert "admin" not in (site.directory / "robots.txt").read_text(encoding="utf-8")
