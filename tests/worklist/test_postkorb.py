"""Postkorb: my open Anträge, due Mitwirkungsfristen, tasks; the reminder task of § 66 SGB I."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from sozialhaus.cases.models import Antrag
from sozialhaus.worklist.models import Aufgabe
from sozialhaus.worklist.services import mitwirkung_pruefen, postkorb
from tests.cases_ui import fall

pytestmark = pytest.mark.django_db


def test_postkorb_zeigt_meine_offenen_antraege_aelteste_zuerst(angemeldet, bg_in, brake_bg, benutzer):
    from sozialhaus.core.models import Rechtskreis

    sb = benutzer("sb.brake")
    alt = fall.antrag(sb, brake_bg)
    neu = fall.antrag(
        sb,
        bg_in("Brake", Rechtskreis.SGB12_KAP3),
    )
    Antrag.objects.filter(pk=neu.pk).update(eingegangen_am=date(2026, 2, 1))
    fertig = fall.bewilligt(sb, bg_in("Brake", Rechtskreis.SGB12_KAP3))[0]
    inhalt = postkorb(sb, date(2026, 3, 1))
    assert [a.aktenzeichen for a in inhalt["antraege"]] == [alt.aktenzeichen, neu.aktenzeichen]
    assert inhalt["antraege"][0].tage_offen == 59  # 01.01. to 01.03.2026
    assert inhalt["zahlen"]["antraege"] == 2
    html = angemeldet("sb.brake").get("/postkorb/").content.decode()
    assert alt.aktenzeichen in html and fertig.aktenzeichen not in html
    assert postkorb(benutzer("sb.nordenham"), date(2026, 3, 1))["antraege"] == []


def test_faellige_und_abgelaufene_mitwirkungsfristen(brake_bg, benutzer):
    sb = benutzer("sb.brake")
    antrag = fall.antrag(sb, brake_bg)
    frist = antrag.mitwirkungsfrist
    assert postkorb(sb, frist - timedelta(days=8))["fristen"] == []
    bald = postkorb(sb, frist - timedelta(days=7))
    assert [a.pk for a in bald["fristen"]] == [antrag.pk] and not bald["fristen"][0].frist_abgelaufen
    vorbei = postkorb(sb, frist + timedelta(days=1))
    assert vorbei["fristen"][0].frist_abgelaufen and vorbei["zahlen"]["fristen_abgelaufen"] == 1


def test_mitwirkung_pruefen_legt_eine_aufgabe_je_frist_an(brake_bg, benutzer):
    sb = benutzer("sb.brake")
    antrag = fall.antrag(sb, brake_bg)
    frist = antrag.mitwirkungsfrist
    assert mitwirkung_pruefen(frist) == 0  # the Frist ends at the end of its day
    assert mitwirkung_pruefen(frist + timedelta(days=1)) == 1
    assert mitwirkung_pruefen(frist + timedelta(days=2)) == 0  # once per Antrag and Frist
    aufgabe = Aufgabe.objects.get(antrag=antrag)
    assert aufgabe.art == Aufgabe.Art.MITWIRKUNG and aufgabe.bearbeiter == sb and aufgabe.faellig_am == frist
    assert "§ 66 Abs. 3 SGB I" in aufgabe.text and "Personalausweis" in aufgabe.text
    Antrag.objects.filter(pk=antrag.pk).update(mitwirkungsfrist=frist + timedelta(days=14))
    assert mitwirkung_pruefen(frist + timedelta(days=15)) == 1  # a new Frist, a new reminder


def test_keine_aufgabe_wenn_alle_nachweise_da(brake_bg, benutzer):
    antrag = fall.entscheidungsreif(benutzer("sb.brake"), brake_bg)
    assert mitwirkung_pruefen(antrag.mitwirkungsfrist + timedelta(days=1)) == 0


def test_befehl_postkorb_aktualisieren(brake_bg, benutzer, capsys):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    call_command("postkorb_aktualisieren", "--heute", (antrag.mitwirkungsfrist + timedelta(days=1)).isoformat())
    assert "1 Aufgabe(n)" in capsys.readouterr().out


def test_teamaufgabe_uebernehmen_und_erledigen(angemeldet, brake_bg, benutzer, dienststelle):
    aufgabe = Aufgabe.objects.create(
        dienststelle=dienststelle("sozialamt-brake"),
        art=Aufgabe.Art.WIEDERVORLAGE,
        text="Wiedervorlage Mietänderung",
        faellig_am=date(2026, 1, 10),
        bedarfsgemeinschaft=brake_bg,
    )
    client = angemeldet("sb.brake")
    html = client.get("/postkorb/").content.decode()
    assert "Wiedervorlage Mietänderung" in html and "Übernehmen" in html
    assert angemeldet("sb.nordenham").post(f"/postkorb/aufgaben/{aufgabe.pk}/uebernehmen/").status_code == 404
    assert client.post(f"/postkorb/aufgaben/{aufgabe.pk}/uebernehmen/").status_code == 302
    aufgabe.refresh_from_db()
    assert aufgabe.bearbeiter == benutzer("sb.brake")
    assert postkorb(benutzer("sb.brake"), date(2026, 1, 11))["meine_aufgaben"][0].ueberfaellig
    antwort = client.post(f"/postkorb/aufgaben/{aufgabe.pk}/uebernehmen/", follow=True)
    assert "bereits von jemandem übernommen" in antwort.content.decode()
    assert client.post(f"/postkorb/aufgaben/{aufgabe.pk}/erledigt/").status_code == 302
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_am is not None and aufgabe.erledigt_von == benutzer("sb.brake")
    assert "Wiedervorlage Mietänderung" not in client.get("/postkorb/").content.decode()
