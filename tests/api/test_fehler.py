"""Every error response of the API is German (issue 2: "bad input gets a clear German message")."""

import json
import re

import pytest
from rest_framework.test import APIClient

from sozialhaus.people.models import Person

from .conftest import API

pytestmark = pytest.mark.django_db

ENGLISCH = re.compile(r"\b(the|not|must|invalid|provided|error|credentials|expected|please|field)\b", re.IGNORECASE)


def deutsch(antwort) -> str:
    """The response's messages as one text, asserted free of DRF's English."""
    text = json.dumps(antwort.json(), ensure_ascii=False)
    assert not ENGLISCH.search(text), text
    return text


@pytest.mark.parametrize("sprache", ["de", "en", ""])
def test_unauthenticated_is_german_whatever_the_client_asks_for(sprache):
    antwort = APIClient().get(API + "personen/", HTTP_ACCEPT_LANGUAGE=sprache)
    assert antwort.status_code in (401, 403)
    assert antwort.json() == {"detail": "Anmeldedaten fehlen."}


def test_unknown_token_is_german():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    antwort = client.get(API + "personen/")
    assert antwort.status_code in (401, 403)
    assert deutsch(antwort) == '{"detail": "Ungültiges Token"}'


@pytest.mark.parametrize(
    ("body", "meldung"),
    [
        ('{"familienname": ', "Die Anfrage enthält kein gültiges JSON (Zeile 1, Spalte 18)."),
        ("{'familienname': 'Müller'}", "Die Anfrage enthält kein gültiges JSON (Zeile 1, Spalte 2)."),
        ("", None),
    ],
)
def test_malformed_json_gives_400_in_german_and_saves_nothing(client_fuer, body, meldung):
    vorher = Person.objects.count()
    antwort = client_fuer("sb.brake").post(API + "personen/", body, content_type="application/json")
    assert antwort.status_code == 400
    text = deutsch(antwort)
    if meldung:
        assert antwort.json() == {"detail": meldung}
    else:  # an empty body is an empty form: every required field is missing
        assert "zwingend erforderlich" in text
    assert Person.objects.count() == vorher


def test_json_that_is_not_an_object(client_fuer):
    antwort = client_fuer("sb.brake").post(API + "personen/", "[1, 2]", content_type="application/json")
    assert antwort.status_code == 400
    assert "Dictionary erwartet" in deutsch(antwort)


def test_other_errors_are_german(client_fuer, brake_person):
    client = client_fuer("sb.brake")
    antwort = client.delete(API + f"personen/{brake_person.kundennummer}/")
    assert antwort.status_code == 405
    assert deutsch(antwort) == '{"detail": "Methode \\"DELETE\\" nicht erlaubt."}'
    antwort = client.post(API + "personen/", "familienname=X", content_type="text/plain")
    assert antwort.status_code == 415
    assert "Nicht unterstützter Medientyp" in deutsch(antwort)
    antwort = client.get(API + "personen/", {"page": 99})
    assert antwort.status_code == 404
    assert deutsch(antwort) == '{"detail": "Ungültige Seite."}'
    antwort = client.get(API + "personen/K00000000/")
    assert antwort.status_code == 404
    assert deutsch(antwort) == '{"detail": "Nicht gefunden."}'
    antwort = client.get(API + "dienststellen/gibt-es-nicht/")
    assert antwort.status_code == 404
    assert deutsch(antwort) == '{"detail": "Nicht gefunden."}'


def test_csrf_failure_is_german(benutzer):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(benutzer("sb.brake"))
    antwort = client.post(
        API + "personen/",
        {"familienname": "X", "vorname": "Y", "geburtsdatum": "1990-01-01", "geschlecht": "w"},
        format="json",
    )
    assert antwort.status_code == 403
    assert deutsch(antwort).startswith('{"detail": "CSRF-Prüfung fehlgeschlagen.')


def test_validation_messages_are_german(client_fuer, brake_person):
    client = client_fuer("sb.brake")
    antwort = client.post(
        API + f"personen/{brake_person.kundennummer}/einkommen/",
        {"art": "lohn", "brutto": "-5", "netto": "abc", "gueltig_ab": "31.12.2025"},
        format="json",
    )
    assert antwort.status_code == 400
    fehler = antwort.json()
    deutsch(antwort)
    assert fehler["brutto"] == ["Der Betrag darf nicht negativ sein."]
    assert fehler["netto"] == ["Eine gültige Zahl ist erforderlich."]
    assert set(fehler) == {"art", "brutto", "netto", "gueltig_ab"}
