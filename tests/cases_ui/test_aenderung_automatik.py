"""Änderungsmitteilung → Änderung (§ 48 SGB X) with bisher/neu/Differenz per month; § 31a SGB X check and report.

Hand calculation for the Änderung: from 03/2026 the person receives 300 € Unterhalt. § 82 Abs. 1 SGB XII counts it
as income, less the Versicherungspauschale of 30 € (§ 82 Abs. 2 Satz 1 Nr. 3 SGB XII; 30 € as in § 6 Abs. 1 Nr. 1
Bürgergeld-V, the Träger's practice): 270 € counted. New claim 563 € + 580 € − 270 € = 873,00 €; bisher 1.143,00 €;
Differenz −270,00 € (Überzahlung) for each of the months 03/2026 to 12/2026.
"""

from datetime import date
from decimal import Decimal

import pytest

from sozialhaus.cases.models import Antrag, Entscheidung
from sozialhaus.people.models import Einkommen

from . import fall

pytestmark = pytest.mark.django_db


def test_aenderung_zeigt_bisher_neu_differenz(angemeldet, brake_bg, benutzer):
    sb = benutzer("sb.brake")
    _, bewilligung, _ = fall.bewilligt(sb, brake_bg)
    person = brake_bg.mitgliedschaften.get().person
    Einkommen(
        person=person, art="unterhalt", brutto=Decimal("300.00"), netto=Decimal("300.00"), gueltig_ab=date(2026, 3, 1)
    ).als_neue_version_speichern()
    client = angemeldet("sb.brake")
    antwort = client.post(
        f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/antraege/neu/",
        {"art": "aenderung", "eingegangen_am": "02.03.2026", "vorentscheidung": str(bewilligung.pk)},
    )
    assert antwort.status_code == 302
    mitteilung = Antrag.objects.get(bedarfsgemeinschaft=brake_bg, art=Antrag.Art.AENDERUNG)
    client.post(f"/antraege/{mitteilung.aktenzeichen}/status/", {"status-nach": "in_pruefung"})
    for nachweis in mitteilung.nachweise.all():
        client.post(
            f"/antraege/{mitteilung.aktenzeichen}/nachweise/eingang/",
            {"eingang-nachweis": nachweis.pk, "eingang-eingegangen_am": "02.03.2026"},
        )
    client.post(f"/antraege/{mitteilung.aktenzeichen}/status/", {"status-nach": "entscheidungsreif"})
    seite = client.get(f"/antraege/{mitteilung.aktenzeichen}/").content.decode()
    assert "Ändern oder aufheben" in seite and "Bewilligen</span>" not in seite

    antwort = client.post(
        f"/antraege/{mitteilung.aktenzeichen}/aenderung/",
        {"aenderung-ab": "01.03.2026", "aenderung-rechtsgrundlage": "sgb10_48", "aenderung-begruendung": ""},
    )
    assert antwort.status_code == 400 and not Entscheidung.objects.filter(antrag=mitteilung).exists()
    antwort = client.post(
        f"/antraege/{mitteilung.aktenzeichen}/aenderung/",
        {
            "aenderung-ab": "01.03.2026",
            "aenderung-rechtsgrundlage": "sgb10_48",
            "aenderung-begruendung": "Unterhalt ab März 2026.",
        },
    )
    assert antwort.status_code == 302
    aenderung = Entscheidung.objects.get(antrag=mitteilung)
    assert aenderung.art == Entscheidung.Art.AENDERUNG and aenderung.aendert == bewilligung
    zeilen = [(m.monat, m.bisher, m.betrag, m.differenz) for m in aenderung.monate.all()]
    assert zeilen == [
        (date(2026, monat, 1), Decimal("1143.00"), Decimal("873.00"), Decimal("-270.00")) for monat in range(3, 13)
    ]
    seite = client.get(f"/antraege/{mitteilung.aktenzeichen}/").content.decode()
    assert "bisher €" in seite and "873,00" in seite and "-270,00" in seite and "1.143,00" in seite


def test_automatisch_pruefen_zeigt_kriterien(angemeldet, brake_bg, benutzer, audit_neu):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    client = angemeldet("sb.brake")
    neu = audit_neu()
    antwort = client.post(f"/antraege/{antrag.aktenzeichen}/automatik/", follow=True)
    html = antwort.content.decode()
    assert antwort.status_code == 200 and "Nicht automatisch entscheidbar" in html
    assert "nicht erfüllt" in html
    assert antrag.automatikpruefungen.count() == 1
    assert ("aendern", "antrag", "sb.brake") in [(e.aktion, e.objekt_typ, e.benutzername) for e in neu()]
    assert angemeldet("sb.nordenham").post(f"/antraege/{antrag.aktenzeichen}/automatik/").status_code == 404
    assert antrag.automatikpruefungen.count() == 1


def test_automatikbericht_nur_fuer_teamleitung(angemeldet, brake_bg, benutzer):
    antrag = fall.antrag(benutzer("sb.brake"), brake_bg)
    angemeldet("sb.brake").post(f"/antraege/{antrag.aktenzeichen}/automatik/")
    assert angemeldet("sb.brake").get("/automatik/bericht/").status_code == 403
    heute = date.today().strftime("%d.%m.%Y")
    antwort = angemeldet("teamleitung").get("/automatik/bericht/", {"von": "01.01.2026", "bis": heute})
    html = antwort.content.decode()
    assert antwort.status_code == 200 and "Automatische Entscheidungen" in html
    assert '<p class="sh-kennzahl">1</p><p class="kern-body">Anträge geprüft' in html
    antwort = angemeldet("teamleitung").get("/automatik/bericht/", {"von": heute, "bis": "01.01.2026"})
    assert antwort.status_code == 400 and "„bis“ darf nicht vor „von“ liegen." in antwort.content.decode()
