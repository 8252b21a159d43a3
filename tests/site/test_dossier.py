"""The dossier (moussalaha/sharing/dossier.py), one PDF per language built with
the site: its text, copied out by poppler's pdftotext as a reader copies
it, holds the pages' figures and names in logical order (Arabic included);
it is a tagged PDF/UA-1 with its language and title, the site's fonts
embedded and subset; at most 400 KB; linked from the home, agreement and
press pages with its size and date. (The same bytes from two builds of one
commit: tests/serving/test_serving.py, test_same_commit_builds_the_same_bytes.)"""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from moussalaha.sharing import dossier

pytestmark = pytest.mark.site

LANGS = {"ar": "", "fr": "fr/", "en": "en/"}
MAX_BYTES = 400 * 1024
# Bidi controls that pdftotext writes around each run of one direction;
# it finds the spaces between words from the glyphs' positions, and loses
# the one between runs of two directions (4 دجنبر): a control stands for it.
CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def words(text: str) -> str:
    return " ".join(CONTROLS.sub(" ", text).split())


def pdf_text(path) -> str:
    return words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                                check=True).stdout)


def test_text_holds_the_pages_figures_and_names_in_order(site):
    for lang, root in LANGS.items():
        text = pdf_text(site.directory / dossier.pdf_path(lang))
        programme = site.page(root + "programme.html")
        figures = {cell.text(strip=True) for cell in programme.css("table.mc-milestones td[data-field]")}
        figures = {f for f in figures if f.isdigit()}
        assert len(figures) > 10
        for figure in figures:
            assert re.search(rf"(?<!\d){figure}(?!\d)", text), (lang, figure)
        # Names as the pages write them: the signatories, the institutions.
        agreement = site.page(root + "agreement.html")
        names = [words(cell.text()) for cell in agreement.css("table.mc-signatories th[scope=row]")]
        names += [words(h.text()) for h in site.page(root + "partners.html").css("article h2")
                  if h.attributes.get("id") not in ("sources", None)]
        assert len(names) >= 10
        for name in names:
            assert name in text, (lang, name)
        # The centre's name on the cover, the contents with page numbers.
        assert words(site.page(root + "index.html").css_first("article h1").text()) in text[:200]
        assert re.search(r"\.{5,} ?\d+", text), lang
    arabic = pdf_text(site.directory / dossier.pdf_path("ar"))
    for name in ("مركز مصالحة", "المندوبية العامة لإدارة السجون وإعادة الإدماج", "الرابطة المحمدية للعلماء"):
        assert name in arabic
    # Moroccan months.
    assert re.search(r"\d+ نونبر 2023", arabic)


def test_tagged_with_language_title_and_embedded_subset_fonts(site, data):
    for lang in LANGS:
        path = site.directory / dossier.pdf_path(lang)
        assert 20_000 < path.stat().st_size <= MAX_BYTES, (lang, path.stat().st_size)
        reader = PdfReader(path)
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == lang
        assert catalog["/MarkInfo"]["/Marked"] == True and "/StructTreeRoot" in catalog  # noqa: E712 (a PDF boolean)
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
        metadata = catalog["/Metadata"].get_object().get_data()
        assert b'pdfuaid:part="1"' in metadata or b"<pdfuaid:part>1</pdfuaid:part>" in metadata
        # Bookmarks: the chapters, for the reader's outline.
        assert catalog["/Outlines"]["/Count"] >= 8
        facts = data.localised(lang)
        assert reader.metadata.title == f"{facts['ui']['dossier_title']} — {facts['centre']['name']}"
        fonts = set()
        for page in reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
                fonts.add(str(font["/BaseFont"]))
        # Subset (a six-letter tag before the name), and only the site's faces.
        # (Named by their @font-face families: moussalaha/sharing/dossier.py.)
        assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+(Noto-Naskh-Arabic|Dossier-Sans)(-Bold)?", f)
                             for f in fonts), fonts
        if lang == "ar":
            assert any("Noto-Naskh-Arabic" in f for f in fonts), fonts


def test_pages_link_the_dossier_with_its_size_and_date(site, data):
    for lang, root in LANGS.items():
        size = (site.directory / dossier.pdf_path(lang)).stat().st_size
        for page in ("index.html", "agreement.html", "press.html"):
            link = site.page(root + page).css_first("p.mc-dossier")
            assert link is not None, (lang, page)
            anchor = link.css_first("a")
            assert anchor.attributes["type"] == "application/pdf"
            target = (site.directory / root / page).parent.joinpath(anchor.attributes["href"]).resolve()
            assert target == (site.directory / dossier.pdf_path(lang)).resolve()
            details = words(link.css_first("[data-dossier-details]").text())
            assert f"{round(size / 1024)}" in details and "(PDF" in words(link.text()), (lang, page, details)
            cover_date = re.search(r"\d{1,2} \S+ \d{4}", words(pdf_text(target)[:300]))
            assert cover_date and cover_date.group() in details, (lang, details)
