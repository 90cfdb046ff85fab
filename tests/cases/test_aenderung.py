"""aendern (§ 48 SGB X i.V.m. § 40 Abs. 1 SGB II, § 330 Abs. 3 SGB III): Änderungsbescheid data per month.

The issue's "done when": a 12-month Bürgergeld award for a single adult (2025-01 to 2025-12), then Erwerbseinkommen
from month 4. 2025 is chosen because every month can be hand-calculated with one set of rules (the
13. SGB II-ÄndG changes the engine's rules from 2026-07, docs/rules.md section 4).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialhaus.cases import services
from sozialhaus.cases.models import Entscheidung
from sozialhaus.people.models import Einkommen

from .conftest import pruefungsreif


def _bedarf() -> Decimal:
    regelbedarf = Decimal("563.00")  # § 20 Abs. 2 Satz 1 SGB II, RBS 1; RBSFV 2025 (Besitzschutz, 563 € as 2024)
    unterkunft_heizung = Decimal("400.00") + Decimal("100.00") + Decimal("80.00")  # § 22 Abs. 1 Satz 2 (Karenzzeit)
    return regelbedarf + unterkunft_heizung  # 1.143,00 €


def _angerechnet(brutto: Decimal, netto: Decimal) -> Decimal:
    """Einkommen counted after §§ 11b Abs. 2, 3 SGB II (version from 1.7.2023, Bürgergeld-Gesetz)."""
    grundabsetzbetrag = Decimal("100.00")  # § 11b Abs. 2 Satz 1: instead of Abs. 1 Satz 1 Nr. 3 to 5
    band_20 = (min(brutto, Decimal("520")) - Decimal("100")) * Decimal("0.20")  # § 11b Abs. 3 Satz 2 Nr. 1
    band_30 = (min(brutto, Decimal("1000")) - Decimal("520")) * Decimal("0.30")  # Nr. 2
    band_10 = (min(brutto, Decimal("1200")) - Decimal("1000")) * Decimal("0.10")  # Nr. 3 (no child: up to 1.200 €)
    return netto - grundabsetzbetrag - band_20 - band_30 - band_10


@pytest.fixture
def bewilligung(alleinstehend, sb_kreis):
    antrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    pruefungsreif(sb_kreis, antrag)
    return services.bewilligen(sb_kreis, antrag)


def _mitteilung(sb_kreis, bg, bewilligung, am=date(2025, 4, 10)):
    antrag = services.antrag_anlegen(sb_kreis, bg, art="aenderung", eingegangen_am=am, vorentscheidung=bewilligung)
    return pruefungsreif(sb_kreis, antrag, am=am)


def test_einkommen_ab_monat_4_aendert_nur_die_monate_4_bis_12(alleinstehend, sb_kreis, bewilligung):
    # Every month of the award without income: 563 + 580 = 1.143,00 €.
    assert set(bewilligung.monate.values_list("betrag", flat=True)) == {_bedarf()} == {Decimal("1143.00")}
    person = alleinstehend.mitgliedschaften.get().person
    Einkommen.objects.create(
        person=person,
        art="erwerbseinkommen",
        brutto=Decimal("1100.00"),
        netto=Decimal("850.00"),
        gueltig_ab=date(2025, 4, 1),
    )
    mitteilung = _mitteilung(sb_kreis, alleinstehend, bewilligung)

    aenderung = services.aendern(
        sb_kreis, mitteilung, ab=date(2025, 4, 1), rechtsgrundlage="sgb10_48",
        begruendung="Arbeitsaufnahme zum 01.04.2025; Einkommen wird ab April angerechnet (§ 11 Abs. 2 SGB II).",
    )  # fmt: skip

    # Hand calculation for 1.100 € brutto / 850 € netto:
    #   Absetzbeträge: 100 (Grundabsetzbetrag) + 20 % of 420 = 84 + 30 % of 480 = 144 + 10 % of 100 = 10 → 338 €
    #   angerechnet 850 − 338 = 512,00 €; Anspruch 1.143 − 512 = 631,00 €; Überzahlung 631 − 1.143 = −512,00 €.
    angerechnet = _angerechnet(Decimal("1100.00"), Decimal("850.00"))
    assert angerechnet == Decimal("512.00")
    neu = _bedarf() - angerechnet
    assert neu == Decimal("631.00")
    assert (aenderung.art, aenderung.aendert, aenderung.rechtsgrundlage) == ("aenderung", bewilligung, "sgb10_48")
    assert (aenderung.zeitraum_von, aenderung.zeitraum_bis) == (date(2025, 4, 1), date(2025, 12, 31))
    zeilen = [(m.monat, m.bisher, m.betrag, m.differenz) for m in aenderung.monate.all()]
    assert zeilen == [(date(2025, m, 1), Decimal("1143.00"), neu, Decimal("-512.00")) for m in range(4, 13)]
    # Months 1 to 3 are not part of the Änderung and keep the amount of the Bewilligung.
    in_kraft = services.bewilligte_monate(alleinstehend)
    assert [in_kraft[date(2025, m, 1)].betrag for m in range(1, 13)] == [Decimal("1143.00")] * 3 + [neu] * 9
    assert in_kraft[date(2025, 1, 1)].entscheidung == bewilligung
    assert in_kraft[date(2025, 4, 1)].entscheidung == aenderung
    # 9 months × −512 € = −4.608,00 € Überzahlung.
    assert services.saldo(aenderung) == Decimal("-4608.00")
    mitteilung.refresh_from_db()
    assert mitteilung.status == "entschieden"


def test_aenderung_ab_monatsmitte_umfasst_den_monat_mit_differenz_null(alleinstehend, sb_kreis, bewilligung):
    # The Mitteilung names 15.3.; income only flows from April (§ 11 Abs. 2 SGB II): March is in the
    # Änderung, but unchanged.
    person = alleinstehend.mitgliedschaften.get().person
    Einkommen.objects.create(
        person=person,
        art="erwerbseinkommen",
        brutto=Decimal("1100.00"),
        netto=Decimal("850.00"),
        gueltig_ab=date(2025, 4, 1),
    )
    mitteilung = _mitteilung(sb_kreis, alleinstehend, bewilligung)
    aenderung = services.aendern(
        sb_kreis, mitteilung, ab=date(2025, 3, 15), rechtsgrundlage="sgb10_48", begruendung="Arbeitsaufnahme"
    )
    maerz, april = aenderung.monate.all()[:2]
    assert (maerz.monat, maerz.betrag, maerz.differenz) == (date(2025, 3, 1), Decimal("1143.00"), Decimal("0.00"))
    assert (april.monat, april.betrag, april.differenz) == (date(2025, 4, 1), Decimal("631.00"), Decimal("-512.00"))


def test_aufhebung_wenn_kein_monat_mehr_anspruch_hat(alleinstehend, sb_kreis, bewilligung):
    person = alleinstehend.mitgliedschaften.get().person
    # 4.000 € brutto / 3.000 € netto: 3.000 − 100 − 84 − 144 − 20 = 2.652 € counted > 1.143 € need → 0 €.
    Einkommen.objects.create(
        person=person,
        art="erwerbseinkommen",
        brutto=Decimal("4000.00"),
        netto=Decimal("3000.00"),
        gueltig_ab=date(2025, 7, 1),
    )
    mitteilung = _mitteilung(sb_kreis, alleinstehend, bewilligung, am=date(2025, 7, 3))
    aufhebung = services.aendern(
        sb_kreis, mitteilung, ab=date(2025, 7, 1), rechtsgrundlage="sgb10_48", begruendung="Vollzeitbeschäftigung"
    )
    assert aufhebung.art == "aufhebung"
    assert list(aufhebung.monate.values_list("betrag", "differenz")) == [(Decimal("0.00"), Decimal("-1143.00"))] * 6


def test_aenderung_ohne_auswirkung_speichert_nichts(alleinstehend, sb_kreis, bewilligung):
    mitteilung = _mitteilung(sb_kreis, alleinstehend, bewilligung)
    with pytest.raises(ValidationError, match="^\\['Die Änderung wirkt sich auf den Anspruch nicht aus.'\\]$"):
        services.aendern(sb_kreis, mitteilung, ab=date(2025, 4, 1), rechtsgrundlage="sgb10_48", begruendung="x")
    mitteilung.refresh_from_db()
    assert mitteilung.status == "entscheidungsreif"
    assert Entscheidung.objects.filter(antrag__bedarfsgemeinschaft=alleinstehend).count() == 1


@pytest.mark.parametrize(
    ("ab", "rechtsgrundlage", "begruendung", "meldung"),
    [
        (date(2025, 4, 1), "", "Arbeitsaufnahme", r"Rechtsgrundlage der Änderung angeben \(§ 48 oder § 45 SGB X\)"),
        (date(2025, 4, 1), "sgb2_41a", "Arbeitsaufnahme", "Rechtsgrundlage der Änderung angeben"),
        (date(2025, 4, 1), "sgb10_48", " ", "Bitte die Änderung begründen"),
        (date(2025, 4, 1), "sgb10_45", "", r"warum kein Vertrauensschutz besteht \(§ 45 Abs. 2 und 4 SGB X\)"),
        (date(2026, 1, 1), "sgb10_48", "Arbeitsaufnahme", "liegt nach dem Ende des Bewilligungszeitraums"),
    ],
)
def test_unvollstaendige_aenderung_wird_abgelehnt(
    alleinstehend, sb_kreis, bewilligung, ab, rechtsgrundlage, begruendung, meldung
):
    mitteilung = _mitteilung(sb_kreis, alleinstehend, bewilligung)
    with pytest.raises(ValidationError, match=meldung):
        services.aendern(sb_kreis, mitteilung, ab=ab, rechtsgrundlage=rechtsgrundlage, begruendung=begruendung)
    assert Entscheidung.objects.filter(antrag=mitteilung).count() == 0


def test_nur_eine_aenderungsmitteilung_wird_geaendert(alleinstehend, sb_kreis, bewilligung):
    with pytest.raises(ValidationError, match="nur auf eine Änderungsmitteilung"):
        services.aendern(sb_kreis, bewilligung.antrag, ab=date(2025, 4, 1), rechtsgrundlage="sgb10_48", begruendung="x")
    mitteilung = _mitteilung(sb_kreis, alleinstehend, bewilligung)
    with pytest.raises(ValidationError, match="mit einer Änderung entschieden, nicht mit einer Bewilligung"):
        services.bewilligen(sb_kreis, mitteilung)
