"""bewilligen, ablehnen, bewilligte_monate: Bewilligungszeitraum by law, months with their calculation, immutability.

Hand calculation used throughout (single adult born 1980, Brake, SGB II, 2025):
Regelbedarf RBS 1 563,00 € (§ 20 Abs. 2 SGB II; RBSFV 2025: Besitzschutz, amounts of 2024 continue)
+ Unterkunft und Heizung 400 + 100 + 80 = 580,00 € (§ 22 Abs. 1 Satz 2 SGB II, Karenzzeit: actual costs)
= 1.143,00 € per month without income.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialhaus.cases import services
from sozialhaus.cases.models import Entscheidung, Leistungsmonat
from sozialhaus.cases.signals import entscheidung_erlassen
from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Rechtskreis
from sozialhaus.core.unveraenderlich import UnveraenderlichFehler
from sozialhaus.people.models import Einkommen

from .conftest import pruefungsreif

OHNE_EINKOMMEN = Decimal("1143.00")


@pytest.fixture
def antrag(alleinstehend, sb_kreis):
    antrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    return pruefungsreif(sb_kreis, antrag)


def test_bewilligung_sgb2_zwoelf_monate_41_abs_3_satz_1_sgb2(antrag, sb_kreis):
    entscheidung = services.bewilligen(sb_kreis, antrag)
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2025, 1, 1), date(2025, 12, 31))
    assert (entscheidung.art, entscheidung.verbindlichkeit) == ("bewilligung", "endgueltig")
    assert (entscheidung.entschieden_von, entscheidung.automatisch) == (sb_kreis, False)
    monate = list(entscheidung.monate.all())
    assert [m.monat for m in monate] == [date(2025, m, 1) for m in range(1, 13)]
    assert all(m.betrag == OHNE_EINKOMMEN and m.bisher is None and m.differenz is None for m in monate)
    assert monate[0].eingabe["monat"] == "2025-01" and monate[0].berechnung["anspruch"] == "1143.00"
    assert [p["betrag"] for p in monate[0].berechnung["positionen"]] == ["563.00", "580.00"]
    antrag.refresh_from_db()
    assert antrag.status == "entschieden"
    assert antrag.statuswechsel.last().nach == "entschieden"
    assert AuditEintrag.objects.filter(
        objekt_typ="entscheidung", objekt_id=str(entscheidung.pk), aktion="anlegen"
    ).exists()


def test_vorlaeufige_bewilligung_sechs_monate_41_abs_3_satz_2_nr_1_sgb2(antrag, sb_kreis):
    entscheidung = services.bewilligen(
        sb_kreis, antrag, vorlaeufig=True, vorlaeufig_grund="Einkommen aus neuer Beschäftigung schwankt"
    )
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2025, 1, 1), date(2025, 6, 30))
    assert entscheidung.verbindlichkeit == "vorlaeufig"
    assert entscheidung.vorlaeufig_grund == "Einkommen aus neuer Beschäftigung schwankt"
    assert entscheidung.monate.count() == 6


def test_unangemessene_unterkunft_verkuerzt_auf_sechs_monate_41_abs_3_satz_2_nr_2_sgb2():
    eingabe = {"unterkunft": {"kaltmiete": "450.00", "nebenkosten": "100.00", "angemessene_bruttokaltmiete": "520.00"}}
    assert services.kdu_unangemessen(eingabe)  # 550 € > 520 €
    assert not services.kdu_unangemessen({"unterkunft": {**eingabe["unterkunft"], "kaltmiete": "420.00"}})
    assert services.bewilligungsdauer(Rechtskreis.SGB2, vorlaeufig=False, unangemessen=True) == 6
    assert services.bewilligungsdauer(Rechtskreis.SGB2, vorlaeufig=False, unangemessen=False) == 12
    assert services.bewilligungsdauer(Rechtskreis.SGB12_KAP4, vorlaeufig=True, unangemessen=True) == 12  # § 44 Abs. 3
    assert services.bewilligungsdauer(Rechtskreis.WOHNGELD, vorlaeufig=False, unangemessen=False) == 12  # § 25 WoGG
    assert services.bewilligungsdauer(Rechtskreis.ASYLBLG, vorlaeufig=False, unangemessen=False) == 6  # practice


def test_vorlaeufig_nur_mit_grund(antrag, sb_kreis):
    with pytest.raises(ValidationError, match=r"Grund der Vorläufigkeit angeben \(§ 41a Abs. 2 Satz 1 SGB II\)"):
        services.bewilligen(sb_kreis, antrag, vorlaeufig=True, vorlaeufig_grund=" ")
    assert not antrag.entscheidungen.exists()


def test_vorlaeufig_nicht_in_der_hilfe_zum_lebensunterhalt(bg_in, benutzer):
    sb = benutzer("sb.brake")
    antrag = services.antrag_anlegen(
        sb, bg_in("Brake", Rechtskreis.SGB12_KAP3), art="erstantrag", eingegangen_am=date(2025, 3, 17)
    )
    pruefungsreif(sb, antrag, am=date(2025, 3, 20))
    with pytest.raises(ValidationError, match="nur im SGB II .* und in der Grundsicherung im Alter"):
        services.bewilligen(sb, antrag, vorlaeufig=True, vorlaeufig_grund="unklar")
    assert not antrag.entscheidungen.exists()


def test_hilfe_zum_lebensunterhalt_ab_kenntnis_zwoelf_kalendermonate(bg_in, benutzer):
    # § 18 SGB XII: from 17.3.2025; 3. Kapitel without statutory period: 12 calendar months (Träger practice).
    sb = benutzer("sb.brake")
    antrag = services.antrag_anlegen(
        sb, bg_in("Brake", Rechtskreis.SGB12_KAP3), art="erstantrag", eingegangen_am=date(2025, 3, 17)
    )
    pruefungsreif(sb, antrag, am=date(2025, 3, 20))
    entscheidung = services.bewilligen(sb, antrag)
    assert (entscheidung.zeitraum_von, entscheidung.zeitraum_bis) == (date(2025, 3, 17), date(2026, 2, 28))
    erster = entscheidung.monate.first()
    assert (erster.monat, erster.eingabe["bezug_seit"]) == (date(2025, 3, 1), "2025-03-17")


def test_bewilligen_nur_wenn_entscheidungsreif(alleinstehend, sb_kreis):
    antrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    services.status_setzen(sb_kreis, antrag, "in_pruefung")
    with pytest.raises(ValidationError, match="Ein Antrag im Status »in Prüfung« kann nicht bewilligt werden"):
        services.bewilligen(sb_kreis, antrag)
    antrag.refresh_from_db()
    assert antrag.status == "in_pruefung" and not antrag.entscheidungen.exists()


def test_ohne_anspruch_keine_bewilligung(antrag, sb_kreis, alleinstehend):
    person = alleinstehend.mitgliedschaften.get().person
    # 4.000 € brutto / 3.000 € netto: 3.000 − 100 − 84 − 144 − 20 = 2.652 € counted > 1.143 € need.
    Einkommen.objects.create(
        person=person,
        art="erwerbseinkommen",
        brutto=Decimal("4000.00"),
        netto=Decimal("3000.00"),
        gueltig_ab=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError, match="Es besteht kein Anspruch .* bitte den Antrag ablehnen"):
        services.bewilligen(sb_kreis, antrag)
    antrag.refresh_from_db()
    assert antrag.status == "entscheidungsreif" and not antrag.entscheidungen.exists()
    ablehnung = services.ablehnen(sb_kreis, antrag, begruendung="Einkommen übersteigt den Bedarf (§ 9 SGB II).")
    assert (ablehnung.art, ablehnung.monate.count(), ablehnung.zeitraum_von) == ("ablehnung", 0, None)
    assert services.bewilligte_monate(alleinstehend) == {}


def test_ablehnung_braucht_begruendung(antrag, sb_kreis):
    with pytest.raises(ValidationError, match="Ablehnung begründen"):
        services.ablehnen(sb_kreis, antrag, begruendung="")
    antrag.refresh_from_db()
    assert antrag.status == "entscheidungsreif" and not antrag.entscheidungen.exists()


def test_automatische_bewilligung_ohne_sachbearbeitung(antrag):
    entscheidung = services.bewilligen(None, antrag, automatisch=True)
    assert (entscheidung.automatisch, entscheidung.entschieden_von) == (True, None)
    assert entscheidung.monate.count() == 12


def test_signal_kommt_mit_entscheidung_monaten_und_benutzer(antrag, sb_kreis):
    empfangen = []

    def empfaenger(sender, entscheidung, benutzer, **kwargs):
        empfangen.append((sender, entscheidung.pk, benutzer, entscheidung.monate.count()))

    entscheidung_erlassen.connect(empfaenger)
    try:
        entscheidung = services.bewilligen(sb_kreis, antrag)
    finally:
        entscheidung_erlassen.disconnect(empfaenger)
    assert empfangen == [(Entscheidung, entscheidung.pk, sb_kreis, 12)]


def test_fehler_im_empfaenger_nimmt_die_ganze_entscheidung_zurueck(antrag, sb_kreis):
    def bescheid_scheitert(**kwargs):
        raise ValidationError("Keine Bescheidvorlage.")

    entscheidung_erlassen.connect(bescheid_scheitert)
    try:
        with pytest.raises(ValidationError, match="Keine Bescheidvorlage"):
            services.bewilligen(sb_kreis, antrag)
    finally:
        entscheidung_erlassen.disconnect(bescheid_scheitert)
    antrag.refresh_from_db()
    assert antrag.status == "entscheidungsreif"
    assert not Entscheidung.objects.filter(antrag=antrag).exists()
    assert not Leistungsmonat.objects.filter(entscheidung__antrag=antrag).exists()


def test_entscheidung_und_leistungsmonat_sind_unveraenderlich(antrag, sb_kreis):
    entscheidung = services.bewilligen(sb_kreis, antrag)
    monat = entscheidung.monate.first()
    entscheidung.begruendung = "nachträglich geändert"
    with pytest.raises(UnveraenderlichFehler):
        entscheidung.save()
    with pytest.raises(UnveraenderlichFehler):
        entscheidung.delete()
    monat.betrag = Decimal("9999.00")
    with pytest.raises(UnveraenderlichFehler):
        monat.save()
    with pytest.raises(UnveraenderlichFehler):
        monat.delete()
    with pytest.raises(UnveraenderlichFehler):
        Leistungsmonat.objects.filter(entscheidung=entscheidung).update(betrag=0)
    with pytest.raises(UnveraenderlichFehler):
        Leistungsmonat.objects.filter(entscheidung=entscheidung).delete()
    assert set(entscheidung.monate.values_list("betrag", flat=True)) == {OHNE_EINKOMMEN}
