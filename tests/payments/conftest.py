"""Payments fixtures: the Kreiskasse account and example Haushaltsstellen of Landkreis Wesermarsch, a second
Zahlstelle login for the four-eyes release, and decided SGB II cases made through the case services.

Hand calculation of the standard case (tests/conftest.py ``neue_bg``; single adult born 1980 in Brake, SGB II 2025):
Regelbedarf RBS 1 563,00 € (§ 20 Abs. 2 SGB II; RBSFV 2025, Besitzschutz: the 2024 amount continues)
+ Unterkunft und Heizung 400 + 100 + 80 = 580,00 € (§ 22 Abs. 1 Satz 2 SGB II, Karenzzeit: actual costs)
= 1.143,00 € per month, Bewilligungszeitraum 01–12/2025 (§ 41 Abs. 3 Satz 1 SGB II).
"""

from datetime import date
from decimal import Decimal

import pytest
from schwifty import IBAN

from sozialhaus.cases import services as cases
from sozialhaus.core.models import Benutzer, Dienststelle, Mitarbeit, Rechtskreis, Rolle, Traeger
from sozialhaus.payments import services
from sozialhaus.payments.buchungen import haushaltsstellen_anlegen
from sozialhaus.payments.models import Zahlungskonto
from sozialhaus.people.models import Bankverbindung

REGELBEDARF = Decimal("563.00")
KDU = Decimal("580.00")
MONATLICH = REGELBEDARF + KDU  # 1.143,00 €


def iban(konto: int) -> str:
    """A valid German IBAN at the Landessparkasse zu Oldenburg (BLZ 280 501 00)."""
    return IBAN.generate("DE", bank_code="28050100", account_code=str(konto)).compact


@pytest.fixture
def traeger(db):
    traeger = Traeger.objects.get(regionalschluessel="03461")
    Zahlungskonto.objects.create(
        traeger=traeger, kontoinhaber="Kreiskasse Landkreis Wesermarsch", iban=iban(1000001), bic="SLZODE22XXX"
    )
    haushaltsstellen_anlegen(traeger)
    return traeger


@pytest.fixture
def zahlstelle(benutzer):
    return benutzer("zahlstelle")


@pytest.fixture
def zahlstelle2(db):
    """A second member of the Kreiskasse, so that releases can follow the four-eyes rule."""
    zweite = Benutzer.objects.create_user("zahlstelle2", first_name="Zacharias", last_name="Zweitmann")
    Mitarbeit.objects.create(
        benutzer=zweite, dienststelle=Dienststelle.objects.get(kuerzel="kv-soziales"), rolle=Rolle.ZAHLSTELLE
    )
    return zweite


def pruefungsreif(sb, antrag, am=date(2025, 1, 20)):
    for nachweis in antrag.nachweise.all():
        cases.nachweis_eingegangen(sb, nachweis, eingegangen_am=am)
    cases.status_setzen(sb, antrag, "in_pruefung")
    return cases.status_setzen(sb, antrag, "entscheidungsreif")


def konto_anlegen(bg, nummer: str | int, *, inhaber=None):
    person = bg.mitgliedschaften.get(rolle="antragsteller").person
    Bankverbindung.objects.create(
        person=person,
        kontoinhaber=inhaber or person.name,
        iban=nummer if isinstance(nummer, str) else iban(nummer),
        gueltig_ab=date(2025, 1, 1),
    )


@pytest.fixture
def bewilligt(bg_in, benutzer, traeger):
    """Factory: an SGB II BG in Brake with a Bankverbindung, awarded 01–12/2025 by sb.kreis; returns the BG."""

    def anlegen(familienname="Allein", konto: str | int | None = 4711, vor_bewilligung=None):
        sb = benutzer("sb.kreis")
        bg = bg_in("Brake", Rechtskreis.SGB2, [{"familienname": familienname, "vorname": "Anna"}])
        if konto is not None:
            konto_anlegen(bg, konto)
        if vor_bewilligung:
            vor_bewilligung(bg)
        antrag = cases.antrag_anlegen(sb, bg, art="erstantrag", eingegangen_am=date(2025, 1, 15))
        cases.bewilligen(sb, pruefungsreif(sb, antrag))
        return bg

    return anlegen


@pytest.fixture
def ausgefuehrt(traeger, zahlstelle, zahlstelle2):
    """Factory: prepare (Zahlstelle), release (second Zahlstelle) and execute the run of a month."""

    def lauf(monat: date):
        vorbereitet = services.zahllauf_vorbereiten(zahlstelle, traeger, monat)
        services.zahllauf_freigeben(zahlstelle2, vorbereitet)
        return services.zahllauf_ausfuehren(vorbereitet)

    return lauf


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "absturz: kill test of the Zahllauf (SIGKILL at random points, ~1–2 min); runs in make test"
    )
