"""The web editor (/admin/, Sveltia CMS) end to end, in Chromium, as an
editor uses it: the built site's /admin/ (its real script, configuration
and policy), working on a real copy of the repository through the CMS's
*Work with Local Repository* mode.

That mode reads and writes a folder the editor picks with the browser's
directory picker (File System Access API), which a headless browser cannot
show: the test's picker hands the CMS a folder of the browser's private
file system (OPFS) into which the copy's pages and data were written
first, and reads them back into the copy after. Everything in between is
the CMS's own code.

One browser session: creates a news item in the three languages and
changes a programme figure; the files written must be those CONTRIBUTING.md
describes, pass `scripts/site.py check` and show on the built pages. Then a
script and a look-alike character typed into a field: the gate refuses what
the CMS saved, naming the file. Prints its figures (time, files written).
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml
from selectolax.lexbor import LexborHTMLParser

from moussalaha.content import data
from moussalaha.output import cms
from tests.support import ROOT, SCREENSHOTS, build_site

SLUG = "2026-11-20-editor-test-visit"
PICKER = "window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('repo');"
VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""
WRITE = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('repo', {recursive: true}); } catch (e) {}
  const repo = await root.getDirectoryHandle('repo', {create: true});
  await repo.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = repo;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
READ = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (name === '.git') continue;
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else out[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('repo'), '');
  return out;
}"""
NEWS = {
    "ar": {"title": "زيارة وفد للمركز في إطار اختبار المحرر",
           "description": "استقبل المركز وفدا في زيارة عمل، بحسب بلاغ المركز، وهذا نص تجريبي يكتبه المحرر.",
           "body": "# زيارة وفد للمركز في إطار اختبار المحرر { #article }\n\nاستقبل المركز يوم {{ agreement.date | day }} وفدا."},
    "fr": {"title": "Visite d’une délégation au Centre, essai de l’éditeur",
           "description": "Le Centre a reçu une délégation en visite de travail, selon son communiqué ; texte d’essai.",
           "body": "# Visite d’une délégation au Centre, essai de l’éditeur { #article }\n\nLe Centre a reçu le {{ agreement.date | day }} une délégation."},
    "en": {"title": "A delegation visits the Centre, an editor's test",
           "description": "The Centre received a delegation on a working visit, according to its statement; a test text.",
           "body": "# A delegation visits the Centre, an editor's test { #article }\n\nThe Centre received a delegation on {{ agreement.date | day }}."},
}


def copy_of_repository(destination: Path) -> Path:
    """The project's files as git knows them (and their edits), in a new repository."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file() and not name.startswith("tests/"):
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    for command in (["init", "-q", "-b", "main"], ["add", "-A"],
                    ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy"]):
        subprocess.run(["git", *command], cwd=destination, check=True)
    # What `make` installed in a clone: the npm packages the build copies the editor from.
    (destination / "node_modules").symlink_to(ROOT / "node_modules")
    (destination / ".git/info/exclude").write_text("node_modules\n", encoding="utf-8")
    return destination


def editable_files(project: Path) -> dict[str, str]:
    paths = [*project.glob("docs/*.md"), *project.glob("docs/news/*.md"), *project.glob("docs/data/*.yml")]
    return {p.relative_to(project).as_posix(): p.read_text(encoding="utf-8") for p in paths}


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/site.py", *args], cwd=project, capture_output=True, text=True)


def changed(project: Path) -> list[str]:
    status = subprocess.run(["git", "status", "--porcelain", "-uall"], cwd=project, capture_output=True,
                            text=True, check=True).stdout
    return sorted(line[3:] for line in status.splitlines())


def shot(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def save(page) -> None:
    page.get_by_role("button", name="حفظ", exact=True).click()
    page.wait_for_function("() => !document.querySelector('button[aria-disabled=\"false\"].primary')"
                           " || document.body.innerText.includes('تم')", timeout=15000)
    page.wait_for_timeout(800)


def back_to_the_list(page) -> None:
    """Once a data file is saved the CMS goes back to the files' list on
    its own, a moment later: the next address is asked for after that, or
    the CMS's own move would replace it (in CI, under load, it did)."""
    page.wait_for_url(re.compile(r"#/collections/data$"))


