"""Every Rechtskreis can be decided end to end from the stored facts: antrag_anlegen → Nachweise → bewilligen.

Amounts are hand calculations with their source; periods lie in 2026 (the engine's parameters end 12/2026).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialhaus.cases import services
from sozialhaus.core.models import Gemeinde, Rechtskreis
from sozialhaus.people.models import Einkommen, Person, Unterkunft

from .conftest import pruefungsreif


def _unterkunft(bg, **werte) -> None:
    Unterkunft.objects.filter(haushalt=bg.haushalt).update(**werte)


def _bewilligt(benutzer, bg, eingegangen_am: date, **kwargs):
    antrag = services.antrag_anlegen(benutzer, bg, art="erstantrag", eingegangen_am=eingegangen_am, **kwargs)
    pruefungsreif(benutzer, antrag, am=eingegangen_am)
    return services.bewilligen(benutzer, antrag)


def _betraege(entscheidung) -> list[tuple[date, Decimal]]:
    return [(m.monat, m.betrag) for m in entscheidung.monate.order_by("monat")]


@pytest.fixture
def sb_brake(benutzer):
    """Sozialamt Brake: SGB XII, AsylbLG, BuT and Wohngeld."""
    return benutzer("sb.brake")


@pytest.fixture
def rentnerin(bg_in):
    """Wohngeld in Brake: Rentnerin born 11.11.1955, gesetzliche Rente 1.100 € brutto, Miete 440 + 80 €, no
    Heizkosten billed separately (inputs of tests/rules/cases/wohngeld/rentnerin_rente_mit_kvdr_2026_04.yaml)."""
    bg = bg_in("Brake", Rechtskreis.WOHNGELD, [{"familienname": "Renter", "geburtsdatum": date(1955, 11, 11)}])
    person = bg.mitgliedschaften.get().person
    Einkommen.objects.create(
        person=person, art="rente", brutto=Decimal("1100.00"), netto=Decimal("1100.00"), gueltig_ab=date(2025, 1, 1)
    )
    _unterkunft(bg, kaltmiete=Decimal("440.00"), nebenkosten=Decimal("80.00"), heizkosten=Decimal("0.00"))
    return bg


def test_wohngeld_wird_mit_der_mietenstufe_der_gemeinde_bewilligt(rentnerin, sb_brake):
    # Hand calculation of rentnerin_rente_mit_kvdr_2026_04.yaml (§ 14 Abs. 1, 2 WoGG i.V.m. § 9a Satz 1 Nr. 3 EStG;
    # § 16 Satz 1 Nr. 2 WoGG 10 %; § 12 Abs. 1, 6, 7 and § 19 WoGG, Anlagen 1 to 3 i.d.F. der Zweiten
    # Wohngeld-Fortschreibungsverordnung vom 21.10.2024, BGBl. 2024 I Nr. 314; the values of 2025 hold all of 2026):
    # Höchstbetrag 1 Person Mietenstufe II 408 + Klimakomponente 19,20 = 427,20 < 520; M = 427,20 + 110,40
    # (Heizkostenentlastung) = 537,60; Y = (1.100 × 12 − 102) × 0,9 / 12 = 982,35;
    # z1 = 0,04 + 0,0004797 × 537,60 + 0,0000408 × 982,35 = 0,3379666; 1,15 × (537,60 − z1 × 982,35) = 236,44 → 236 €.
    Gemeinde.objects.filter(name__startswith="Brake").update(mietenstufe=2)
    entscheidung = _bewilligt(sb_brake, rentnerin, date(2026, 1, 15))
    # § 25 Abs. 1 Satz 1, Abs. 2 Satz 1 WoGG: twelve months from the first of the month of the application.
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2026, 1, 1), date(2026, 12, 31))
    assert _betraege(entscheidung) == [(date(2026, m, 1), Decimal("236.00")) for m in range(1, 13)]
    assert entscheidung.monate.first().eingabe["unterkunft"]["mietenstufe"] == 2


def test_wohngeld_ohne_mietenstufe_deutsche_meldung_und_nichts_gespeichert(rentnerin, sb_brake):
    Gemeinde.objects.filter(name__startswith="Brake").update(mietenstufe=None)
    antrag = services.antrag_anlegen(sb_brake, rentnerin, art="erstantrag", eingegangen_am=date(2026, 1, 15))
    pruefungsreif(sb_brake, antrag, am=date(2026, 1, 15))
    with pytest.raises(ValidationError) as fehler:
        services.bewilligen(sb_brake, antrag)
    assert "Für 01/2026 fehlt die Mietenstufe der Gemeinde Brake (Unterweser) (Anlage zu § 1 Abs. 3 WoGV)." in (
        fehler.value.messages
    )
    antrag.refresh_from_db()
    assert antrag.status == "entscheidungsreif"
    assert not antrag.entscheidungen.exists()


def test_asylblg_grundleistungen_mit_beginn_des_aufenthalts(bg_in, sb_brake):
    # Inputs of tests/rules/cases/asylblg/grundleistung_alleinstehend_wohnung_2026_02.yaml without Haushaltsenergie
    # (not in the data model): § 3, § 3a AsylbLG, Leistungssätze ab 1.1.2026 (BGBl. 2025 I Nr. 251): Bedarfsstufe 1
    # notwendiger Bedarf 253,00 + notwendiger persönlicher Bedarf 202,00; Unterkunft und Heizung 350 + 80 + 60
    # (§ 3 Abs. 3 Satz 3 AsylbLG) = 490,00; together 945,00 €. Aufenthalt since 15.1.2025: the 36 months of § 2
    # Abs. 1 AsylbLG end in 2028, so Grundleistungen throughout.
    bg = bg_in("Brake", Rechtskreis.ASYLBLG, [{"familienname": "Haidari", "geburtsdatum": date(1985, 11, 30)}])
    Person.objects.filter(mitgliedschaften__bedarfsgemeinschaft=bg).update(aufenthalt_seit=date(2025, 1, 15))
    _unterkunft(bg, kaltmiete=Decimal("350.00"), nebenkosten=Decimal("80.00"), heizkosten=Decimal("60.00"))
    entscheidung = _bewilligt(sb_brake, bg, date(2026, 6, 1))
    # § 6b AsylbLG i.V.m. § 18 SGB XII: from the day of Kenntnis; six months by Träger practice.
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2026, 6, 1), date(2026, 11, 30))
    assert _betraege(entscheidung) == [(date(2026, m, 1), Decimal("945.00")) for m in range(6, 12)]
    erster = entscheidung.monate.first()
    assert erster.eingabe["personen"][0]["aufenthalt_seit"] == "2025-01-15"
    assert [p["leistungsart"] for p in erster.berechnung["personen"].values()] == ["grundleistung"]


def test_grundsicherung_bei_dauerhafter_voller_erwerbsminderung(bg_in, sb_brake):
    # § 41 Abs. 3 SGB XII: 18 years and dauerhaft voll erwerbsgemindert (here since 1.5.2024). Bedarf § 42 Nr. 1, 4
    # SGB XII: Regelbedarfsstufe 1 563,00 € (Anlage zu § 28 SGB XII; RBSFV 2026 vom 17.10.2025, BGBl. 2025 I
    # Nr. 243, amounts of 2024 continue) + Unterkunft und Heizung 400 + 100 + 80 = 580,00 € in the Karenzzeit
    # (§ 35 Abs. 1 Satz 2 SGB XII) = 1.143,00 €; no income, no Vermögen.
    bg = bg_in("Brake", Rechtskreis.SGB12_KAP4, [{"familienname": "Gemindert", "geburtsdatum": date(1980, 1, 1)}])
    Person.objects.filter(mitgliedschaften__bedarfsgemeinschaft=bg).update(
        dauerhaft_voll_erwerbsgemindert_seit=date(2024, 5, 1)
    )
    entscheidung = _bewilligt(sb_brake, bg, date(2026, 1, 15))
    # § 44 Abs. 2 Satz 1, Abs. 3 Satz 1 SGB XII: from the first of the month, twelve months.
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2026, 1, 1), date(2026, 12, 31))
    assert _betraege(entscheidung) == [(date(2026, m, 1), Decimal("1143.00")) for m in range(1, 13)]


def test_kdu_nach_kostensenkung_auf_die_angemessenheitsgrenze_begrenzt(alleinstehend, sb_kreis):
    # 2025: Karenzzeit (§ 22 Abs. 1 Satz 2 und 3 SGB II), actual costs: 563,00 + 580,00 = 1.143,00 € (Regelbedarf
    # RBS 1, § 20 Abs. 2 SGB II; RBSFV 2025/2026 keep the amounts of 2024).
    erst = _bewilligt(sb_kreis, alleinstehend, date(2025, 1, 15))
    assert {betrag for _, betrag in _betraege(erst)} == {Decimal("1143.00")}
    # From 2026 the Träger's Angemessenheitsgrenze of 450 € Bruttokaltmiete applies; the Frist of the
    # Kostensenkungsaufforderung ended on 31.12.2025 (§ 22 Abs. 1 Satz 7 SGB II).
    Unterkunft(
        haushalt=alleinstehend.haushalt,
        kaltmiete=Decimal("400.00"),
        nebenkosten=Decimal("100.00"),
        heizkosten=Decimal("80.00"),
        wohnflaeche=Decimal("55.00"),
        gemeinde=alleinstehend.haushalt.gemeinde,
        angemessene_bruttokaltmiete=Decimal("450.00"),
        kostensenkung_ab=date(2026, 1, 1),
        gueltig_ab=date(2026, 1, 1),
    ).als_neue_version_speichern()
    weiter = services.antrag_anlegen(
        sb_kreis, alleinstehend, art="weiterbewilligung", eingegangen_am=date(2025, 11, 20), vorentscheidung=erst
    )
    pruefungsreif(sb_kreis, weiter, am=date(2025, 11, 20))
    entscheidung = services.bewilligen(sb_kreis, weiter)
    # After the Karenzzeit (ended 31.12.2025, it runs from 1.1.2025) only the angemessene Bruttokaltmiete counts
    # (§ 22 Abs. 1 Satz 1 SGB II): 563,00 + 450,00 + Heizung 80,00 = 1.093,00 €. Unangemessene KdU shorten the
    # Bewilligungszeitraum to six months (§ 41 Abs. 3 Satz 2 Nr. 2 SGB II).
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2026, 1, 1), date(2026, 6, 30))
    assert _betraege(entscheidung) == [(date(2026, m, 1), Decimal("1093.00")) for m in range(1, 7)]
    assert entscheidung.monate.first().berechnung["unterkunft"]["anerkannt_unterkunft"] == "450.00"
