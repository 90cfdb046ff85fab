"""Persons and their time-versioned facts through the API: audit, validation, duplicates, versions."""

from datetime import date, timedelta

import pytest

from sozialhaus.people.models import Adresse, Bankverbindung, Einkommen, Person

from .conftest import API

pytestmark = pytest.mark.django_db

NEU = {
    "familienname": "Müller",
    "vorname": "Anna",
    "geburtsdatum": "1985-04-12",
    "geschlecht": "w",
    "staatsangehoerigkeit": "DE",
}


@pytest.mark.parametrize("token", [False, True], ids=["session", "token"])
def test_reading_a_person_writes_exactly_one_api_audit_entry(client_fuer, nordenham_person, audit_neu, token):
    client = client_fuer("sb.nordenham", token=token)
    neu = audit_neu()
    assert client.get(API + f"personen/{nordenham_person.kundennummer}/").status_code == 200
    eintraege = neu()
    assert len(eintraege) == 1
    eintrag = eintraege[0]
    assert (eintrag.aktion, eintrag.kanal, eintrag.benutzername) == ("lesen", "api", "sb.nordenham")
    assert (eintrag.objekt_typ, eintrag.objekt_id) == ("person", str(nordenham_person.pk))
    assert eintrag.dienststelle.kuerzel == "sozialamt-nordenham"


def test_denied_read_writes_no_entry_but_search_writes_one(client_fuer, nordenham_person, audit_neu):
    client = client_fuer("sb.brake")
    neu = audit_neu()
    client.get(API + f"personen/{nordenham_person.kundennummer}/")
    assert neu() == []
    client.get(API + "personen/", {"name": "Nordhaus"})
    eintraege = neu()
    assert [(e.aktion, e.kanal, e.details["name"]) for e in eintraege] == [("suchen", "api", "Nordhaus")]


def test_search_by_criteria(client_fuer, bg_in):
    bg = bg_in(
        "Brake",
        "sgb12_kap3",
        [
            {"familienname": "Müller", "vorname": "Anna", "geburtsdatum": date(1985, 4, 12)},
            {"familienname": "Müller", "vorname": "Ben", "geburtsdatum": date(2015, 6, 1)},
        ],
    )
    client = client_fuer("sb.brake")

    def suche(**params):
        antwort = client.get(API + "personen/", params)
        assert antwort.status_code == 200, antwort.content
        return [p["vorname"] for p in antwort.json()["results"]]

    assert suche(name="mueller") == ["Anna", "Ben"]
    assert suche(name="Müller B") == ["Ben"]
    assert suche(geburtsdatum="12.04.1985") == ["Anna"]
    assert suche(bg_nummer=bg.bg_nummer.lower()) == ["Anna", "Ben"]
    antwort = client.get(API + "personen/", {"geburtsdatum": "gestern"})
    assert antwort.status_code == 400
    assert "Datum hat das falsche Format" in antwort.json()["geburtsdatum"][0]


def test_create_person(client_fuer, audit_neu):
    neu = audit_neu()
    antwort = client_fuer("sb.brake").post(API + "personen/", {**NEU, "steuer_id": "86095742719"}, format="json")
    assert antwort.status_code == 201, antwort.content
    daten = antwort.json()
    assert daten["kundennummer"].startswith("K")
    assert daten["erfasst_von"] == "sozialamt-brake"
    person = Person.objects.get(kundennummer=daten["kundennummer"])
    assert (person.familienname, person.geburtsdatum) == ("Müller", date(1985, 4, 12))
    assert [(e.aktion, e.kanal, e.objekt_id) for e in neu()] == [("anlegen", "api", str(person.pk))]


