"""One-off benefits in the Zahllauf: paid once, on their own, beside the monthly amount, booked, never twice.

Hand calculation: the monthly amount is 1.143,00 € (563,00 € Regelbedarf + 580,00 € KdU, conftest.py); the
Erstausstattung für die Wohnung (§ 24 Abs. 3 Satz 1 Nr. 1 SGB II) is the caseworker's Pauschalbetrag of 420,00 €
(§ 24 Abs. 3 Satz 5 SGB II), decided on 10.03.2025 and so due with the run of 03/2025. It is financed by the
kommunaler Träger (§ 6 Abs. 1 Satz 1 Nr. 2 SGB II): booked on the Kommune's Haushaltsstelle (31.2.01/533100).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from sozialhaus.cases import services as cases
from sozialhaus.payments import services
from sozialhaus.payments.buchungen import pruefe_buchungen, zahlung_stornieren
from sozialhaus.payments.models import Buchung, Direktzahlung, Zahlung

from .conftest import KDU, MONATLICH, REGELBEDARF, iban, pruefungsreif

JAN, FEB, MAR, APR = (date(2025, m, 1) for m in (1, 2, 3, 4))
ERSTAUSSTATTUNG = Decimal("420.00")


@pytest.fixture(autouse=True)
def heute(monkeypatch):
    """Every service sees Monday 10 March 2025 as today (the day of the decision)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2025, 3, 10))


def einmalig_bewilligen(bg, sb):
    antrag = cases.antrag_anlegen(sb, bg, art="einmalbedarf", eingegangen_am=date(2025, 3, 3))
    entscheidung = cases.einmalleistung_bewilligen(
        sb, pruefungsreif(sb, antrag, am=date(2025, 3, 5)), art="wohnung", betrag=ERSTAUSSTATTUNG
    )
    return entscheidung.einmalleistung


def test_laufende_und_einmalige_leistung_als_zwei_zahlungen(bewilligt, ausgefuehrt, benutzer):
    bg = bewilligt()
    leistung = einmalig_bewilligen(bg, benutzer("sb.kreis"))
    traeger = bg.dienststelle.traeger
    assert not [f for f in services.faellige_betraege(traeger, FEB) if f.einmalleistung_id]  # due from 03/2025
    assert [(f.soll, f.monat) for f in services.faellige_betraege(traeger, MAR) if f.einmalleistung_id] == [
        (ERSTAUSSTATTUNG, MAR)
    ]

    for monat in (JAN, FEB):
        assert [z.betrag for z in ausgefuehrt(monat).zahlungen.all()] == [MONATLICH]

    maerz = ausgefuehrt(MAR)
    laufend, einmalig = maerz.zahlungen.order_by("id")
    assert (laufend.betrag, laufend.art, laufend.einmalleistung) == (MONATLICH, "laufend", None)
    assert (einmalig.betrag, einmalig.art, einmalig.monat) == (ERSTAUSSTATTUNG, "einmalig", MAR)
    assert (einmalig.einmalleistung, einmalig.leistungsmonat, einmalig.empfaengerart) == (leistung, None, "person")
    assert einmalig.iban == iban(4711) and einmalig.empfaenger == "Anna Allein"
    assert einmalig.verwendungszweck == f"Erstausstattung Wohnung 03/2025 Az {bg.bg_nummer}"
    assert (maerz.anzahl, maerz.summe) == (2, MONATLICH + ERSTAUSSTATTUNG)  # 1.563,00 €

    gebucht = {
        (b.zahlung_id, b.haushaltsstelle.sachkonto): b.betrag for b in Buchung.objects.filter(zahlung__zahllauf=maerz)
    }
    assert gebucht == {
        (laufend.pk, "533200"): REGELBEDARF,  # Bund, § 6 Abs. 1 Satz 1 Nr. 1 SGB II
        (laufend.pk, "533100"): KDU,  # Kommune, § 6 Abs. 1 Satz 1 Nr. 2 SGB II
        (einmalig.pk, "533100"): ERSTAUSSTATTUNG,  # Kommune: § 24 Abs. 3 Satz 1 Nr. 1 in § 6 Abs. 1 Satz 1 Nr. 2
    }
    assert pruefe_buchungen(maerz) == []
    assert "Erstausstattung" in maerz.sepa_xml and "<CtrlSum>1563.00</CtrlSum>" in maerz.sepa_xml

    april = ausgefuehrt(APR)
    assert [(z.betrag, z.art) for z in april.zahlungen.all()] == [(MONATLICH, "laufend")]  # the 420 € only once


def test_nicht_mit_direktzahlung_verrechnet(bewilligt, ausgefuehrt, benutzer):
    bg = bewilligt(
        vor_bewilligung=lambda bg: Direktzahlung.objects.create(
            bedarfsgemeinschaft=bg,
            art="miete",
            empfaenger="Wohnbau Brake eG",
            iban=iban(5005),
            betrag=Decimal("500.00"),
            gueltig_ab=JAN,
        )
    )
    einmalig_bewilligen(bg, benutzer("sb.kreis"))
    for monat in (JAN, FEB):
        ausgefuehrt(monat)
    zahlungen = sorted((z.empfaengerart, z.art, z.betrag) for z in ausgefuehrt(MAR).zahlungen.all())
    # Miete 500,00 € to the landlord, the rest of the month 643,00 € and the one-off 420,00 € in full to the person
    assert zahlungen == [
        ("miete", "laufend", Decimal("500.00")),
        ("person", "einmalig", ERSTAUSSTATTUNG),
        ("person", "laufend", Decimal("643.00")),
    ]


def test_storniert_wieder_faellig_einmal(bewilligt, ausgefuehrt, benutzer, zahlstelle):
    bg = bewilligt()
    einmalig_bewilligen(bg, benutzer("sb.kreis"))
    for monat in (JAN, FEB):
        ausgefuehrt(monat)
    einmalig = ausgefuehrt(MAR).zahlungen.get(art="einmalig")
    zahlung_stornieren(zahlstelle, einmalig, grund="Falsches Konto")

    april = ausgefuehrt(APR)
    assert sorted((z.art, z.monat, z.betrag) for z in april.zahlungen.all()) == [
        ("einmalig", MAR, ERSTAUSSTATTUNG),  # due again after the Storno, still for 03/2025
        ("laufend", APR, MONATLICH),
    ]
    gezahlt = Zahlung.objects.filter(art="einmalig").exclude(status="storniert")
    assert [z.betrag for z in gezahlt] == [ERSTAUSSTATTUNG]
    assert pruefe_buchungen(april) == []