def test_an_editor_adds_a_news_item_and_changes_a_figure(site, browser, tmp_path):
    started = time.monotonic()
    project = copy_of_repository(tmp_path / "repository")
    context = browser.new_context(locale="ar-MA", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: r.url.startswith(("http:", "https:")) and not r.url.startswith(site.base_url)
            and foreign.append(r.url))
    page.goto(site.url("robots.txt"))
    page.evaluate(WRITE, editable_files(project))
    page.add_init_script(PICKER)
    page.add_init_script(VIOLATIONS)
    response = page.goto(site.url("admin/"))
    assert response.headers.get("content-type", "").startswith("text/html")
    page.get_by_role("button", name="العمل مع مستودع محلي").click()
    page.wait_for_url("**/#/collections/**")

    # The news list, in Arabic, newest first.
    page.goto(site.url("admin/#/collections/news"))
    page.get_by_text("اختتام الدورة 9").first.wait_for()
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.screenshot(path=str(shot("cms-news-list")))

    # A new item: Arabic on the right, French then English beside it.
    page.goto(site.url("admin/#/collections/news/new"))
    arabic = page.locator("input[lang=ar]").first
    arabic.wait_for()
    assert arabic.get_attribute("dir") == "rtl"
    arabic.fill(NEWS["ar"]["title"])
    page.locator("textarea[lang=ar]").first.fill(NEWS["ar"]["description"])
    page.locator("input[type=date]").first.fill("2026-11-20")
    page.locator("textarea[lang=ar]").last.fill(NEWS["ar"]["body"])
    for lang in ("fr", "en"):
        page.locator(f"button[role=radio][value={lang}]").last.click()
        page.locator(f"input[lang={lang}]").first.fill(NEWS[lang]["title"])
        page.locator(f"textarea[lang={lang}]").first.fill(NEWS[lang]["description"])
        page.locator(f"textarea[lang={lang}]").last.fill(NEWS[lang]["body"])
    page.locator("[role=combobox]").first.click()
    page.locator("[role=option]", has_text="africanews-9th-edition").first.click()
    page.screenshot(path=str(shot("cms-news-edit")))
    # The file's name: asked for in the slug panel, checked against the site's pattern.
    page.get_by_role("button", name="حفظ", exact=True).click()
    slug = page.locator("input[type=text]:not([lang]):not([role=searchbox]):visible").first
    slug.fill("visit-without-a-date")
    page.get_by_role("button", name="حفظ", exact=True).click()
    page.get_by_text("The date, then a few English words").first.wait_for()
    page.screenshot(path=str(shot("cms-slug-refused")))
    slug.fill(SLUG)
    page.get_by_role("button", name="حفظ", exact=True).click()
    page.get_by_text("تم حفظ").first.wait_for()
    page.screenshot(path=str(shot("cms-news-saved")))
    page.goto(site.url("admin/#/collections/data/entries/programme"))
    page.get_by_role("spinbutton").first.wait_for()
    # Unchanged, the entry cannot be saved: nothing to write.
    assert page.get_by_role("button", name="حفظ", exact=True).is_disabled()
    expanders = page.locator('button[data-label="توسيع الكل"]:not([disabled])')
    while expanders.count():
        expanders.first.click()
    page.wait_for_timeout(1000)
    # The first milestone's beneficiaries (220): the fields render as they scroll into view.
    figures = page.get_by_role("spinbutton")
    page.mouse.move(960, 600)  # over the form
    for _ in range(30):
        values = [figures.nth(k).input_value() for k in range(figures.count())]
        if "220" in values:
            break
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(250)
    figure = figures.nth(values.index("220"))
    figure.scroll_into_view_if_needed()
    figure.fill("221")
    page.screenshot(path=str(shot("cms-programme")))
    page.get_by_role("button", name="حفظ", exact=True).click()
    page.get_by_text("تم حفظ").last.wait_for()

    # What the CMS wrote, back into the repository's copy.
    before = editable_files(project)
    written = page.evaluate(READ)
    for name, text in written.items():
        if before.get(name) != text:
            (project / name).write_text(text, encoding="utf-8")
    assert changed(project) == sorted([f"docs/news/{SLUG}.md", f"docs/news/{SLUG}.fr.md", f"docs/news/{SLUG}.en.md",
                                       "docs/data/programme.yml"])
    assert page.evaluate("window.__violations") == [] and foreign == [], (page.evaluate("window.__violations"), foreign)
    elapsed = time.monotonic() - started

    # As CONTRIBUTING.md describes: the Arabic file has title, description,
    # date and sources; the translations a title and a description.
    arabic = (project / f"docs/news/{SLUG}.md").read_text(encoding="utf-8")
    assert front_matter(arabic) == {"title": NEWS["ar"]["title"], "description": NEWS["ar"]["description"],
                                    "date": datetime.date(2026, 11, 20), "sources": ["africanews-9th-edition"]}
    for lang in ("fr", "en"):
        text = (project / f"docs/news/{SLUG}.{lang}.md").read_text(encoding="utf-8")
        assert front_matter(text) == {"title": NEWS[lang]["title"], "description": NEWS[lang]["description"]}
        assert NEWS[lang]["body"] in text  # {{ … }} and { #article } as typed
    assert NEWS["ar"]["body"] in arabic
    # The editor's style, which cms.editor_style reproduces: a file once in it
    # changes by one line when the editor changes one figure.
    assert written["docs/data/programme.yml"] == cms.editor_style(
        "programme", before["docs/data/programme.yml"].replace("beneficiaries: 220\n", "beneficiaries: 221\n", 1))
    # The data the same but for the figure (the CMS writes YAML in its own
    # style: lists as blocks, without the comments, whose guidance its hints give).
    old = yaml.safe_load(before["docs/data/programme.yml"])
    new = yaml.safe_load((project / "docs/data/programme.yml").read_text(encoding="utf-8"))
    assert (old["milestones"][0]["beneficiaries"], new["milestones"][0]["beneficiaries"]) == (220, 221)
    new["milestones"][0]["beneficiaries"] = 220
    model = data.FILES["programme"]  # as the build reads it: `month_only: false` is its default
    assert model.model_validate(new) == model.model_validate(old)

    # The check asks for what CONTRIBUTING's step 3 says: the translations' stamps.
    result = check(project, "check", "--no-build")
    unstamped = [line for line in result.stdout.splitlines() if "not yet marked as a translation" in line]
    assert len(unstamped) == 2 and all(SLUG in line for line in unstamped), result.stdout
    for lang in ("fr", "en"):
        assert check(project, "stamp", f"docs/news/{SLUG}.{lang}.md").returncode == 0
    result = check(project, "check", "--no-build")
    assert result.returncode == 0, result.stdout

    # Built: the item in each language, the new figure on the programme page.
    built = tmp_path / "site"
    result = build_site(built, "http://127.0.0.1/", project)
    assert result.returncode == 0, result.stderr[-3000:]
    for lang, prefix in (("ar", ""), ("fr", "fr/"), ("en", "en/")):
        article = LexborHTMLParser((built / f"{prefix}news/{SLUG}.html").read_text(encoding="utf-8"))
        assert article.css_first("h1").text().strip() == NEWS[lang]["title"]
        listing = (built / f"{prefix}news.html").read_text(encoding="utf-8")
        assert f"{SLUG}.html" in listing
    programme = LexborHTMLParser((built / "programme.html").read_text(encoding="utf-8")).body.text()
    assert "221" in programme
    print(f"\nCMS end to end: {elapsed:.1f} s in the browser, {len(changed(project))} files written "
          f"({', '.join(changed(project))}); {time.monotonic() - started:.1f} s with the check and the build")
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "editor"], cwd=project, check=True)
    # The pull request the editor would open, for the record.
    (SCREENSHOTS / "cms-pull-request.diff").write_text(subprocess.run(
        ["git", "show", "--stat", "--patch", "HEAD", "--", "docs/news", "docs/data/programme.yml"], cwd=project,
        capture_output=True, text=True).stdout, encoding="utf-8")

    # The same session, an attacker's edits: a script in the English text and
    # a look-alike letter (Cyrillic а) in the centre's e-mail address. The CMS
    # saves them as typed; the gate refuses both, naming each file.
    page.goto(site.url(f"admin/#/collections/news/entries/{SLUG}"))
    page.locator("button[role=radio][value=en]").last.click()
    body = page.locator("textarea[lang=en]").last
    body.fill(NEWS["en"]["body"] + "\n\n<script>alert(document.cookie)</script>\n")
    page.get_by_role("button", name="حفظ", exact=True).click()
    page.get_by_text("تم حفظ").last.wait_for()
    page.goto(site.url("admin/#/collections/data/entries/contact"))
    email = page.locator("input[type=text]:not([role=searchbox]):visible").first  # contact.email, the first field
    email.wait_for()
    email.fill("cont\u0430ct@example.ma")
    page.get_by_role("button", name="حفظ", exact=True).click()
    page.get_by_text("تم حفظ").last.wait_for()
    back_to_the_list(page)
    # Two more data files saved by the editor: still valid for the build.
    edits = (("sources", "Agreement establishing the Moussalaha Centre",
                            "The agreement establishing the Moussalaha Centre"),
                           ("projects", "protéger les établissements pénitentiaires contre l’extrémisme violent par "
                                        "l’éducation par les pairs",
                            "protéger les prisons contre l’extrémisme violent par l’éducation par les pairs"))
    for name, old, new in edits:
        page.goto(site.url(f"admin/#/collections/data/entries/{name}"))
        page.get_by_role("button", name="حفظ", exact=True).wait_for()
        expanders = page.locator('button[data-label="توسيع الكل"]:not([disabled])')
        while expanders.count():
            expanders.first.click()
        page.wait_for_function("(old) => [...document.querySelectorAll('input')].some(e => e.value === old)", arg=old)
        page.evaluate("(old) => [...document.querySelectorAll('input')].find(e => e.value === old)"
                      ".setAttribute('data-test', 'edit')", old)
        page.locator("[data-test=edit]").fill(new)
        page.get_by_role("button", name="حفظ", exact=True).click()
        page.get_by_text("تم حفظ").last.wait_for()
        back_to_the_list(page)
    written = page.evaluate(READ)
    saved = tmp_path / "saved-data"
    shutil.copytree(project / "docs/data", saved)
    for name in ("sources", "projects"):
        (saved / f"{name}.yml").write_text(written[f"docs/data/{name}.yml"], encoding="utf-8")
    data.SiteData(saved)  # raises, naming the file and line, if the editor wrote what the build refuses
    for name, old, new in edits:  # and the same data but for the one text changed
        model = data.FILES[name]
        before_data = model.model_validate(yaml.safe_load((project / f"docs/data/{name}.yml").read_text("utf-8")))
        after_data = model.model_validate(yaml.safe_load((saved / f"{name}.yml").read_text("utf-8")))
        dumped = after_data.model_dump()
        for entry in dumped["sources"] if name == "sources" else []:
            if entry["replaced_by"]:
                entry["secondary"] = None  # written `false` by the editor, which the schema reads as absent
        assert str(dumped).replace(new, old) == str(before_data.model_dump()), name
        assert (saved / f"{name}.yml").read_text("utf-8") == cms.editor_style(
            name, (project / f"docs/data/{name}.yml").read_text("utf-8").replace(old, new, 1)), name
    for name in (f"docs/news/{SLUG}.en.md", "docs/data/contact.yml"):
        (project / name).write_text(written[name], encoding="utf-8")
    assert "<script>alert(document.cookie)</script>" in written[f"docs/news/{SLUG}.en.md"]
    assert "cont\u0430ct@example.ma" in written["docs/data/contact.yml"]
    result = check(project, "check", "--no-build")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if re.match(r"\S+:\d+: ", line)]
    print("\n".join(problems))
    assert any(line.startswith(f"docs/news/{SLUG}.en.md:") and "script" in line for line in problems), problems
    assert any(line.startswith("docs/data/contact.yml:") for line in problems), problems
    assert page.evaluate("window.__violations") == [] and foreign == []
    context.close()
