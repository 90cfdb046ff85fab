"""Claims fixtures: the payments fixtures (Kreiskasse account, Haushaltsstellen, two Zahlstelle logins, decided SGB II
cases) and a clock fixed to a day in 2025, so that the Erstattungsbescheid, the Aufrechnung and the Zahlläufe of
2025 follow each other as they would in real time.

The standard case (tests/payments/conftest.py): a single adult in Brake, SGB II 2025, Regelbedarf RBS 1 563,00 €
(§ 20 Abs. 2 SGB II, RBSFV 2025) + Unterkunft und Heizung 400 + 100 + 80 = 580,00 € (§ 22 Abs. 1 SGB II,
Karenzzeit) = 1.143,00 € a month, awarded 01–12/2025.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from sozialhaus.cases import services as cases
from sozialhaus.claims.models import Grund
from sozialhaus.claims.services import forderungen_festsetzen
from sozialhaus.people.models import Unterkunft
from tests.payments import conftest as zahlungen

traeger, zahlstelle, zahlstelle2 = zahlungen.traeger, zahlungen.zahlstelle, zahlungen.zahlstelle2
bewilligt, ausgefuehrt = zahlungen.bewilligt, zahlungen.ausgefuehrt

HEUTE = date(2025, 3, 20)
JAN, FEB, MAR, APR, MAI, JUN, JUL, AUG = (date(2025, m, 1) for m in range(1, 9))


class Uhr:
    """The day every service sees as today (``timezone.localdate``); a test may move it on (``uhr.tag = …``)."""

    tag = HEUTE


@pytest.fixture(autouse=True)
def uhr(monkeypatch):
    """Today is 20 March 2025 unless the test moves the clock."""
    jetzt = Uhr()
    monkeypatch.setattr(timezone, "localdate", lambda *args: jetzt.tag)
    return jetzt


def miete_senken(bg, kaltmiete: str, ab: date) -> None:
    """A new Unterkunft from ``ab`` with a lower Kaltmiete (Nebenkosten 100 €, Heizkosten 80 € as before)."""
    Unterkunft.objects.create(
        haushalt=bg.haushalt,
        kaltmiete=Decimal(kaltmiete),
        nebenkosten=Decimal("100.00"),
        heizkosten=Decimal("80.00"),
        wohnflaeche=Decimal("55.00"),
        gemeinde=bg.haushalt.gemeinde,
        gueltig_ab=ab,
    )


def aenderung(sb, bg, ab: date, *, begruendung="Die Miete ist gesunken; die Senkung wurde nicht mitgeteilt."):
    """Änderungsmitteilung and Änderung (§ 48 SGB X) of the BG's Bewilligung from ``ab``."""
    vorher = bg.antraege.get().entscheidungen.get()
    antrag = cases.antrag_anlegen(sb, bg, art="aenderung", eingegangen_am=HEUTE, vorentscheidung=vorher)
    for nachweis in antrag.nachweise.all():
        cases.nachweis_eingegangen(sb, nachweis, eingegangen_am=HEUTE)
    cases.status_setzen(sb, antrag, "in_pruefung")
    cases.status_setzen(sb, antrag, "entscheidungsreif")
    return cases.aendern(sb, antrag, ab=ab, rechtsgrundlage="sgb10_48", begruendung=begruendung)


def ueberzahlt(bewilligt, ausgefuehrt, sb):
    """(BG, Änderung) of the standard case with an Überzahlung: Kaltmiete 400 → 100 € from February 2025 after
    January to March were paid at 1.143,00 €; new amount 843,00 €, so February and March are 2 × 300,00 € too much."""
    bg = bewilligt()
    for monat in (JAN, FEB, MAR):
        ausgefuehrt(monat)
    miete_senken(bg, "100.00", FEB)
    return bg, aenderung(sb, bg, FEB)


@pytest.fixture
def forderung(bewilligt, ausgefuehrt, benutzer):
    """The Forderung of 600,00 € (``ueberzahlt``), festgesetzt with the 30 % ground of § 43 Abs. 2 SGB II."""
    sb = benutzer("sb.kreis")
    _, entscheidung = ueberzahlt(bewilligt, ausgefuehrt, sb)
    return forderungen_festsetzen(sb, entscheidung, grund=Grund.SGB2_SONSTIGE)[0]
