"""API v1 for Anträge and Bescheide: the same flow, permissions and audit trail as the staff UI (kanal "api").

Amount checked by hand: one adult, no income, Unterkunft 400 + 100 + 80 € → Regelbedarfsstufe 1 563 €
(RBSFV 2026, § 27a SGB XII) + 580 € Unterkunft und Heizung (§ 35 SGB XII) = 1.143,00 € per month.
"""

import pytest

from sozialhaus.cases import services
from sozialhaus.cases.models import Antrag
from sozialhaus.core.models import Rechtskreis
from tests.cases_ui import fall

from .conftest import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def hlu_bg(bg_in):
    return bg_in("Brake", Rechtskreis.SGB12_KAP3, [{"familienname": "Brakel", "vorname": "Berta"}])


def test_ablauf_ueber_die_api(client_fuer, hlu_bg, audit_neu):
    api = client_fuer("sb.brake", token=True)
    antwort = api.post(
        f"{API}antraege/", {"bg_nummer": hlu_bg.bg_nummer, "art": "erstantrag", "eingegangen_am": "2026-01-01"}
    )
    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    az = daten["aktenzeichen"]
    assert daten["status"] == "eingegangen" and daten["erlaubte_status"] == ["in_pruefung", "ruhend", "zurueckgenommen"]
    assert daten["nachweise"] and daten["entscheidungen"] == []

    antwort = api.post(f"{API}antraege/{az}/status/", {"status": "entscheidungsreif"})
    assert antwort.status_code == 409 and "kann nicht in den Status" in antwort.json()["detail"]
    assert api.post(f"{API}antraege/{az}/status/", {"status": "in_pruefung"}).status_code == 200
    antrag = Antrag.objects.get(aktenzeichen=az)
    for nachweis in antrag.nachweise.all():
        services.nachweis_eingegangen(antrag.bearbeiter, nachweis, eingegangen_am=fall.EINGANG)
    assert api.post(f"{API}antraege/{az}/status/", {"status": "entscheidungsreif"}).status_code == 200

    neu = audit_neu()
    antwort = api.post(f"{API}antraege/{az}/bewilligung/", {}, format="json")
    assert antwort.status_code == 200, antwort.json()
    entscheidung = antwort.json()["entscheidungen"][0]
    assert entscheidung["art"] == "bewilligung"
    assert {m["betrag"] for m in entscheidung["monate"]} == {"1143.00"} and len(entscheidung["monate"]) == 12
    bescheid = entscheidung["bescheide"][0]
    assert [e.kanal for e in neu() if e.objekt_typ == "entscheidung"] == ["api"]

    liste = api.get(f"{API}bescheide/").json()
    assert [b["nummer"] for b in liste["results"]] == [bescheid["nummer"]]
    assert liste["results"][0]["pdf"].endswith(f"/api/v1/bescheide/{bescheid['nummer']}/pdf/")
    neu = audit_neu()
    pdf = api.get(f"{API}bescheide/{bescheid['nummer']}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert [(e.aktion, e.objekt_typ, e.kanal) for e in neu()] == [("lesen", "dokument", "api")]


def test_liste_filter_und_detail_protokolliert(client_fuer, hlu_bg, benutzer, audit_neu):
    antrag = fall.antrag(benutzer("sb.brake"), hlu_bg)
    api = client_fuer("sb.brake")
    assert [a["aktenzeichen"] for a in api.get(f"{API}antraege/?bg={hlu_bg.bg_nummer}").json()["results"]] == [
        antrag.aktenzeichen
    ]
    assert api.get(f"{API}antraege/?status=entschieden&bg={hlu_bg.bg_nummer}").json()["count"] == 0
    antwort = api.get(f"{API}antraege/?status=erledigt")
    assert antwort.status_code == 400 and "status" in antwort.json()
    neu = audit_neu()
    assert api.get(f"{API}antraege/{antrag.aktenzeichen}/").status_code == 200
    assert [(e.aktion, e.objekt_typ, e.kanal) for e in neu()] == [("lesen", "antrag", "api")]


def test_andere_gemeinde_404(client_fuer, hlu_bg, benutzer, audit_neu):
    antrag, _, bescheid = fall.bewilligt(benutzer("sb.brake"), hlu_bg)
    api = client_fuer("sb.nordenham", token=True)
    neu = audit_neu()
    assert api.get(f"{API}antraege/{antrag.aktenzeichen}/").status_code == 404
    assert api.get(f"{API}bescheide/{bescheid.nummer}/pdf/").status_code == 404
    antwort = api.post(f"{API}antraege/{antrag.aktenzeichen}/ablehnung/", {"begruendung": "x"})
    assert antwort.status_code == 404 and antwort.json() == {"detail": "Nicht gefunden."}
    antwort = api.post(
        f"{API}antraege/", {"bg_nummer": hlu_bg.bg_nummer, "art": "erstantrag", "eingegangen_am": "2026-01-01"}
    )
    assert antwort.status_code == 400 and "wurde nicht gefunden" in antwort.json()["bg_nummer"][0]
    assert neu() == []  # nothing of the Brake case was read
    assert api.get(f"{API}antraege/").json()["count"] == 0
    assert api.get(f"{API}bescheide/").json()["count"] == 0


def test_lesende_rolle_403_und_ungueltige_eingaben_400(client_fuer, hlu_bg, benutzer):
    antrag = fall.antrag(benutzer("sb.brake"), hlu_bg)
    antwort = client_fuer("zahlstelle").post(f"{API}antraege/{antrag.aktenzeichen}/status/", {"status": "in_pruefung"})
    assert antwort.status_code == 403
    api = client_fuer("sb.brake")
    antwort = api.post(f"{API}antraege/{antrag.aktenzeichen}/ablehnung/", {})
    assert antwort.status_code == 400 and "begruendung" in antwort.json()
    antwort = api.post(
        f"{API}antraege/", {"bg_nummer": hlu_bg.bg_nummer, "art": "weiterbewilligung", "eingegangen_am": "2026-01-01"}
    )
    assert antwort.status_code == 400
    assert "bisherige Entscheidung angegeben werden" in antwort.json()["non_field_errors"][0]
    antrag.refresh_from_db()
    assert antrag.status == Antrag.Status.EINGEGANGEN and Antrag.objects.filter(bedarfsgemeinschaft=hlu_bg).count() == 1
