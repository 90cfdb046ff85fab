"""API of the Zahlläufe: list, detail and SEPA file for Zahlstelle and Teamleitung, nothing for anyone else."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Rechtskreis
from sozialhaus.payments import services

API = "/api/v1/zahllaeufe/"
JAN = date(2025, 1, 1)


@pytest.fixture
def client_fuer(benutzer):
    def anmelden(name: str) -> APIClient:
        client = APIClient()
        client.force_login(benutzer(name))
        return client

    return anmelden


@pytest.fixture
def lauf(bewilligt, ausgefuehrt, bg_in):
    bewilligt("Eins", konto=1)
    bewilligt("Zwei", konto=2)
    bewilligt("Ohnekonto", konto="DE00280501000000000003")  # invalid check digits: held back
    lauf = ausgefuehrt(JAN)
    fremd = bg_in("Nordenham", Rechtskreis.SGB12_KAP3)  # a held-back entry of a Sozialamt case
    zurueck = [*lauf.protokoll["zurueckgestellt"], {"bg": fremd.bg_nummer, "monat": "01/2025", "empfaenger": "x",
               "betrag": "10.00", "grund": "Es ist keine gültige Bankverbindung hinterlegt."}]  # fmt: skip
    lauf.protokoll = {"zurueckgestellt": zurueck}
    lauf.save(update_fields=["protokoll"])
    return lauf


def test_zahlstelle_sieht_liste_mit_summen_und_link(client_fuer, lauf):
    antwort = client_fuer("zahlstelle").get(API, {"traeger": "03461", "monat": "2025-01"})
    assert antwort.status_code == 200
    [eintrag] = antwort.json()["results"]
    # two SGB II payments of 1.143,00 € each (563 € Regelbedarf + 580 € KdU, conftest); the third is held back
    assert (eintrag["monat"], eintrag["status"], eintrag["anzahl"], eintrag["summe"]) == (
        "2025-01",
        "ausgefuehrt",
        2,
        "2286.00",
    )
    assert eintrag["summen_je_rechtskreis"] == {"sgb2": "2286.00"}
    assert (eintrag["vorbereitet_von"], eintrag["freigegeben_von"]) == ("zahlstelle", "zahlstelle2")
    assert eintrag["sepa_datei"] == "http://testserver/api/v1/zahllaeufe/03461/2025-01/sepa/"
    assert AuditEintrag.objects.filter(objekt_typ="zahllauf-liste", kanal="api").count() == 1


def test_sepa_datei_fuer_die_zahlstelle(client_fuer, lauf):
    antwort = client_fuer("zahlstelle").get(API + "03461/2025-01/sepa/")
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/xml"
    assert antwort["ETag"] == f'"{lauf.sha256}"'
    assert f'filename="{lauf.msg_id}.xml"' in antwort["Content-Disposition"]
    assert antwort.content == lauf.sepa_xml.encode("utf-8")
    eintrag = AuditEintrag.objects.filter(objekt_typ="zahllauf", objekt_id=str(lauf.pk), kanal="api").get()
    assert eintrag.details["sha256"] == lauf.sha256


def test_detail_zeigt_nur_eigene_zurueckgestellte(client_fuer, lauf):
    alle = client_fuer("zahlstelle").get(API + "03461/2025-01/").json()
    assert {z["grund"] for z in alle["zurueckgestellt"]} == {
        "Die IBAN DE00280501000000000003 ist ungültig (Länge, Ländercode oder Prüfziffer).",
        "Es ist keine gültige Bankverbindung hinterlegt.",
    }
    assert alle["vorschau"]["empfaenger"] == {"person": "2286.00"}
    assert (alle["ruecklaeufer_anzahl"], alle["ruecklaeufer_summe"], alle["ruecklaeufer"]) == (0, "0.00", [])
    # Teamleitung of the Jobcenter: the run and its sums, but not the Sozialamt's held-back case, no SEPA file
    client = client_fuer("teamleitung")
    team = client.get(API + "03461/2025-01/").json()
    assert [z["betrag"] for z in team["zurueckgestellt"]] == ["1143.00"]
    assert team["sepa_datei"] is None
    antwort = client.get(API + "03461/2025-01/sepa/")
    assert antwort.status_code == 403
    assert antwort.json() == {"detail": "Sie haben keine Berechtigung für diesen Vorgang."}


@pytest.mark.parametrize("login", ["sb.kreis", "statistik", "lotse"])
def test_andere_rollen_sehen_keine_zahllaeufe(client_fuer, lauf, login):
    client = client_fuer(login)
    assert client.get(API).json()["results"] == []
    assert client.get(API + "03461/2025-01/").status_code == 404
    assert client.get(API + "03461/2025-01/sepa/").status_code == 404


def test_noch_nicht_ausgefuehrt_und_falsche_eingaben(client_fuer, bewilligt, traeger, zahlstelle):
    bewilligt()
    services.zahllauf_vorbereiten(zahlstelle, traeger, JAN)
    client = client_fuer("zahlstelle")
    eintrag = client.get(API).json()["results"][0]
    assert (eintrag["status"], eintrag["sepa_datei"]) == ("vorbereitet", None)
    antwort = client.get(API + "03461/2025-01/sepa/")
    assert antwort.status_code == 409
    assert "erst nach der Ausführung" in antwort.json()["detail"]
    assert client.get(API, {"monat": "2025-13"}).status_code == 400
    assert client.get(API + "03461/Januar/").status_code == 404
