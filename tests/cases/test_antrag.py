"""antrag_anlegen: Rechtskreis, Dienststelle, caseworker, Aktenzeichen, wirkt_ab by law, checklist and access."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sozialhaus.cases import services
from sozialhaus.cases.models import Antrag, Statuswechsel
from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Rechtskreis

from .conftest import pruefungsreif

EINGANG = date(2025, 3, 17)  # a Monday in the middle of March 2025


def _anlegen(benutzer, bg, **kwargs):
    return services.antrag_anlegen(benutzer, bg, art=kwargs.pop("art", "erstantrag"), eingegangen_am=EINGANG, **kwargs)


def test_wirkt_ab_sgb2_ersten_des_eingangsmonats_37_abs_2_satz_2_sgb2(bg_in, benutzer):
    # § 37 Abs. 2 Satz 2 SGB II: "Der Antrag auf Bürgergeld wirkt auf den Ersten des Monats zurück."
    antrag = _anlegen(benutzer("sb.kreis"), bg_in("Brake", Rechtskreis.SGB2))
    assert antrag.wirkt_ab == date(2025, 3, 1)


def test_wirkt_ab_grundsicherung_ersten_des_monats_44_abs_2_satz_1_sgb12(bg_in, benutzer):
    # § 44 Abs. 2 Satz 1 SGB XII: the Antrag wirkt back to the first day of the month in which it was made.
    antrag = _anlegen(benutzer("sb.brake"), bg_in("Brake", Rechtskreis.SGB12_KAP4))
    assert antrag.wirkt_ab == date(2025, 3, 1)


def test_wirkt_ab_hilfe_zum_lebensunterhalt_kenntnis_18_abs_1_sgb12(bg_in, benutzer):
    # § 18 Abs. 1 SGB XII: Sozialhilfe setzt ein, sobald dem Träger bekannt wird, dass die Voraussetzungen vorliegen.
    antrag = _anlegen(benutzer("sb.brake"), bg_in("Brake", Rechtskreis.SGB12_KAP3))
    assert antrag.wirkt_ab == EINGANG


def test_wirkt_ab_asylblg_kenntnis_6b_asylblg(bg_in, benutzer):
    # § 6b AsylbLG: § 18 SGB XII applies accordingly (Kenntnisgrundsatz).
    antrag = _anlegen(benutzer("sb.brake"), bg_in("Brake", Rechtskreis.ASYLBLG))
    assert antrag.wirkt_ab == EINGANG


def test_wirkt_ab_wohngeld_ersten_des_antragsmonats_25_abs_2_satz_1_wogg(bg_in, benutzer):
    # § 25 Abs. 2 Satz 1 WoGG: the Bewilligungszeitraum begins on the first of the month of the application.
    antrag = _anlegen(benutzer("sb.brake"), bg_in("Brake", Rechtskreis.WOHNGELD))
    assert antrag.wirkt_ab == date(2025, 3, 1)


def test_weiterbewilligung_wirkt_am_tag_nach_dem_bewilligungszeitraum(alleinstehend, sb_kreis):
    erst = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    pruefungsreif(sb_kreis, erst)
    bewilligung = services.bewilligen(sb_kreis, erst)  # 1.1.2025 – 31.12.2025
    weiter = services.antrag_anlegen(
        sb_kreis, alleinstehend, art="weiterbewilligung", eingegangen_am=date(2025, 11, 20), vorentscheidung=bewilligung
    )
    assert weiter.wirkt_ab == date(2026, 1, 1)
    assert [n.bezeichnung for n in weiter.nachweise.filter(erforderlich=True)] == [
        "Kontoauszüge der letzten 3 Monate (alle Konten)",
        "Einkommensnachweise (z. B. Lohnabrechnungen der letzten 3 Monate)",
    ]


def test_weiterbewilligung_und_aenderung_brauchen_die_bisherige_entscheidung_derselben_bg(
    alleinstehend, bg_in, sb_kreis
):
    for art in ("weiterbewilligung", "aenderung"):
        with pytest.raises(ValidationError, match="bisherige Entscheidung angegeben"):
            _anlegen(sb_kreis, alleinstehend, art=art)
    andere = bg_in("Brake", Rechtskreis.SGB2, [{"familienname": "Andere"}])
    erst = services.antrag_anlegen(sb_kreis, andere, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    pruefungsreif(sb_kreis, erst)
    fremde = services.bewilligen(sb_kreis, erst)
    with pytest.raises(ValidationError, match="gehört nicht zu dieser Bedarfsgemeinschaft"):
        _anlegen(sb_kreis, alleinstehend, art="weiterbewilligung", vorentscheidung=fremde)
    assert not alleinstehend.antraege.exists()


def test_aktenzeichen_dienststelle_bearbeiter_frist_und_statuswechsel(alleinstehend, sb_kreis, dienststelle):
    antrag = _anlegen(sb_kreis, alleinstehend, angaben_antragsteller="Arbeitslos seit Februar")
    heute = timezone.localdate()
    assert re.fullmatch(rf"03461-A-{heute.year}-\d{{6}}", antrag.aktenzeichen)  # Kreisschlüssel Wesermarsch 03461
    assert antrag.dienststelle == dienststelle("jc-brake")  # Zuständigkeitsmatrix: SGB II in Brake
    assert antrag.bearbeiter == sb_kreis  # Leistungssachbearbeitung SGB II at jc-brake
    assert antrag.rechtskreis == Rechtskreis.SGB2
    assert antrag.mitwirkungsfrist == heute + timedelta(days=14)  # § 66 Abs. 3 SGB I, two weeks
    assert antrag.nachweise.filter(bezeichnung="Kontoauszüge der letzten 3 Monate (alle Konten)").exists()
    assert antrag.nachweise.filter(bezeichnung="Mietvertrag", erforderlich=True).exists()
    wechsel = Statuswechsel.objects.get(antrag=antrag)
    assert (wechsel.von, wechsel.nach, wechsel.benutzer) == ("", "eingegangen", sb_kreis)
    eintrag = AuditEintrag.objects.filter(objekt_typ="antrag", objekt_id=str(antrag.pk)).get()
    assert (eintrag.aktion, eintrag.benutzer, eintrag.dienststelle) == ("anlegen", sb_kreis, dienststelle("jc-brake"))
    zweiter = _anlegen(sb_kreis, alleinstehend)
    assert int(zweiter.aktenzeichen[-6:]) == int(antrag.aktenzeichen[-6:]) + 1


def test_ohne_eigene_sachbearbeitung_erbt_der_antrag_den_bisherigen_bearbeiter(alleinstehend, benutzer):
    # Teamleitung may create but is no Leistungssachbearbeitung: the previous caseworker stays responsible.
    erster = _anlegen(benutzer("sb.kreis"), alleinstehend)
    zweiter = _anlegen(benutzer("teamleitung"), alleinstehend)
    assert zweiter.bearbeiter == erster.bearbeiter == benutzer("sb.kreis")


def test_ohne_sachbearbeitung_und_ohne_vorantrag_bleibt_der_antrag_beim_team(bg_in, benutzer):
    antrag = _anlegen(benutzer("teamleitung"), bg_in("Brake", Rechtskreis.SGB2))
    assert antrag.bearbeiter is None


def test_rechtskreis_ohne_leistung_wird_abgelehnt(bg_in, benutzer):
    bg = bg_in("Brake", Rechtskreis.BUT)
    with pytest.raises(ValidationError, match="Bildung und Teilhabe.*wird hier nicht über Leistungen entschieden"):
        _anlegen(benutzer("sb.brake"), bg)
    assert not Antrag.objects.filter(bedarfsgemeinschaft=bg).exists()


def test_eingangsdatum_in_der_zukunft_wird_abgelehnt(alleinstehend, sb_kreis):
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="nicht in der Zukunft"):
        services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=morgen)
    assert not alleinstehend.antraege.exists()


def test_sachbearbeitung_einer_anderen_gemeinde_darf_keinen_antrag_anlegen(bg_in, benutzer):
    # sb.nordenham works for the Sozialamt Nordenham; the BG belongs to the Sozialamt Brake.
    bg = bg_in("Brake", Rechtskreis.SGB12_KAP3)
    with pytest.raises(PermissionDenied):
        _anlegen(benutzer("sb.nordenham"), bg)
    assert not bg.antraege.exists()


def test_zahlstelle_darf_keinen_antrag_anlegen(alleinstehend, benutzer):
    with pytest.raises(PermissionDenied):
        _anlegen(benutzer("zahlstelle"), alleinstehend)


def test_verspaeteter_weiterbewilligungsantrag_wirkt_erst_ab_dem_eingangsmonat_37_abs_2_sgb2(alleinstehend, sb_kreis):
    erst = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    pruefungsreif(sb_kreis, erst)
    bewilligung = services.bewilligen(sb_kreis, erst)  # ends 31.12.2025
    # Received 10.2.2026, after the period ended: no further back than the first of the month of receipt.
    weiter = services.antrag_anlegen(
        sb_kreis, alleinstehend, art="weiterbewilligung", eingegangen_am=date(2026, 2, 10), vorentscheidung=bewilligung
    )
    assert weiter.wirkt_ab == date(2026, 2, 1)
