"""The flow from Antrag to Bescheid in the staff UI, as sb.brake on a Brake HLU case (SGB XII 3. Kapitel).

Expected amounts are calculated by hand from the law, not taken from the code:
one adult alone, no income, no assets, Unterkunft 400 € Kaltmiete + 100 € Nebenkosten + 80 € Heizung
→ Regelbedarfsstufe 1 = 563 € (§ 27a Abs. 2, 3 SGB XII, Anlage zu § 28; RBSFV 2026)
+ Unterkunft und Heizung in tatsächlicher Höhe 580 € (§ 35 Abs. 1, 4 SGB XII)
= 1.143,00 € per month; Antrag received 01.01.2026 (§ 18 SGB XII: from Kenntnis), full months.
Bewilligungszeitraum 12 months (Träger practice for the 3. Kapitel, see cases/services.py): 01/2026 – 12/2026.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sozialhaus.cases.models import Antrag, Entscheidung
from sozialhaus.notices.models import Bescheid
from sozialhaus.records.models import Dokument

from . import fall

pytestmark = pytest.mark.django_db

MONATLICH = Decimal("1143.00")


def _antrag_von(bg) -> Antrag:
    return Antrag.objects.get(bedarfsgemeinschaft=bg)


def _seite(client, antrag):
    return client.get(f"/antraege/{antrag.aktenzeichen}/")


def test_ganzer_ablauf_bis_zum_bescheid(angemeldet, brake_bg, audit_neu):
    client = angemeldet("sb.brake")
    bg_seite = client.get(f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/")
    assert "Antrag anlegen" in bg_seite.content.decode()

    formular = client.get(f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/antraege/neu/")
    assert formular.status_code == 200
    antwort = client.post(
        f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/antraege/neu/",
        {"art": "erstantrag", "eingegangen_am": "01.01.2026", "angaben_antragsteller": "Keine Einkünfte."},
    )
    antrag = _antrag_von(brake_bg)
    assert antwort.status_code == 302 and antwort["Location"] == f"/antraege/{antrag.aktenzeichen}/"
    assert antrag.bearbeiter.username == "sb.brake"
    assert antrag.wirkt_ab == date(2026, 1, 1)

    seite = _seite(client, antrag)
    html = seite.content.decode()
    assert seite.status_code == 200
    assert antrag.aktenzeichen in html and "Sozialamt" in html and "Mitwirkungsfrist" in html
    assert 'value="in_pruefung"' in html and 'value="entscheidungsreif"' not in html  # only allowed transitions

    assert client.post(f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "in_pruefung"}).status_code == 302
    nachweise = list(antrag.nachweise.all())
    erster = nachweise[0]
    datei = SimpleUploadedFile("ausweis.pdf", b"%PDF-1.4 Ausweis", content_type="application/pdf")
    antwort = client.post(
        f"/antraege/{antrag.aktenzeichen}/nachweise/eingang/",
        {"eingang-nachweis": erster.pk, "eingang-eingegangen_am": "05.01.2026", "eingang-datei": datei},
    )
    assert antwort.status_code == 302
    erster.refresh_from_db()
    assert erster.eingegangen_am == date(2026, 1, 5)
    assert erster.dokument.bedarfsgemeinschaft == brake_bg and bytes(erster.dokument.inhalt) == b"%PDF-1.4 Ausweis"
    for nachweis in nachweise[1:]:
        antwort = client.post(
            f"/antraege/{antrag.aktenzeichen}/nachweise/eingang/",
            {"eingang-nachweis": nachweis.pk, "eingang-eingegangen_am": "05.01.2026"},
        )
        assert antwort.status_code == 302
    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "entscheidungsreif"})
    assert antwort.status_code == 302

    vorschau = client.get(
        f"/antraege/{antrag.aktenzeichen}/berechnung/",
        {"berechnung-von": "01.01.2026", "berechnung-bis": "31.03.2026"},
        HTTP_HX_REQUEST="true",
    )
    text = vorschau.content.decode()
    assert vorschau.status_code == 200 and "<html" not in text  # the htmx partial
    assert text.count("1.143,00") >= 3  # Januar bis März, je Anspruch
    assert "563,00" in text  # the Regelbedarf position of the Berechnungsbogen

    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/bewilligung/", {"bewilligung-vorlaeufig_grund": ""})
    assert antwort.status_code == 302
    entscheidung = Entscheidung.objects.get(antrag=antrag)
    monate = list(entscheidung.monate.all())
    assert [m.monat for m in monate] == [date(2026, m, 1) for m in range(1, 13)]
    assert {m.betrag for m in monate} == {MONATLICH}
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.ENTSCHIEDEN

    bescheid = Bescheid.objects.get(entscheidung=entscheidung)
    html = _seite(client, antrag).content.decode()
    assert f"/bescheide/{bescheid.nummer}/pdf" in html and "1.143,00" in html
    assert (
        f"/bescheide/{bescheid.nummer}/pdf"
        in client.get(f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/").content.decode()
    )

    neu = audit_neu()
    pdf = client.get(f"/bescheide/{bescheid.nummer}/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline") and "filename=" in pdf["Content-Disposition"]
    assert pdf.content.startswith(b"%PDF")
    gelesen = [e for e in neu() if e.aktion == "lesen"]
    assert [(e.objekt_typ, e.objekt_id, e.benutzername) for e in gelesen] == [
        ("dokument", str(bescheid.dokument_id), "sb.brake")
    ]


def test_seitenaufruf_wird_protokolliert(angemeldet, brake_bg, benutzer, audit_neu):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    neu = audit_neu()
    assert _seite(angemeldet("sb.brake"), antrag).status_code == 200
    eintraege = neu()
    assert [(e.aktion, e.objekt_typ, e.objekt_id) for e in eintraege] == [("lesen", "antrag", str(antrag.pk))]
    assert eintraege[0].dienststelle == antrag.dienststelle


def test_unzulaessiger_statuswechsel_409_und_nichts_geaendert(angemeldet, brake_bg, benutzer):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    client = angemeldet("sb.brake")
    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "entscheidungsreif"})
    assert antwort.status_code == 409
    assert "kann nicht in den Status »entscheidungsreif« gesetzt werden" in antwort.content.decode()
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.EINGEGANGEN and antrag.statuswechsel.count() == 1

    client.post(f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "in_pruefung"})
    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "entscheidungsreif"})
    assert antwort.status_code == 409 and "Es fehlen folgende Nachweise" in antwort.content.decode()
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.IN_PRUEFUNG


def test_unbekannter_status_400(angemeldet, brake_bg, benutzer):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    antwort = angemeldet("sb.brake").post(f"/antraege/{antrag.aktenzeichen}/status/", {"status-nach": "erledigt"})
    assert antwort.status_code == 400
    assert "Es wurde nichts gespeichert" in antwort.content.decode()
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.EINGEGANGEN


def test_bewilligen_vor_entscheidungsreife_409(angemeldet, brake_bg, benutzer):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    antwort = angemeldet("sb.brake").post(f"/antraege/{antrag.aktenzeichen}/bewilligung/", {})
    assert antwort.status_code == 409
    assert "muss zuerst entscheidungsreif sein" in antwort.content.decode()
    assert not Entscheidung.objects.filter(antrag=antrag).exists()


def test_vorlaeufig_ohne_grund_400(angemeldet, brake_bg, benutzer):
    antrag = fall.entscheidungsreif(benutzer("sb.brake"), brake_bg)
    antwort = angemeldet("sb.brake").post(
        f"/antraege/{antrag.aktenzeichen}/bewilligung/", {"bewilligung-vorlaeufig": "on"}
    )
    assert antwort.status_code == 400
    assert "Bitte geben Sie den Grund der vorläufigen Entscheidung an." in antwort.content.decode()
    assert not Entscheidung.objects.filter(antrag=antrag).exists()


def test_ablehnen_braucht_begruendung_und_erzeugt_bescheid(angemeldet, brake_bg, benutzer):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    client = angemeldet("sb.brake")
    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/ablehnung/", {"ablehnung-begruendung": ""})
    assert antwort.status_code == 400 and "Bitte füllen Sie dieses Feld aus." in antwort.content.decode()
    assert not Entscheidung.objects.filter(antrag=antrag).exists()
    antwort = client.post(
        f"/antraege/{antrag.aktenzeichen}/ablehnung/",
        {"ablehnung-begruendung": "Die Mitwirkung wurde trotz Hinweis nicht nachgeholt (§ 66 Abs. 1 SGB I)."},
    )
    assert antwort.status_code == 302
    entscheidung = Entscheidung.objects.get(antrag=antrag)
    assert entscheidung.art == Entscheidung.Art.ABLEHNUNG and entscheidung.bescheide.count() == 1


def test_nachweis_anfordern_mit_frist(angemeldet, brake_bg, benutzer):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    client = angemeldet("sb.brake")
    anzahl = antrag.nachweise.count()
    frist = date.today().replace(year=date.today().year + 1, month=1, day=31)
    antwort = client.post(
        f"/antraege/{antrag.aktenzeichen}/nachweise/",
        {"anfordern-bezeichnung": "Kontoauszug Sparbuch", "anfordern-frist": frist.strftime("%d.%m.%Y")},
    )
    assert antwort.status_code == 302
    antrag.refresh_from_db()
    assert antrag.nachweise.count() == anzahl + 1 and antrag.mitwirkungsfrist == frist
    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/nachweise/", {"anfordern-bezeichnung": "X"})
    assert antwort.status_code == 400 and "Frist zur Mitwirkung" in antwort.content.decode()
    assert antrag.nachweise.count() == anzahl + 1


def test_weiterbewilligung_braucht_bisherige_entscheidung(angemeldet, brake_bg):
    client = angemeldet("sb.brake")
    antwort = client.post(
        f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/antraege/neu/",
        {"art": "weiterbewilligung", "eingegangen_am": "01.01.2026"},
    )
    assert antwort.status_code == 400
    assert "muss die bisherige Entscheidung angegeben werden" in antwort.content.decode()
    assert not Antrag.objects.filter(bedarfsgemeinschaft=brake_bg).exists()


def test_berechnung_ohne_unterkunft_meldet_fehlende_angaben(angemeldet, bg_in, benutzer):
    from sozialhaus.core.models import Rechtskreis

    bg = bg_in("Brake", Rechtskreis.SGB12_KAP3)
    bg.haushalt.unterkuenfte.all().delete()
    antrag = fall.antrag(benutzer("sb.brake"), bg)
    antwort = angemeldet("sb.brake").get(
        f"/antraege/{antrag.aktenzeichen}/berechnung/",
        {"berechnung-von": "01.01.2026", "berechnung-bis": "31.01.2026"},
        HTTP_HX_REQUEST="true",
    )
    assert antwort.status_code == 400
    assert "Die Berechnung ist nicht möglich" in antwort.content.decode()


def test_dokument_des_nachweises_groesser_20_mb_400(angemeldet, brake_bg, benutzer, settings):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    nachweis = antrag.nachweise.first()
    gross = SimpleUploadedFile("scan.pdf", b"0" * (20 * 1024 * 1024 + 1), content_type="application/pdf")
    antwort = angemeldet("sb.brake").post(
        f"/antraege/{antrag.aktenzeichen}/nachweise/eingang/",
        {"eingang-nachweis": nachweis.pk, "eingang-eingegangen_am": "05.01.2026", "eingang-datei": gross},
    )
    assert antwort.status_code == 400 and "größer als 20 MB" in antwort.content.decode()
    nachweis.refresh_from_db()
    assert nachweis.eingegangen_am is None and not Dokument.objects.filter(bedarfsgemeinschaft=brake_bg).exists()


def test_nachweis_eines_anderen_antrags_400(angemeldet, brake_bg, bg_in, benutzer):
    from sozialhaus.core.models import Rechtskreis

    sb = benutzer("sb.brake")
    antrag = fall.antrag(sb, brake_bg)
    fremder = fall.antrag(sb, bg_in("Brake", Rechtskreis.SGB12_KAP3)).nachweise.first()
    antwort = angemeldet("sb.brake").post(
        f"/antraege/{antrag.aktenzeichen}/nachweise/eingang/",
        {"eingang-nachweis": fremder.pk, "eingang-eingegangen_am": "05.01.2026"},
    )
    assert antwort.status_code == 400 and "gehört nicht zum Antrag" in antwort.content.decode()
    fremder.refresh_from_db()
    assert fremder.eingegangen_am is None
