"""End to end in the browser: a Jobcenter caseworker takes an SGB II Erstantrag from the BG page to the Bescheid PDF.

As ``sb.kreis`` in headless Chromium: enter the Unterkunftskosten on the BG page and the Erwerbseinkommen on the
person page, create the Antrag, move it to »in Prüfung«, mark every Nachweis received, make it entscheidungsreif,
preview the calculation (htmx), grant it, follow the Bescheid link, download the PDF through the page's request
context (same session) and read it with ``pdftotext`` (poppler-utils). Server, browser, login and the axe-core
check are those of test_browser.py (imported, not copied); the BG (one person, address, no facts) comes from
``tests/ui/browser_daten.py``.
"""

import re
import shutil
import subprocess
from calendar import monthrange
from datetime import date, timedelta

import pytest
from dateutil.easter import easter

from tests.ui.test_browser import _anmelden, _pruefe, app, browser, seite  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PDFTOTEXT = shutil.which("pdftotext")

# The facts entered through the UI and the claim calculated by hand (Bürgergeld, single adult, 2026):
#   Regelbedarf, Regelbedarfsstufe 1:              563,00 €  § 20 Abs. 2 Satz 1 SGB II; RBSFV 2026 (amount of 2025
#                                                             kept, § 28a Abs. 5 SGB XII Besitzschutz)
#   Unterkunft 400,00 + kalte Nebenkosten 80,00 + Heizung 70,00
#                                                = 550,00 €  § 22 Abs. 1 SGB II: actual costs (Karenzzeit of
#                                                             Satz 2 in the first year; no Angemessenheitsgrenze
#                                                             recorded, so heating too as entered)
#   Bedarf                                       1.113,00 €
#   Erwerbseinkommen brutto 1.000,00, netto 800,00:
#     Grundabsetzbetrag                           100,00 €  § 11b Abs. 2 Satz 1 SGB II
#     Erwerbstätigenfreibetrag 20 % of 100–520  =  84,00 €  § 11b Abs. 3 Satz 2 Nr. 1 SGB II
#                              30 % of 520–1000 = 144,00 €  § 11b Abs. 3 Satz 2 Nr. 2 SGB II
#     anzurechnen 800,00 − 100,00 − 228,00       = 472,00 €  § 11 Abs. 1, § 11b SGB II
#   Anspruch 1.113,00 − 472,00                   =  641,00 €  § 19 Abs. 1 and 3 SGB II, every month 01–12/2026
EINGANG = "12.01.2026"  # § 37 Abs. 2 Satz 2 SGB II: the Antrag goes back to 01.01.2026
REGELBEDARF, KDU, EINKOMMEN, ANSPRUCH = "563,00", "550,00", "472,00", "641,00"

NIEDERSACHSEN_FEST = {(1, 1), (5, 1), (10, 3), (10, 31), (12, 25), (12, 26)}
"""Fixed public holidays in Niedersachsen (§ 2 Abs. 1 NFeiertagsG; Reformationstag 31.10. since 2018)."""
NIEDERSACHSEN_OSTERN = (-2, 1, 39, 50)
"""Movable ones, days from Easter Sunday: Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag."""


def _feiertag_niedersachsen(tag: date) -> bool:
    ostern = easter(tag.year)
    return (tag.month, tag.day) in NIEDERSACHSEN_FEST or tag in {ostern + timedelta(d) for d in NIEDERSACHSEN_OSTERN}


def erwartetes_fristende(zur_post: date) -> date:
    """Widerspruchsfrist computed here, independently of ``notices.fristen``.

    Bekanntgabe on the 4th day after posting (§ 37 Abs. 2 Satz 1 SGB X, since 1.1.2025), not moved by a weekend;
    one month (§ 84 Abs. 1 SGG) ending on the day with the same number, or the month's last day (§ 64 Abs. 2 SGG);
    a Saturday, Sunday or Niedersachsen holiday moves the end to the next Werktag (§ 64 Abs. 3 SGG).
    """
    bekanntgabe = zur_post + timedelta(days=4)
    jahr, monat = (bekanntgabe.year + 1, 1) if bekanntgabe.month == 12 else (bekanntgabe.year, bekanntgabe.month + 1)
    ende = date(jahr, monat, min(bekanntgabe.day, monthrange(jahr, monat)[1]))
    while ende.weekday() >= 5 or _feiertag_niedersachsen(ende):
        ende += timedelta(days=1)
    return ende


