"""POST /api/v1/berechnung: authenticated users get the engine's result; fehler means HTTP 400."""

import pytest
from rest_framework.test import APIClient

URL = "/api/v1/berechnung"
EINGABE = {
    "monat": "2024-05",
    "leistung": "buergergeld",
    "bezug_seit": "2023-01-01",
    "personen": [{"id": "a", "geburtsdatum": "1980-01-01", "erwerbsfaehig": True}],
    "beziehungen": [],
    "unterkunft": {"kaltmiete": "400.00", "nebenkosten": "100.00", "heizkosten": "100.00", "personen_im_haushalt": 1},
}


@pytest.mark.django_db
def test_berechnung_liefert_ergebnis(benutzer):
    client = APIClient()
    client.force_login(benutzer("sb.kreis"))
    antwort = client.post(URL, EINGABE, format="json")
    assert antwort.status_code == 200, antwort.content
    daten = antwort.json()
    assert daten["anspruch"] == "1163.00"
    assert daten["personen"]["a"]["regelbedarf"] == "563.00"
    assert daten["bezeichnung"] == "Bürgergeld"
    assert daten["positionen"][0]["norm"].startswith("§ 20")


@pytest.mark.django_db
def test_fehler_ergibt_400_mit_fehlertext(benutzer):
    client = APIClient()
    client.force_login(benutzer("sb.kreis"))
    kaputt = dict(EINGABE, monat="2024-13")
    antwort = client.post(URL, kaputt, format="json")
    assert antwort.status_code == 400
    assert "monat" in antwort.json()["fehler"]


@pytest.mark.django_db
def test_kein_objekt_ergibt_400(benutzer):
    client = APIClient()
    client.force_login(benutzer("sb.kreis"))
    antwort = client.post(URL, [1, 2], format="json")
    assert antwort.status_code == 400
    assert "fehler" in antwort.json()


@pytest.mark.django_db
def test_ohne_anmeldung_kein_zugriff():
    antwort = APIClient().post(URL, EINGABE, format="json")
    assert antwort.status_code in (401, 403)


@pytest.mark.django_db
def test_schema_enthaelt_berechnung(benutzer):
    client = APIClient()
    client.force_login(benutzer("sb.kreis"))
    antwort = client.get("/api/v1/schema/", {"format": "json"})
    assert antwort.status_code == 200
    assert "/api/v1/berechnung" in antwort.json()["paths"]
