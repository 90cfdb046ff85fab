"""Claims account: Zahlungseingang by Kassenzeichen, Ratenplan with overdue reminders, Niederschlagung and Erlass by
Teamleitung only, access across Dienststellen (UI and API). The Forderung is the 600,00 € of conftest.py."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sozialhaus.claims import mahnung, services
from sozialhaus.claims.konto import saldo, status
from sozialhaus.claims.models import Buchungsart, Mahnung, OffenerZahlungseingang
from sozialhaus.worklist.models import Aufgabe

pytestmark = pytest.mark.django_db


def test_zahlungseingang_nach_kassenzeichen(forderung, benutzer, zahlstelle):
    referenz = f"Erstattung {forderung.nummer.lower()} Anna Allein"
    buchung = services.zahlungseingang_buchen(
        zahlstelle, referenz=referenz, betrag="250.00", eingegangen_am=date(2025, 3, 19)
    )
    assert (buchung.forderung, buchung.art, buchung.betrag) == (forderung, Buchungsart.ZAHLUNGSEINGANG, Decimal("-250"))
    assert saldo(forderung) == Decimal("350.00")  # 600,00 − 250,00

    with pytest.raises(ValidationError, match=r"übersteigt die offene Forderung .* \(350,00 €\)"):
        services.zahlungseingang_buchen(
            zahlstelle, referenz=referenz, betrag="350.01", eingegangen_am=date(2025, 3, 19)
        )
    assert saldo(forderung) == Decimal("350.00")


def test_nicht_zuordenbarer_zahlungseingang(forderung, benutzer, zahlstelle):
    ohne = "Rueckzahlung Maerz"
    offen = services.zahlungseingang_buchen(zahlstelle, referenz=ohne, betrag="50", eingegangen_am=date(2025, 3, 18))
    assert isinstance(offen, OffenerZahlungseingang)
    assert list(services.offene_zahlungseingaenge(zahlstelle)) == [offen]
    with pytest.raises(ValidationError, match="kein bekanntes Kassenzeichen"):
        services.zahlungseingang_buchen(
            benutzer("sb.kreis"), referenz=ohne, betrag="50", eingegangen_am=date(2025, 3, 18)
        )
    assert OffenerZahlungseingang.objects.count() == 1
    services.zahlungseingang_zuordnen(zahlstelle, offen, forderung)
    assert saldo(forderung) == Decimal("550.00")


def test_ratenplan_ueberfaellige_rate_erzeugt_mahnung_und_aufgabe(forderung, benutzer, uhr):
    """Rates of 250 € on the 15th from April 2025: 250 + 250 + 100 = 600 €."""
    plan = services.ratenplan_vereinbaren(benutzer("sb.kreis"), forderung, rate="250", erste_rate=date(2025, 4, 15))
    assert mahnung.faelligkeiten(plan, date(2025, 12, 31)) == [
        (date(2025, 4, 15), Decimal("250")),
        (date(2025, 5, 15), Decimal("250")),
        (date(2025, 6, 15), Decimal("100.00")),
    ]
    assert mahnung.mahnungen_erstellen(date(2025, 4, 15)) == 0  # due today, not yet overdue
    assert mahnung.mahnungen_erstellen(date(2025, 4, 16)) == 1
    erste = Mahnung.objects.get()
    assert (erste.rueckstand, erste.faellig_gewesen_am) == (Decimal("250"), date(2025, 4, 15))
    aufgabe = erste.aufgabe
    assert aufgabe.art == Aufgabe.Art.WIEDERVORLAGE and aufgabe.bearbeiter == benutzer("sb.kreis")
    assert forderung.nummer in aufgabe.text and "250,00 €" in aufgabe.text
    assert mahnung.mahnungen_erstellen(date(2025, 4, 17)) == 0  # once per missed Rate

    uhr.tag = date(2025, 4, 20)
    services.zahlungseingang_buchen(
        benutzer("sb.kreis"), referenz=forderung.nummer, betrag="250", eingegangen_am=date(2025, 4, 20)
    )
    call_command("forderungen_mahnen", heute=date(2025, 5, 15))  # nothing overdue: 250 due, 250 paid
    assert Mahnung.objects.count() == 1
    call_command("forderungen_mahnen", heute=date(2025, 5, 16))  # second Rate missed: 500 due − 250 paid
    assert Mahnung.objects.latest("id").rueckstand == Decimal("250")


def test_niederschlagung_und_erlass_nur_durch_teamleitung(forderung, benutzer):
    sb = benutzer("sb.kreis")
    for handlung in (services.niederschlagen, services.erlassen):
        with pytest.raises(PermissionDenied, match="nur die Teamleitung"):
            handlung(sb, forderung, grund="Schuldnerin ist mittellos.")
    assert saldo(forderung) == Decimal("600.00")

    teamleitung = benutzer("teamleitung")
    with pytest.raises(ValidationError, match="Grund der Unbilligkeit"):
        services.erlassen(teamleitung, forderung, grund="  ")
    services.erlassen(teamleitung, forderung, grund="Unbillige Härte: Pflege eines Angehörigen.", betrag="100")
    assert saldo(forderung) == Decimal("500.00")
    services.niederschlagen(teamleitung, forderung, grund="Einziehung derzeit aussichtslos (Pfändung fruchtlos).")
    assert (saldo(forderung), status(forderung, saldo(forderung))) == (Decimal("0.00"), "befristet niedergeschlagen")
    with pytest.raises(ValidationError, match="niedergeschlagen"):
        services.zahlungseingang_buchen(sb, referenz=forderung.nummer, betrag="10", eingegangen_am=date(2025, 3, 20))
    services.wiederaufnehmen(teamleitung, forderung, grund="Neue Arbeitsstelle.")
    assert saldo(forderung) == Decimal("500.00")


def test_andere_gemeinde_sieht_das_forderungskonto_nicht(forderung, client, benutzer):
    kn = forderung.person.kundennummer
    client.force_login(benutzer("sb.nordenham"))
    assert client.get(f"/personen/{kn}/forderungen/").status_code == 404
    assert client.get(f"/api/v1/personen/{kn}/forderungen/").status_code == 404
    assert client.post(f"/forderungen/{forderung.nummer}/erlass/", {"grund": "x"}).status_code == 404
    assert saldo(forderung) == Decimal("600.00")

    client.force_login(benutzer("sb.kreis"))
    seite = client.get(f"/personen/{kn}/forderungen/")
    assert seite.status_code == 200
    assert forderung.nummer in seite.content.decode() and "600,00" in seite.content.decode()
    daten = client.get(f"/api/v1/personen/{kn}/forderungen/").json()
    assert [(f["nummer"], f["offen"], f["status"]) for f in daten] == [(forderung.nummer, "600.00", "offen")]


def test_ui_aufrechnung_ueber_grenze_400_und_nichts_gespeichert(forderung, client, benutzer):
    client.force_login(benutzer("sb.kreis"))
    antwort = client.post(
        f"/forderungen/{forderung.nummer}/aufrechnung/",
        {"prozent": "35", "ab": "2025-04-01", "begruendung": "Ermessen ausgeübt."},
    )
    assert antwort.status_code == 400
    assert "höchstens 30 % des maßgebenden Regelbedarfs" in antwort.content.decode()
    assert not forderung.aufrechnungen.exists()
    client.force_login(benutzer("sb.kreis"))
    antwort = client.post(f"/forderungen/{forderung.nummer}/erlass/", {"grund": "Härte"})
    assert antwort.status_code == 403