def test_create_person_needs_dienststelle_when_user_has_several(client_fuer):
    client = client_fuer("sb.nordenham")
    antwort = client.post(API + "personen/", NEU, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["dienststelle"][0].startswith("Bitte die Dienststelle angeben")
    antwort = client.post(API + "personen/", {**NEU, "dienststelle": "sozialamt-brake"}, format="json")
    assert antwort.status_code == 403
    assert "sozialamt-brake" in antwort.json()["detail"]
    antwort = client.post(API + "personen/", {**NEU, "dienststelle": "wg-nordenham"}, format="json")
    assert antwort.status_code == 201
    assert antwort.json()["erfasst_von"] == "wg-nordenham"


def test_duplicate_gives_409_until_confirmed(client_fuer, brake_person, nordenham_person):
    client = client_fuer("sb.brake")
    doppelt = {
        "familienname": "nordhaus",
        "vorname": "Nora",
        "geburtsdatum": nordenham_person.geburtsdatum.isoformat(),
        "geschlecht": "w",
    }
    antwort = client.post(API + "personen/", doppelt, format="json")
    assert antwort.status_code == 409
    assert antwort.json()["dubletten"] == [nordenham_person.kundennummer]
    assert "bereits eine Person mit gleichem Namen und Geburtsdatum" in antwort.json()["detail"]
    assert Person.objects.filter(familienname="nordhaus").count() == 0
    antwort = client.post(API + "personen/", {**doppelt, "dublette_bestaetigt": True}, format="json")
    assert antwort.status_code == 201
    assert Person.objects.filter(suchname__startswith="nordhaus nora").count() == 2


@pytest.mark.parametrize(
    ("eingabe", "feld", "meldung"),
    [
        ({"geburtsdatum": (date.today() + timedelta(days=1)).isoformat()}, "geburtsdatum", "Zukunft"),
        ({"steuer_id": "12345678901"}, "steuer_id", "Steuer-Identifikationsnummer ist ungültig"),
        ({"staatsangehoerigkeit": "Deutsch"}, "staatsangehoerigkeit", "Ländercode"),
        ({"familienname": ""}, "familienname", "darf nicht leer sein"),
        ({"geschlecht": "q"}, "geschlecht", "keine gültige Option"),
    ],
)
def test_invalid_person_gives_400_in_german_and_saves_nothing(client_fuer, audit_neu, eingabe, feld, meldung):
    vorher = Person.objects.count()
    neu = audit_neu()
    antwort = client_fuer("sb.brake").post(API + "personen/", {**NEU, **eingabe}, format="json")
    assert antwort.status_code == 400
    assert meldung in " ".join(antwort.json()[feld])
    assert Person.objects.count() == vorher
    assert neu() == []


def test_missing_required_fields(client_fuer):
    vorher = Person.objects.count()
    antwort = client_fuer("sb.brake").post(API + "personen/", {"vorname": "Anna"}, format="json")
    assert antwort.status_code == 400
    fehler = antwort.json()
    for feld in ("familienname", "geburtsdatum", "geschlecht"):
        assert fehler[feld] == ["Dieses Feld ist zwingend erforderlich."]
    assert Person.objects.count() == vorher


def test_partial_update(client_fuer, brake_person, audit_neu):
    client = client_fuer("sb.brake")
    neu = audit_neu()
    antwort = client.patch(
        API + f"personen/{brake_person.kundennummer}/",
        {"familienname": "Brakeler", "telefon": "04401 555"},
        format="json",
    )
    assert antwort.status_code == 200, antwort.content
    assert antwort.json()["familienname"] == "Brakeler"
    brake_person.refresh_from_db()
    assert (brake_person.familienname, brake_person.suchname) == ("Brakeler", "brakeler bruno")
    assert [(e.aktion, e.kanal, e.details) for e in neu()] == [
        ("aendern", "api", {"felder": ["familienname", "telefon"]})
    ]
    antwort = client.patch(API + f"personen/{brake_person.kundennummer}/", {"steuer_id": "1"}, format="json")
    assert antwort.status_code == 400
    antwort = client.patch(API + f"personen/{brake_person.kundennummer}/", {"kundennummer": "K1"}, format="json")
    brake_person.refresh_from_db()
    assert brake_person.kundennummer != "K1"
    assert client.put(API + f"personen/{brake_person.kundennummer}/", NEU, format="json").status_code == 405


def test_income_versions_and_money_as_strings(client_fuer, brake_person, audit_neu):
    client = client_fuer("sb.brake")
    url = API + f"personen/{brake_person.kundennummer}/einkommen/"
    erste = {"art": "rente", "brutto": "812.4", "netto": 812.4, "gueltig_ab": "2025-01-01"}
    assert client.post(url, erste, format="json").status_code == 201
    neu = audit_neu()
    antwort = client.post(
        url, {**erste, "brutto": "830.00", "netto": "830.00", "gueltig_ab": "2025-07-01"}, format="json"
    )
    assert antwort.status_code == 201
    assert antwort.json()["brutto"] == "830.00"
    assert antwort.json()["erfasst_von"] == "sb.brake"
    assert [(e.aktion, e.objekt_typ, e.details["teil"]) for e in neu()] == [("aendern", "person", "einkommen")]
    neu = audit_neu()
    verlauf = client.get(url).json()
    assert [(v["brutto"], v["gueltig_ab"], v["gueltig_bis"]) for v in verlauf] == [
        ("830.00", "2025-07-01", None),
        ("812.40", "2025-01-01", "2025-06-30"),
    ]
    assert [(e.aktion, e.kanal) for e in neu()] == [("lesen", "api")]


def test_invalid_iban_gives_400_and_saves_nothing(client_fuer, brake_person, audit_neu):
    client = client_fuer("sb.brake")
    url = API + f"personen/{brake_person.kundennummer}/bankverbindungen/"
    neu = audit_neu()
    antwort = client.post(
        url,
        {"kontoinhaber": "Bruno Brakel", "iban": "DE89370400440532013001", "gueltig_ab": "2025-01-01"},
        format="json",
    )
    assert antwort.status_code == 400
    assert antwort.json() == {"iban": ["Die IBAN ist ungültig. Bitte prüfen Sie Länge, Ländercode und Prüfziffer."]}
    assert not Bankverbindung.objects.filter(person=brake_person).exists()
    assert neu() == []
    antwort = client.post(
        url,
        {"kontoinhaber": "Bruno Brakel", "iban": "de89 3704 0044 0532 0130 00", "gueltig_ab": "2025-01-01"},
        format="json",
    )
    assert antwort.status_code == 201
    assert antwort.json()["iban"] == "DE89370400440532013000"


@pytest.mark.parametrize(
    ("url_teil", "daten", "feld"),
    [
        ("einkommen", {"art": "rente", "brutto": "-1", "netto": "0", "gueltig_ab": "2025-01-01"}, "brutto"),
        ("einkommen", {"art": "rente", "brutto": "10.123", "netto": "1", "gueltig_ab": "2025-01-01"}, "brutto"),
        ("einkommen", {"art": "rente", "brutto": "100", "netto": "100"}, "gueltig_ab"),
        (
            "einkommen",
            {"art": "rente", "brutto": "1", "netto": "1", "gueltig_ab": "2025-02-01", "gueltig_bis": "2025-01-01"},
            "gueltig_bis",
        ),
        (
            "adressen",
            {"strasse": "Weg", "hausnummer": "1", "postleitzahl": "2691", "ort": "Brake", "gueltig_ab": "2025-01-01"},
            "postleitzahl",
        ),
        (
            "adressen",
            {
                "strasse": "Weg",
                "hausnummer": "1",
                "postleitzahl": "26919",
                "ort": "Brake",
                "gueltig_ab": "2025-01-01",
                "gemeinde": "99999999",
            },
            "gemeinde",
        ),
        ("vermoegen", {"art": "kfz", "gueltig_ab": "2025-01-01"}, "wert"),
    ],
)
def test_invalid_facts(client_fuer, brake_person, url_teil, daten, feld):
    antwort = client_fuer("sb.brake").post(
        API + f"personen/{brake_person.kundennummer}/{url_teil}/", daten, format="json"
    )
    assert antwort.status_code == 400
    assert feld in antwort.json()
    assert not Einkommen.objects.filter(person=brake_person).exists()
    assert not Adresse.objects.filter(person=brake_person).exists()


def test_address_with_gemeinde(client_fuer, brake_person):
    antwort = client_fuer("sb.brake").post(
        API + f"personen/{brake_person.kundennummer}/adressen/",
        {
            "strasse": "Breite Straße",
            "hausnummer": "7",
            "postleitzahl": "26919",
            "ort": "Brake",
            "gemeinde": "03461002",
            "gueltig_ab": "2025-01-01",
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert antwort.json()["gemeinde"] == "03461002"


def test_iban_masked_for_those_who_may_only_read(client_fuer, bg_in):
    """As in the staff UI: the full IBAN only for those who may change the person."""
    person = bg_in("Elsfleth", "sgb2").mitgliedschaften.get().person
    url = API + f"personen/{person.kundennummer}/bankverbindungen/"
    antwort = client_fuer("sb.kreis").post(
        url, {"kontoinhaber": "Muster", "iban": "DE89370400440532013000", "gueltig_ab": "2025-01-01"}, format="json"
    )
    assert antwort.status_code == 201
    assert client_fuer("sb.kreis").get(url).json()[0]["iban"] == "DE89370400440532013000"
    assert client_fuer("widerspruch").get(url).json()[0]["iban"] == "••••••••••••••••••3000"