@pytest.mark.parametrize(
    "zur_post, ende",
    [
        (date(2026, 12, 4), date(2027, 1, 8)),  # Bekanntgabe Tue 08.12. → Fri 08.01.2027
        (date(2026, 12, 1), date(2027, 1, 5)),  # Bekanntgabe Sat 05.12. stays (not moved) → Tue 05.01.2027
        (date(2026, 11, 21), date(2026, 12, 28)),  # → Fri 25.12. holiday, Sat, Sun → Mon 28.12.2026
        (date(2026, 12, 27), date(2027, 2, 1)),  # Bekanntgabe 31.12. → 31.01.2027 is a Sunday → Mon 01.02.
        (date(2027, 1, 27), date(2027, 3, 1)),  # Bekanntgabe 31.01. → no 31.02.: Sun 28.02. → Mon 01.03.2027
    ],
)
def test_fristberechnung_des_tests(zur_post, ende):
    assert erwartetes_fristende(zur_post) == ende


def _abschnitt(seite, ueberschrift_id: str):  # noqa: F811
    """The page section headed by the heading with this id."""
    return seite.locator(f"section:has(#{ueberschrift_id})").last


def _unterkunft_erfassen(seite, app):  # noqa: F811
    basis = app["basis"]
    seite.goto(f"{basis}/bedarfsgemeinschaften/{app['sgb2_bg_nummer']}/")
    assert _pruefe(seite, "40-e2e-bg-ohne-fakten") == []
    seite.get_by_role("link", name="Neue Unterkunftskosten").click()
    seite.get_by_label("gültig ab").fill("01.01.2026")
    seite.get_by_label("Kaltmiete (€)", exact=True).fill("400,00")
    seite.get_by_label("Kalte Nebenkosten (€)", exact=True).fill("80,00")
    seite.get_by_label("Heizkosten (€)", exact=True).fill("70,00")
    seite.get_by_label("Wohnfläche").fill("45,00")
    seite.get_by_label("Gemeinde").select_option(label=app["sgb2_gemeinde"])
    assert _pruefe(seite, "41-e2e-unterkunft") == []
    seite.get_by_role("button", name="Als neue Version speichern").click()
    seite.wait_for_url(f"{basis}/bedarfsgemeinschaften/{app['sgb2_bg_nummer']}/**")
    assert _abschnitt(seite, "unterkunft").get_by_text("400,00").first.is_visible()


def _einkommen_erfassen(seite, app):  # noqa: F811
    basis = app["basis"]
    seite.goto(f"{basis}/personen/{app['sgb2_kundennummer']}/einkommen/neu/")
    seite.get_by_label("gültig ab").fill("01.01.2026")
    seite.get_by_label("Art").select_option("erwerbseinkommen")
    seite.get_by_label("brutto").fill("1000,00")
    seite.get_by_label("netto").fill("800,00")
    seite.get_by_role("button", name="Als neue Version speichern").click()
    seite.wait_for_url(f"{basis}/personen/{app['sgb2_kundennummer']}/**")
    assert _abschnitt(seite, "einkommen").get_by_text("800,00").first.is_visible()
    assert _pruefe(seite, "42-e2e-person-mit-einkommen") == []


def _status(seite, nach: str):  # noqa: F811
    seite.get_by_label("Neuer Status").select_option(nach)
    seite.get_by_role("button", name="Status setzen").click()
    seite.get_by_text("Der Status wurde geändert.").wait_for()


def _antrag_bis_entscheidungsreif(seite, app) -> str:  # noqa: F811
    basis = app["basis"]
    seite.goto(f"{basis}/bedarfsgemeinschaften/{app['sgb2_bg_nummer']}/")
    seite.get_by_role("link", name="Antrag anlegen").click()
    seite.get_by_label("Antragsart").select_option("erstantrag")
    seite.get_by_label("Antrag eingegangen am").fill(EINGANG)
    assert _pruefe(seite, "43-e2e-antrag-anlegen") == []
    seite.get_by_role("button", name="Antrag anlegen").click()
    seite.wait_for_url(re.compile(r".*/antraege/[^/]+/$"))
    aktenzeichen = seite.url.rstrip("/").rsplit("/", 1)[1]
    assert seite.get_by_text(f"mit dem Aktenzeichen {aktenzeichen} angelegt").is_visible()
    assert seite.get_by_role("heading", name=f"Antrag {aktenzeichen}").is_visible()
    assert "01.01.2026" in seite.locator("dl").inner_text()  # wirkt ab (§ 37 Abs. 2 Satz 2 SGB II)
    _status(seite, "in_pruefung")
    eingegangen = seite.get_by_role("button", name=re.compile(r"^Eingegangen: "))
    anzahl = eingegangen.count()
    assert anzahl == 8  # SGB II Erstantrag checklist: 7 required, 1 optional
    for _ in range(anzahl):
        eingegangen.first.click()
        seite.get_by_text("Der Nachweis ist eingetragen.").wait_for()
    assert eingegangen.count() == 0
    assert seite.get_by_role("columnheader", name="Heute erhalten?").count() == 0  # no empty column left
    assert _pruefe(seite, "44-e2e-nachweise-eingegangen", schmal=True) == []
    _status(seite, "entscheidungsreif")
    return aktenzeichen


