"""Zahllauf: what is due, idempotency, Nachzahlung after an Änderung, four eyes, invalid IBAN, direct rent payment.

Amounts are hand-calculated in conftest.py (1.143,00 € = 563,00 € Regelbedarf + 580,00 € KdU per month).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialhaus.cases import services as cases
from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Dienststelle, Mitarbeit, Rolle
from sozialhaus.payments import services
from sozialhaus.payments.models import Buchung, Direktzahlung, Zahllauf, Zahlung
from sozialhaus.people.models import Unterkunft

from .conftest import MONATLICH, iban, konto_anlegen, pruefungsreif

JAN, FEB, MAR = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)


def _gezahlt(bg, monat) -> Decimal:
    return sum(Zahlung.objects.filter(bedarfsgemeinschaft=bg, monat=monat).values_list("betrag", flat=True), Decimal(0))


def test_monat_im_voraus_und_zweiter_lauf_wird_abgelehnt(bewilligt, ausgefuehrt, traeger, zahlstelle):
    bg = bewilligt()
    lauf = ausgefuehrt(JAN)
    zahlung = lauf.zahlungen.get()
    assert (zahlung.betrag, zahlung.art, zahlung.empfaengerart, zahlung.monat) == (MONATLICH, "laufend", "person", JAN)
    assert zahlung.empfaenger == "Anna Allein" and zahlung.iban == iban(4711)
    assert zahlung.status == Zahlung.Status.AUSGEFUEHRT and lauf.status == Zahllauf.Status.AUSGEFUEHRT
    assert zahlung.verwendungszweck == f"Buergergeld 01/2025 laufende Leistung Az {bg.bg_nummer}"

    with pytest.raises(ValidationError) as fehler:
        services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    assert fehler.value.messages == ["Für 01/2025 wurde bereits ein Zahllauf ausgeführt."]
    assert (Zahllauf.objects.count(), Zahlung.objects.count(), Buchung.objects.count()) == (1, 1, 2)
    with pytest.raises(ValidationError, match="bereits ausgeführt"):
        services.zahllauf_ausfuehren(lauf)
    assert Buchung.objects.count() == 2
    assert services.faellige_betraege(traeger, JAN) == []


def test_spaeterer_lauf_zahlt_nur_neuen_monat_und_nachzahlung_nach_aenderung(bewilligt, ausgefuehrt, traeger, benutzer):
    bg = bewilligt()
    ausgefuehrt(JAN)
    ausgefuehrt(FEB)
    # Rent rises from 1.2.2025: Kaltmiete 400 → 450 €; Änderung (§ 48 SGB X) from February:
    # 563 + 450 + 100 + 80 = 1.193,00 € (§ 22 Abs. 1 Satz 2 SGB II, Karenzzeit) → February Nachzahlung 50,00 €.
    Unterkunft(
        haushalt=bg.haushalt,
        kaltmiete=Decimal("450.00"),
        nebenkosten=Decimal("100.00"),
        heizkosten=Decimal("80.00"),
        wohnflaeche=Decimal("55.00"),
        gemeinde=bg.haushalt.gemeinde,
        gueltig_ab=FEB,
    ).als_neue_version_speichern()
    sb = benutzer("sb.kreis")
    bewilligung = bg.antraege.get().entscheidungen.get()
    mitteilung = cases.antrag_anlegen(
        sb, bg, art="aenderung", eingegangen_am=date(2025, 2, 20), vorentscheidung=bewilligung
    )
    cases.aendern(
        sb, pruefungsreif(sb, mitteilung, date(2025, 2, 20)), ab=FEB, rechtsgrundlage="sgb10_48",
        begruendung="Mieterhöhung zum 01.02.2025.",
    )  # fmt: skip

    lauf = ausgefuehrt(MAR)

    zahlungen = sorted((z.monat, z.art, z.betrag) for z in lauf.zahlungen.all())
    assert zahlungen == [(FEB, "nachzahlung", Decimal("50.00")), (MAR, "laufend", Decimal("1193.00"))]
    assert (_gezahlt(bg, JAN), _gezahlt(bg, FEB), _gezahlt(bg, MAR)) == (
        MONATLICH,
        Decimal("1193.00"),
        Decimal("1193.00"),
    )
    # The 50 € are KdU (the increase is rent): booked on the kommunal Haushaltsstelle.
    nachzahlung = lauf.zahlungen.get(monat=FEB)
    assert [(b.haushaltsstelle.leistungsart, b.betrag) for b in nachzahlung.buchungen.all()] == [
        ("kdu", Decimal("50.00"))
    ]


def test_faellige_betraege_folgen_bewilligte_monate(bewilligt, traeger):
    bg = bewilligt()
    faellig = services.faellige_betraege(traeger, MAR)
    in_kraft = cases.bewilligte_monate(bg)
    assert [(f.monat, f.soll, f.leistungsmonat_id) for f in faellig] == [
        (m, in_kraft[m].betrag, in_kraft[m].pk) for m in (JAN, FEB, MAR)
    ]


def test_vier_augen(bewilligt, traeger, zahlstelle, zahlstelle2, benutzer):
    bewilligt()
    lauf = services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    sb = benutzer("sb.kreis")
    with pytest.raises(ValidationError, match="Wer den Zahllauf vorbereitet hat, darf ihn nicht freigeben"):
        services.zahllauf_freigeben(zahlstelle, lauf)
    with pytest.raises(ValidationError, match="Nur ein Mitglied der Zahlstelle"):
        services.zahllauf_freigeben(sb, lauf)
    # Even with the Rolle Zahlstelle, the caseworker who decided a benefit paid in the run may not release it.
    Mitarbeit.objects.create(
        benutzer=sb, dienststelle=Dienststelle.objects.get(kuerzel="kv-soziales"), rolle=Rolle.ZAHLSTELLE
    )
    with pytest.raises(ValidationError, match="Sie haben über Leistungen entschieden"):
        services.zahllauf_freigeben(sb, lauf)
    lauf.refresh_from_db()
    assert (lauf.status, lauf.freigegeben_von) == (Zahllauf.Status.VORBEREITET, None)
    with pytest.raises(ValidationError, match="noch nicht freigegeben"):
        services.zahllauf_ausfuehren(lauf)
    assert Buchung.objects.count() == 0

    services.zahllauf_freigeben(zahlstelle2, lauf)
    assert services.zahllauf_ausfuehren(lauf).status == Zahllauf.Status.AUSGEFUEHRT


def test_ungueltige_iban_wird_zurueckgestellt_und_spaeter_nachgezahlt(bewilligt, ausgefuehrt, traeger):
    gut = bewilligt("Gut", konto=4711)
    schlecht = bewilligt("Schlecht", konto="DE00280501000000004712")  # check digits 00 are never valid (ISO 13616)
    lauf = ausgefuehrt(JAN)

    assert list(lauf.zahlungen.values_list("bedarfsgemeinschaft", flat=True)) == [gut.pk]
    assert lauf.protokoll["zurueckgestellt"] == [
        {
            "bg": schlecht.bg_nummer,
            "monat": "01/2025",
            "empfaenger": "Leistungsberechtigte Person",
            "betrag": "1143.00",
            "grund": "Die IBAN DE00280501000000004712 ist ungültig (Länge, Ländercode oder Prüfziffer).",
        }
    ]
    assert not Buchung.objects.filter(zahlung__bedarfsgemeinschaft=schlecht).exists()

    # Corrected account from February: the February run pays January as Nachzahlung too.
    konto = schlecht.mitgliedschaften.get().person.bankverbindungen.get()
    konto.gueltig_bis = date(2025, 1, 31)
    konto.save()
    konto_anlegen(schlecht, 4712)
    schlecht.mitgliedschaften.get().person.bankverbindungen.filter(gueltig_bis__isnull=True).update(gueltig_ab=FEB)
    februar = ausgefuehrt(FEB)
    assert sorted((z.monat, z.art, z.betrag) for z in februar.zahlungen.filter(bedarfsgemeinschaft=schlecht)) == [
        (JAN, "nachzahlung", MONATLICH),
        (FEB, "laufend", MONATLICH),
    ]


def test_ohne_bankverbindung_wird_zurueckgestellt_und_protokolliert(bewilligt, traeger, zahlstelle):
    bewilligt("Ohne", konto=None)
    bewilligt("Mit", konto=4711)
    lauf = services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    assert [z["grund"] for z in lauf.protokoll["zurueckgestellt"]] == [
        "Es ist keine gültige Bankverbindung hinterlegt."
    ]
    assert (lauf.anzahl, lauf.summe) == (1, MONATLICH)
    eintrag = AuditEintrag.objects.filter(objekt_typ="zahllauf", objekt_id=str(lauf.pk)).get()
    assert (eintrag.benutzer, eintrag.aktion, eintrag.details["zurueckgestellt"]) == (zahlstelle, "anlegen", 1)


def test_ohne_faellige_betraege_entsteht_kein_zahllauf(traeger, zahlstelle):
    with pytest.raises(ValidationError, match="Für 01/2025 ist kein Betrag zu zahlen."):
        services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    assert not Zahllauf.objects.exists()


def test_direktzahlung_miete_an_vermieter(bewilligt, ausgefuehrt, traeger):
    """§ 22 Abs. 7 SGB II: 500 € rent to the landlord, the remaining 643 € to the person."""
    bg = bewilligt()
    Direktzahlung.objects.create(
        bedarfsgemeinschaft=bg, art="miete", empfaenger="Wohnungsbau Brake GmbH & Co. KG", iban=iban(9001),
        betrag=Decimal("500.00"), gueltig_ab=JAN,
    )  # fmt: skip
    lauf = services.zahllauf_vorbereiten(None, traeger, JAN)
    zahlungen = {z.empfaengerart: z for z in lauf.zahlungen.all()}
    assert zahlungen["miete"].betrag == Decimal("500.00")
    assert zahlungen["miete"].empfaenger == "Wohnungsbau Brake GmbH + Co. KG"
    assert zahlungen["miete"].verwendungszweck == f"Miete 01/2025 Anna Allein Az {bg.bg_nummer}"
    assert zahlungen["person"].betrag == MONATLICH - Decimal("500.00") == Decimal("643.00")
    assert services.vorschau(lauf)["empfaenger"] == {"miete": Decimal("500.00"), "person": Decimal("643.00")}
    assert services.vorschau(lauf)["rechtskreis"] == {"sgb2": MONATLICH}


def test_direktzahlung_hoechstens_der_monatsbetrag(bewilligt, traeger):
    bg = bewilligt()
    Direktzahlung.objects.create(
        bedarfsgemeinschaft=bg, art="miete", empfaenger="Vermieter", iban=iban(9001), betrag=Decimal("2000.00"),
        gueltig_ab=JAN,
    )  # fmt: skip
    lauf = services.zahllauf_vorbereiten(None, traeger, JAN)
    assert [(z.empfaengerart, z.betrag) for z in lauf.zahlungen.all()] == [("miete", MONATLICH)]


def test_vorbereiten_nur_durch_zahlstelle_und_nur_mit_konto(bewilligt, traeger, benutzer):
    bewilligt()
    with pytest.raises(ValidationError, match="Nur die Zahlstelle des Trägers darf einen Zahllauf vorbereiten."):
        services.zahllauf_vorbereiten(benutzer("sb.kreis"), traeger, JAN)
    traeger.zahlungskonto.delete()
    with pytest.raises(ValidationError, match="kein Zahlungskonto der Kreiskasse"):
        services.zahllauf_vorbereiten(None, traeger, JAN)
    assert not Zahllauf.objects.exists()


def test_ausfuehrungsdatum_letzter_werktag_vor_dem_monat():
    # 1.3.2025 is a Saturday: the last working day before is Friday 28.2.2025.
    assert services.ausfuehrungsdatum_fuer(MAR, heute=date(2025, 2, 10)) == date(2025, 2, 28)
    # That day has passed: the next working day from today (Saturday 1.3. → Monday 3.3.2025).
    assert services.ausfuehrungsdatum_fuer(MAR, heute=date(2025, 3, 1)) == date(2025, 3, 3)


def test_direktzahlung_mit_ungueltiger_iban_wird_zurueckgestellt_nicht_an_die_person(bewilligt, traeger):
    bg = bewilligt()
    Direktzahlung.objects.create(
        bedarfsgemeinschaft=bg, art="miete", empfaenger="Vermieter", iban="DE00280501000000009001",
        betrag=Decimal("500.00"), gueltig_ab=JAN,
    )  # fmt: skip
    lauf = services.zahllauf_vorbereiten(None, traeger, JAN)
    # The rent stays held back (the direct payment was decided, § 22 Abs. 7 SGB II); the person gets 643 € only.
    assert [(z.empfaengerart, z.betrag) for z in lauf.zahlungen.all()] == [("person", Decimal("643.00"))]
    assert [(z["empfaenger"], z["betrag"]) for z in lauf.protokoll["zurueckgestellt"]] == [
        ("Vermieter/in (Direktzahlung Miete)", "500.00")
    ]
