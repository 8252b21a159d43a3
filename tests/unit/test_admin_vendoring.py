"""moussalaha/output/admin.py: the CMS's CDN addresses are rewritten to files of
the site, and a CMS that loads them otherwise stops the build."""

from __future__ import annotations

import json

import pytest

from moussalaha.output import admin
from moussalaha.problems import SiteError

SCRIPT = ("let a=`https://unpkg.com/@sveltia/cms`,v=`1`,L=`${a}@${v}/locales`,S=`https://www.githubstatus.com/api/"
          "v2/status.json`;" + "".join(f"url({address})" for address in admin.FONTS))


def fake_package(root, script: str, version: str = "9.9.9"):
    dist = root / admin.PACKAGE / "dist"
    dist.mkdir(parents=True)
    (dist / admin.SCRIPT).write_text(script, encoding="utf-8")
    (root / admin.PACKAGE / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    return root


def test_every_cdn_address_points_into_admin(tmp_path):
    text = admin.vendored_script(fake_package(tmp_path, SCRIPT))
    assert "https://" not in text
    assert "L=`locales`" in text and "a=`.`" in text and "S=``" in text
    assert all(f"url(fonts/{name})" in text for _, name in admin.FONTS.values())


@pytest.mark.parametrize("missing", [next(iter(admin.FONTS)), "/locales`", "https://www.githubstatus.com"])
def test_a_cms_that_loads_them_otherwise_stops_the_build(tmp_path, missing):
    changed = SCRIPT.replace(missing, "https://elsewhere.example/x")
    with pytest.raises(SiteError) as refused:
        admin.vendored_script(fake_package(tmp_path, changed, "9.9.8"))
    assert "9.9.8" in str(refused.value) and "moussalaha/output/admin.py" in str(refused.value)