def _vorschau(seite):  # noqa: F811
    # the form is pre-filled with the 12 months from »wirkt ab«
    assert seite.get_by_label("von (TT.MM.JJJJ)").input_value() == "01.01.2026"
    assert seite.get_by_label("bis (TT.MM.JJJJ)").input_value() == "31.12.2026"
    seite.get_by_role("button", name="Berechnen").click()
    ergebnis = seite.locator("#berechnung-ergebnis")
    ergebnis.get_by_text("Vorschau: 12 Monate").wait_for()
    zeilen = ergebnis.locator("table").first.locator("tbody tr")
    assert zeilen.count() == 12
    for i in range(12):
        assert zeilen.nth(i).locator("td").last.inner_text() == ANSPRUCH
    assert _pruefe(seite, "45-e2e-vorschau") == []


def _bescheid_text(seite, app, tmp_path) -> str:  # noqa: F811
    link = seite.get_by_role("link", name=re.compile(r"^Bescheid .* \(PDF\)$"))
    assert link.count() == 1
    antwort = seite.request.get(app["basis"] + link.get_attribute("href"))
    assert antwort.ok
    assert antwort.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "bescheid.pdf"
    pdf.write_bytes(antwort.body())
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) fehlt: make system-deps")
def test_vom_antrag_zum_bescheid(seite, app, tmp_path):  # noqa: F811
    _anmelden(seite, app["basis"], "sb.kreis")
    _unterkunft_erfassen(seite, app)
    _einkommen_erfassen(seite, app)
    aktenzeichen = _antrag_bis_entscheidungsreif(seite, app)
    _vorschau(seite)

    seite.get_by_role("button", name="Bewilligen").click()
    seite.get_by_text("Der Antrag wurde bewilligt.").wait_for()
    assert seite.locator(".sh-seitenkopf").get_by_text("entschieden").is_visible()
    entscheidung = _abschnitt(seite, "entscheidungen")
    assert entscheidung.get_by_text("Zeitraum 01.01.2026 bis 31.12.2026").is_visible()
    assert _pruefe(seite, "46-e2e-bewilligt", schmal=True) == []

    zeile = entscheidung.get_by_text("Zur Post gegeben am").inner_text()
    zur_post, bekanntgabe, frist = re.fullmatch(
        r"Zur Post gegeben am (\S+) · bekannt gegeben am (\S+) \(§ 37 Abs\. 2 SGB X\) · Widerspruchsfrist bis (\S+)",
        zeile,
    ).groups()
    zur_post_tag = date(*reversed([int(t) for t in zur_post.split(".")]))
    fristende = f"{erwartetes_fristende(zur_post_tag):%d.%m.%Y}"
    assert bekanntgabe == f"{zur_post_tag + timedelta(days=4):%d.%m.%Y}"
    assert frist == fristende

    text = _bescheid_text(seite, app, tmp_path)
    assert aktenzeichen in text
    assert "Katrin Sommer" in text and "Kirchenstraße 8" in text
    assert "01.01.2026 bis 31.12.2026" in text
    assert f"Januar bis Dezember 2026 {ANSPRUCH} €" in text  # Höhe der Leistung
    assert "Regelbedarf (Regelbedarfsstufe 1) § 20 Abs. 2 Satz 1 SGB II; RBSFV 2026" in text
    assert f"{REGELBEDARF} €" in text
    assert f"Unterkunft 480,00 €, Heizung 70,00 €) § 22 Abs. 1 Satz 2 SGB II (Karenzzeit) {KDU} €" in text
    assert f"§§ 11 bis 11b SGB II -{EINKOMMEN} €" in text
    assert f"Summe der Bedarfe 1.113,00 € Summe der Abzüge -{EINKOMMEN} € Anspruch je Monat {ANSPRUCH} €" in text
    assert "§ 37 Abs. 2 Satz 1 SGB X" in text
    assert f"Die Frist endet am {fristende}." in text
    assert f"Ihr Widerspruch muss bis zum {fristende} bei uns sein." in text

    # the BG page lists the decided Antrag with its Bescheid
    seite.goto(f"{app['basis']}/bedarfsgemeinschaften/{app['sgb2_bg_nummer']}/")
    assert seite.get_by_role("link", name=aktenzeichen).is_visible()
    assert _pruefe(seite, "47-e2e-bg-mit-bescheid") == []
