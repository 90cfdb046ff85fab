"""Demo Zahllauf on a small setup of its own: one SGB II case decided for 2026 through the case services.

Hand calculation (single adult born 1980 in Brake, SGB II 2026): Regelbedarf RBS 1 563,00 € (§ 20 Abs. 2 SGB II;
RBSFV 2026 changes nothing: Besitzschutz keeps the 2024 amount, § 28a Abs. 5 SGB XII) + Unterkunft und Heizung
400 + 100 + 80 = 580,00 € (§ 22 Abs. 1 Satz 2 SGB II, Karenzzeit: actual costs) = 1.143,00 € per month,
Bewilligungszeitraum 01–12/2026 (§ 41 Abs. 3 Satz 1 SGB II). The demo run for 12/2026 is the first run: it pays
12/2026 (laufend) and 01–11/2026 (Nachzahlungen), 12 × 1.143,00 € = 13.716,00 €.
"""

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from sozialhaus.cases import services as cases
from sozialhaus.core.models import Rechtskreis
from sozialhaus.payments import buchungen, sepa, services
from sozialhaus.payments.demo import DEMO_MONAT, lade_demo_zahllauf
from sozialhaus.payments.models import Buchung, Zahllauf, Zahlung

from .conftest import konto_anlegen, pruefungsreif

MONATLICH_2026 = Decimal("1143.00")


@pytest.fixture
def fall_2026(bg_in, benutzer):
    sb = benutzer("sb.kreis")
    bg = bg_in("Brake", Rechtskreis.SGB2, [{"familienname": "Demo", "vorname": "Dora"}])
    konto_anlegen(bg, 4711)
    antrag = cases.antrag_anlegen(sb, bg, art="erstantrag", eingegangen_am=date(2026, 1, 12))
    cases.bewilligen(sb, pruefungsreif(sb, antrag, am=date(2026, 1, 20)))
    return bg


def test_demo_zahllauf_vier_augen_und_sepa(fall_2026, benutzer):
    lauf = lade_demo_zahllauf()
    assert (lauf.monat, lauf.status) == (DEMO_MONAT, Zahllauf.Status.AUSGEFUEHRT)
    assert (lauf.vorbereitet_von, lauf.freigegeben_von) == (benutzer("zahlstelle"), benutzer("kasse"))
    assert lauf.anzahl == 12
    assert lauf.summe == 12 * MONATLICH_2026  # 13.716,00 €
    arten = sorted(lauf.zahlungen.values_list("art", flat=True))
    assert arten == ["laufend"] + ["nachzahlung"] * 11
    assert set(lauf.zahlungen.values_list("betrag", flat=True)) == {MONATLICH_2026}
    dokument = etree.fromstring(lauf.sepa_xml.encode("utf-8"))
    assert sepa.schema().validate(dokument), sepa.schema().error_log
    assert sepa.kontrollsummen(lauf.sepa_xml.encode("utf-8")) == (12, Decimal("13716.00"))
    assert buchungen.pruefe_buchungen(lauf) == []
    assert lauf.traeger.zahlungskonto.kontoinhaber == "Kreiskasse Landkreis Wesermarsch"


def test_demo_zahllauf_ist_idempotent(fall_2026):
    erster = lade_demo_zahllauf()
    stand = (Zahllauf.objects.count(), Zahlung.objects.count(), Buchung.objects.count())
    zweiter = lade_demo_zahllauf()
    assert zweiter.pk == erster.pk
    assert (Zahllauf.objects.count(), Zahlung.objects.count(), Buchung.objects.count()) == stand
    assert services.faellige_betraege(erster.traeger, DEMO_MONAT) == []


def test_liegengebliebener_lauf_wird_abgeschlossen(fall_2026, benutzer, traeger):
    vorbereitet = services.zahllauf_vorbereiten(benutzer("zahlstelle"), traeger, DEMO_MONAT)
    lauf = lade_demo_zahllauf()
    assert lauf.pk == vorbereitet.pk
    assert lauf.status == Zahllauf.Status.AUSGEFUEHRT


def test_ohne_entschiedene_faelle_kein_lauf(db):
    assert lade_demo_zahllauf() is None
    assert not Zahllauf.objects.exists()
