"""Browser test of the Rückläufer import: the Zahlstelle opens "Rückläufer einlesen" from the Zahlläufe, uploads a
wrong file (error, nothing booked), then the bank's camt.054 file, reads the report, follows the link to the
Zahllauf with its Rückläufer section and uploads the file once more (nothing booked twice); every page checked with
axe-core (no violations). Server, browser and checks are those of tests/ui/test_browser.py; the run is executed on
the kill test's mass data (20 BGs) as in test_browser_zahllauf.py, the file is the sample of test_ruecklaeufer.py
filled with two payments of that run (their amounts instead of the sample's 1.143,00 €)."""

import json
from decimal import Decimal
from string import Template

import pytest

from tests.ui.test_browser import _anmelden, _pruefe, app, browser, seite  # noqa: F401 - fixtures

from .test_browser_zahllauf import _manage
from .test_ruecklaeufer import BEISPIEL

pytestmark = pytest.mark.browser

DATEN = """
import json
from datetime import date
from sozialhaus.core.models import Benutzer, Traeger
from sozialhaus.payments import services
from tests.payments.massendaten import anlegen
anlegen(20, date(2026, 12, 1))
traeger = Traeger.objects.get(regionalschluessel="03461")
lauf = services.zahllauf_vorbereiten(Benutzer.objects.get(username="zahlstelle"), traeger, date(2026, 12, 1))
services.zahllauf_freigeben(Benutzer.objects.get(username="kasse"), lauf)
lauf = services.zahllauf_ausfuehren(lauf)
zahlungen = lauf.zahlungen.filter(empfaengerart="person").order_by("id")[:2]
print(json.dumps({"konto": traeger.zahlungskonto.iban, "msg_id": lauf.msg_id,
                  "zahlungen": [[z.end_to_end_id, str(z.betrag), z.bedarfsgemeinschaft.bg_nummer] for z in zahlungen]}))
"""


@pytest.fixture(scope="module")
def ruecklaeuferdatei(app, tmp_path_factory):  # noqa: F811
    """The sample camt.054 with returns (AC04, MD07) of two payments of the executed run 12/2026."""
    daten = json.loads(_manage(app, "shell", "-c", DATEN).stdout.strip().splitlines()[-1])
    (e2e_a, betrag_a, bg_a), (e2e_b, betrag_b, bg_b) = daten["zahlungen"]
    text = Template(BEISPIEL.read_text(encoding="utf-8")).substitute(
        KONTO=daten["konto"], MSGID=daten["msg_id"], E2E_A=e2e_a, E2E_B=e2e_b
    )
    # entry 2 states its amount on the entry, entry 3 per transaction (and their sum, + 100,00 € unknown, on the entry)
    text = text.replace(">1143.00<", f">{betrag_a}<", 1).replace(">1143.00<", f">{betrag_b}<", 1)
    text = text.replace(">1243.00<", f">{Decimal(betrag_b) + 100}<")
    datei = tmp_path_factory.mktemp("camt") / "camt054_20250106.xml"
    datei.write_text(text, encoding="utf-8")
    return {"pfad": datei, "summe": Decimal(betrag_a) + Decimal(betrag_b), "bg": [bg_a, bg_b], **app}


def _euro(betrag: Decimal) -> str:
    return f"{betrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _einlesen(seite, pfad):  # noqa: F811
    seite.get_by_label("camt.054-Datei der Bank (XML)").set_input_files(str(pfad))
    seite.get_by_role("button", name="Rückläufer einlesen").click()


def test_ruecklaeufer_einlesen(seite, ruecklaeuferdatei, tmp_path):  # noqa: F811
    basis = ruecklaeuferdatei["basis"]
    _anmelden(seite, basis, "zahlstelle")
    seite.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Zahlläufe").click()
    seite.get_by_role("link", name="Rückläufer der Bank einlesen (camt.054)").click()
    seite.wait_for_url(f"{basis}/zahllaeufe/ruecklaeufer/")
    assert seite.get_by_role("heading", name="Rückläufer einlesen", exact=True).is_visible()
    assert _pruefe(seite, "60-ruecklaeufer", schmal=True) == []

    falsch = tmp_path / "kontoauszug.pdf"
    falsch.write_bytes(b"%PDF-1.7\n")
    _einlesen(seite, falsch)
    fehler = seite.get_by_role("alert")
    assert fehler.get_by_text("Das ist keine Rückläuferdatei im Format camt.054", exact=False).is_visible()
    assert _pruefe(seite, "61-ruecklaeufer-falsche-datei") == []

    _einlesen(seite, ruecklaeuferdatei["pfad"])
    seite.get_by_role("heading", name="Ergebnis für camt054_20250106.xml").wait_for()
    summe = _euro(ruecklaeuferdatei["summe"])
    meldung = seite.get_by_role("status").filter(has_text="Rückläufer über")
    assert meldung.inner_text() == f"2 Rückläufer über {summe} € verbucht, 1 nicht verarbeitet – bitte klären."
    tabelle = seite.get_by_role("table", name="Mit dieser Datei verbuchte Rückläufer")
    for bg in ruecklaeuferdatei["bg"]:
        assert tabelle.get_by_role("row", name=bg).get_by_role("link", name="Zahllauf 12/2026").is_visible()
    assert tabelle.get_by_role("row", name="Summe").get_by_text(summe).is_visible()
    assert seite.get_by_role("list", name="Nicht verarbeitet (1)").get_by_role("listitem").count() == 1
    assert _pruefe(seite, "62-ruecklaeufer-ergebnis", schmal=True) == []

    seite.get_by_role("list", name="Betroffene Zahlläufe").get_by_role("link", name="Zahllauf 12/2026").click()
    seite.get_by_role("heading", name="Rückläufer (2)").wait_for()
    assert seite.get_by_role("link", name="2 Rückläufer").is_visible()  # in the Eckdaten at the top
    abschnitt = seite.get_by_role("table", name="Von der Bank zurückgegebene Zahlungen dieses Zahllaufs", exact=False)
    assert abschnitt.get_by_role("row").filter(has_text="Kontoinhaber verstorben").count() == 1
    assert _pruefe(seite, "63-zahllauf-ruecklaeufer", schmal=True) == []

    seite.go_back()
    _einlesen(seite, ruecklaeuferdatei["pfad"])
    seite.get_by_role("heading", name="Bereits früher verbucht (2)").wait_for()
    assert seite.get_by_role("heading", name="Jetzt verbuchte Rückläufer (0)").is_visible()
    assert _pruefe(seite, "64-ruecklaeufer-zweites-mal") == []
