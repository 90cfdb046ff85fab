"""abschliessend_entscheiden (§ 41a Abs. 3 to 6 SGB II): recalculation with the monthly Durchschnittseinkommen.

Single adult, Brake, need 563 € Regelbedarf (RBSFV 2025) + 580 € Unterkunft und Heizung = 1.143,00 € per month.
Absetzbeträge of a Minijob with brutto = netto = E (E ≤ 520 €): 100 € Grundabsetzbetrag (§ 11b Abs. 2 Satz 1 SGB II)
+ 20 % of (E − 100 €) (§ 11b Abs. 3 Satz 2 Nr. 1 SGB II).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialhaus.cases import services
from sozialhaus.people.models import Einkommen

from .conftest import pruefungsreif


@pytest.fixture
def person(alleinstehend):
    return alleinstehend.mitgliedschaften.get().person


@pytest.fixture
def vorlaeufige(alleinstehend, sb_kreis, person):
    # Forecast at the time of the decision: 300 € a month from January.
    Einkommen.objects.create(
        person=person,
        art="erwerbseinkommen",
        brutto=Decimal("300.00"),
        netto=Decimal("300.00"),
        gueltig_ab=date(2025, 1, 1),
    )
    antrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    pruefungsreif(sb_kreis, antrag)
    return services.bewilligen(sb_kreis, antrag, vorlaeufig=True, vorlaeufig_grund="schwankendes Einkommen (Minijob)")


def _neue_version(person, ab, brutto, netto):
    Einkommen(
        person=person, art="erwerbseinkommen", brutto=Decimal(brutto), netto=Decimal(netto), gueltig_ab=ab
    ).als_neue_version_speichern()


def test_abschliessend_mit_durchschnittseinkommen_41a_abs_4_sgb2(vorlaeufige, sb_kreis, person):
    # Vorläufig: 300 € − (100 + 20 % × 200 = 40) = 160 € counted → 1.143 − 160 = 983,00 € in each of 6 months.
    assert list(vorlaeufige.monate.values_list("betrag", flat=True)) == [Decimal("983.00")] * 6
    # Actually earned: 300 € January to March, 600 € April to June.
    _neue_version(person, date(2025, 4, 1), "600.00", "600.00")

    endgueltig = services.abschliessend_entscheiden(sb_kreis, vorlaeufige)

    # § 41a Abs. 4 Satz 1, 3 SGB II: Gesamteinkommen / Monate = (3 × 300 + 3 × 600) / 6 = 450,00 € in every month.
    # 450 − (100 + 20 % × 350 = 70) = 280 € counted → 1.143 − 280 = 863,00 €; 863 − 983 = −120,00 € per month.
    # (Month by month it would be 983 € for January to March and 751 € for April to June.)
    assert [(m.monat, m.bisher, m.betrag, m.differenz) for m in endgueltig.monate.all()] == [
        (date(2025, m, 1), Decimal("983.00"), Decimal("863.00"), Decimal("-120.00")) for m in range(1, 7)
    ]
    assert endgueltig.monate.first().eingabe["personen"][0]["einkommen"] == [
        {"art": "erwerbseinkommen", "brutto": "450.00", "netto": "450.00"}
    ]
    # § 41a Abs. 6 SGB II: the months are netted; 6 × −120 € = −720,00 € to be refunded.
    assert services.saldo(endgueltig) == Decimal("-720.00")
    assert (endgueltig.verbindlichkeit, endgueltig.aendert, endgueltig.rechtsgrundlage) == (
        "abschliessend",
        vorlaeufige,
        "sgb2_41a",
    )
    assert (endgueltig.zeitraum_von, endgueltig.zeitraum_bis) == (date(2025, 1, 1), date(2025, 6, 30))
    assert services.bewilligte_monate(vorlaeufige.antrag.bedarfsgemeinschaft)[date(2025, 6, 1)].betrag == Decimal(
        "863.00"
    )


def test_kein_durchschnitt_wenn_einkommen_einen_monat_ausschliesst_41a_abs_4_satz_2_nr_2_sgb2(
    vorlaeufige, sb_kreis, person
):
    # In June 4.000 € brutto / 3.000 € netto: 3.000 − (100 + 84 + 144 + 20) = 2.652 € > 1.143 € → no claim in June,
    # so no average is formed: January to May stay at 983 €, June becomes 0 € (Nachzahlungen 0, Überzahlung 983 €).
    _neue_version(person, date(2025, 6, 1), "4000.00", "3000.00")
    endgueltig = services.abschliessend_entscheiden(sb_kreis, vorlaeufige)
    assert list(endgueltig.monate.values_list("betrag", "differenz")) == [(Decimal("983.00"), Decimal("0.00"))] * 5 + [
        (Decimal("0.00"), Decimal("-983.00"))
    ]
    assert services.saldo(endgueltig) == Decimal("-983.00")


def test_nachzahlung_wenn_der_durchschnitt_niedriger_ist_41a_abs_6_sgb2(vorlaeufige, sb_kreis, person):
    # Actual income lower than forecast in the average: 0 € January to March, 300 € April to June → average 150 €.
    # 150 − (100 + 20 % × 50 = 10) = 40 € counted → 1.103,00 €; +120 € Nachzahlung per month, saldo +720 €.
    Einkommen.objects.filter(person=person).update(gueltig_ab=date(2025, 4, 1))
    endgueltig = services.abschliessend_entscheiden(sb_kreis, vorlaeufige)
    assert set(endgueltig.monate.values_list("betrag", "differenz")) == {(Decimal("1103.00"), Decimal("120.00"))}
    assert services.saldo(endgueltig) == Decimal("720.00")


def test_nur_vorlaeufige_und_nur_einmal(vorlaeufige, sb_kreis, alleinstehend):
    services.abschliessend_entscheiden(sb_kreis, vorlaeufige)
    with pytest.raises(ValidationError, match="bereits abschließend entschieden"):
        services.abschliessend_entscheiden(sb_kreis, vorlaeufige)
    weiter = services.antrag_anlegen(
        sb_kreis, alleinstehend, art="weiterbewilligung", eingegangen_am=date(2025, 6, 10), vorentscheidung=vorlaeufige
    )
    pruefungsreif(sb_kreis, weiter, am=date(2025, 6, 12))
    endgueltige = services.bewilligen(sb_kreis, weiter)
    assert endgueltige.zeitraum_von == date(2025, 7, 1)
    with pytest.raises(ValidationError, match="nur über eine vorläufige Entscheidung"):
        services.abschliessend_entscheiden(sb_kreis, endgueltige)


def test_aenderung_einer_vorlaeufigen_bleibt_vorlaeufig_und_zaehlt_als_bisher(vorlaeufige, sb_kreis, person):
    bg = vorlaeufige.antrag.bedarfsgemeinschaft
    # From April the forecast rises to 600 €: 600 − (100 + 84 + 24) = 392 € counted → 1.143 − 392 = 751,00 €.
    _neue_version(person, date(2025, 4, 1), "600.00", "600.00")
    mitteilung = services.antrag_anlegen(
        sb_kreis, bg, art="aenderung", eingegangen_am=date(2025, 4, 5), vorentscheidung=vorlaeufige
    )
    pruefungsreif(sb_kreis, mitteilung, am=date(2025, 4, 5))
    aenderung = services.aendern(
        sb_kreis, mitteilung, ab=date(2025, 4, 1), rechtsgrundlage="sgb10_48", begruendung="höherer Verdienst"
    )
    assert (aenderung.verbindlichkeit, aenderung.vorlaeufig_grund) == ("vorlaeufig", vorlaeufige.vorlaeufig_grund)
    assert set(aenderung.monate.values_list("betrag", flat=True)) == {Decimal("751.00")}
    endgueltig = services.abschliessend_entscheiden(sb_kreis, vorlaeufige)
    # bisher = amount in force: 983 € January to March, 751 € April to June; final 863 € each (average 450 €).
    assert (
        list(endgueltig.monate.values_list("bisher", "differenz"))
        == [(Decimal("983.00"), Decimal("-120.00"))] * 3 + [(Decimal("751.00"), Decimal("112.00"))] * 3
    )
    # § 41a Abs. 6 SGB II: 3 × −120 € Überzahlung netted with 3 × +112 € Nachzahlung = −24,00 €.
    assert services.saldo(endgueltig) == Decimal("-24.00")


# --- staff UI ----------------------------------------------------------------------------------------------------


def test_abschliessend_ueber_die_antragsseite(vorlaeufige, person, angemeldet):
    """The Antrag page offers the final decision for its open vorläufige Bewilligung, once; values as in the first
    test (6 × −120,00 € = Überzahlung 720,00 €)."""
    _neue_version(person, date(2025, 4, 1), "600.00", "600.00")
    client = angemeldet("sb.kreis")
    seite = f"/antraege/{vorlaeufige.antrag.aktenzeichen}/"
    url = f"{seite}abschliessend/"
    assert "Abschließend entscheiden (§ 41a Abs. 3 SGB II)" in client.get(seite).content.decode()
    antwort = client.post(url, {"abschliessend-entscheidung": vorlaeufige.pk}, follow=True)
    assert "Die abschließende Entscheidung wurde erlassen. Überzahlung: 720,00 €." in antwort.content.decode()
    endgueltig = vorlaeufige.aenderungen.get()
    assert endgueltig.verbindlichkeit == "abschliessend" and endgueltig.bescheide.count() == 1
    assert "Abschließend entscheiden" not in client.get(seite).content.decode()
    zweites = client.post(url, {"abschliessend-entscheidung": vorlaeufige.pk})
    assert zweites.status_code == 409 and "bereits abschließend entschieden" in zweites.content.decode()
    assert vorlaeufige.aenderungen.count() == 1


def test_abschliessend_nur_fuer_vorlaeufige_und_nur_mit_rechten(vorlaeufige, angemeldet, bg_in, sb_kreis):
    url = f"/antraege/{vorlaeufige.antrag.aktenzeichen}/abschliessend/"
    assert angemeldet("sb.brake").post(url, {"abschliessend-entscheidung": vorlaeufige.pk}).status_code == 404
    andere = services.bewilligen(sb_kreis, pruefungsreif(sb_kreis, services.antrag_anlegen(
        sb_kreis, bg_in("Brake", "sgb2"), art="erstantrag", eingegangen_am=date(2025, 1, 15)
    )))  # fmt: skip
    antwort = angemeldet("sb.kreis").post(url, {"abschliessend-entscheidung": andere.pk})
    assert antwort.status_code == 400 and "keine vorläufige Entscheidung dieses Antrags" in antwort.content.decode()
    assert not vorlaeufige.aenderungen.exists()
