"""Browser test of the Zahlstelle's pages: prepare a Zahllauf, release it as a second person (four eyes), execute it
through the real background worker (``manage.py db_worker``) and follow the progress to the finished run with its
files; every page checked with axe-core (no violations). Server, browser and checks are those of
tests/ui/test_browser.py (imported, not copied); the payment data are the kill test's mass data (40 BGs of all
Rechtskreise, every 10th with a direct rent payment, BG no. 7 with an invalid IBAN)."""

import subprocess
import sys

import pytest

from tests.ui.test_browser import PROJEKT, _anmelden, _pruefe, app, browser, seite  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

DATEN = """
from datetime import date
from sozialhaus.core.demo import DEMO_PASSWORT
from sozialhaus.core.models import Benutzer, Dienststelle, Mitarbeit, Rolle
from tests.payments.massendaten import anlegen
anlegen(40, date(2026, 12, 1))
zweite = Benutzer.objects.create_user("zahlstelle2", password=DEMO_PASSWORT, first_name="Zacharias", last_name="Zweitmann")
Mitarbeit.objects.create(benutzer=zweite, dienststelle=Dienststelle.objects.get(kuerzel="kv-soziales"), rolle=Rolle.ZAHLSTELLE)
"""


def _manage(app, *argumente):  # noqa: F811
    return subprocess.run(
        [sys.executable, str(PROJEKT / "manage.py"), *argumente],
        env=app["umgebung"],
        cwd=PROJEKT,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def zahlungsdaten(app):  # noqa: F811
    _manage(app, "shell", "-c", DATEN)
    return app


def _abmelden(seite):  # noqa: F811
    seite.get_by_role("button", name="Abmelden").click()
    seite.wait_for_url("**/anmelden/**")


def test_zahllauf_vorbereiten_freigeben_ausfuehren(seite, zahlungsdaten):  # noqa: F811
    basis = zahlungsdaten["basis"]
    _anmelden(seite, basis, "zahlstelle")
    seite.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Zahlläufe").click()
    seite.wait_for_url(f"{basis}/zahllaeufe/")
    assert seite.get_by_role("heading", name="Zahlläufe", exact=True).is_visible()
    assert _pruefe(seite, "40-zahllaeufe", schmal=True) == []

    seite.get_by_label("Leistungsmonat (MM/JJJJ)").fill("13/2026")
    seite.get_by_role("button", name="Zahllauf vorbereiten").click()
    assert seite.get_by_role("alert").get_by_text("Bitte geben Sie den Monat als MM/JJJJ ein").is_visible()
    assert _pruefe(seite, "41-zahllauf-eingabefehler") == []

    seite.get_by_label("Leistungsmonat (MM/JJJJ)").fill("12/2026")
    seite.get_by_role("button", name="Zahllauf vorbereiten").click()
    seite.get_by_role("heading", name="Zahllauf 12/2026").wait_for()
    detail = seite.url
    assert seite.get_by_text("Die Freigabe muss eine zweite Person der Zahlstelle erteilen.").is_visible()
    assert seite.get_by_role("row", name="Summe des Zahllaufs").is_visible()
    assert seite.get_by_role("heading", name="Zurückgestellte Zahlungen (1)").is_visible()
    assert seite.get_by_role("button", name="Zahllauf 12/2026 freigeben").count() == 0
    assert _pruefe(seite, "42-zahllauf-vorschau", schmal=True) == []

    _abmelden(seite)
    _anmelden(seite, basis, "zahlstelle2")
    seite.goto(detail)
    seite.get_by_role("button", name="Zahllauf 12/2026 freigeben").click()
    seite.get_by_text("ist freigegeben und kann ausgeführt werden").wait_for()
    assert _pruefe(seite, "43-zahllauf-freigegeben") == []

    seite.get_by_role("button", name="Zahllauf 12/2026 ausführen").click()
    seite.get_by_text("wartet auf den Hintergrunddienst").first.wait_for()
    balken = seite.get_by_role("progressbar", name="Gebuchte Zahlungen")
    assert balken.is_visible() and balken.get_attribute("value") == "0"
    assert _pruefe(seite, "44-zahllauf-wartet") == []

    _manage(zahlungsdaten, "db_worker", "--batch", "--no-reload", "--no-startup-delay")  # the background service
    # htmx polls the progress: the page shows the finished run without a reload
    seite.get_by_text("Der Zahllauf ist ausgeführt:", exact=False).wait_for(timeout=15_000)
    assert seite.url == detail
    assert balken.get_attribute("value") == balken.get_attribute("max")
    assert seite.locator("#lauf-status").get_by_text("ausgeführt", exact=True).is_visible()
    assert seite.get_by_role("heading", name="Buchungen je Rechtskreis, Dienststelle und Leistungsmonat").is_visible()
    assert _pruefe(seite, "45-zahllauf-ausgefuehrt", schmal=True) == []
    with seite.expect_download() as download:
        seite.get_by_role("link", name="SEPA-Datei für die Bank (XML)").click()
    assert download.value.suggested_filename.startswith(
        "SH03461202612L"
    ) and download.value.suggested_filename.endswith(".xml")

    seite.get_by_role("link", name="Zahlläufe").first.click()
    seite.get_by_role("link", name="Buchungsbericht", exact=False).click()
    seite.get_by_role("heading", name="Buchungsbericht 2026").wait_for()
    assert _pruefe(seite, "46-buchungsbericht", schmal=True) == []
