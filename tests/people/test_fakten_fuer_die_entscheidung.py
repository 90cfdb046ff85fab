"""Facts the decision needs: Aufenthalt (AsylbLG), dauerhafte volle Erwerbsminderung, Schonvermögen, Angemessenheit
of the Unterkunft (UI and API) and the Mietenstufe of a Gemeinde (Verwaltung)."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory

from sozialhaus.core.models import Gemeinde, Rechtskreis
from sozialhaus.people.models import Person, Unterkunft, Vermoegen

API = "/api/v1/"


@pytest.fixture
def asyl_bg(bg_in):
    return bg_in("Brake", Rechtskreis.ASYLBLG, [{"familienname": "Haidari", "geburtsdatum": date(1990, 4, 1)}])


def _person(bg) -> Person:
    return bg.mitgliedschaften.get().person


def _stammdaten(person: Person, **felder) -> dict:
    return {
        "familienname": person.familienname,
        "vorname": person.vorname,
        "geburtsdatum": person.geburtsdatum.strftime("%d.%m.%Y"),
        "geschlecht": person.geschlecht,
        "staatsangehoerigkeit": "AF",
        **felder,
    }


def test_aufenthalt_seit_im_personenformular(angemeldet, asyl_bg):
    person = _person(asyl_bg)
    client = angemeldet("sb.brake")
    url = f"/personen/{person.kundennummer}/bearbeiten/"
    assert "Aufenthalt im Bundesgebiet seit" in client.get(url).content.decode()
    antwort = client.post(url, _stammdaten(person, aufenthalt_seit="15.01.2025"))
    assert antwort.status_code == 302, antwort.content.decode()
    person.refresh_from_db()
    assert person.aufenthalt_seit == date(2025, 1, 15)
    assert "15.01.2025" in client.get(f"/personen/{person.kundennummer}/").content.decode()


def test_aufenthalt_vor_der_geburt_wird_abgelehnt(angemeldet, asyl_bg):
    person = _person(asyl_bg)
    antwort = angemeldet("sb.brake").post(
        f"/personen/{person.kundennummer}/bearbeiten/", _stammdaten(person, aufenthalt_seit="01.01.1989")
    )
    assert antwort.status_code == 400
    assert "Der Aufenthalt kann nicht vor der Geburt beginnen." in antwort.content.decode()
    person.refresh_from_db()
    assert person.aufenthalt_seit is None


def test_neue_person_mit_dauerhafter_erwerbsminderung(angemeldet, dienststelle):
    antwort = angemeldet("sb.brake").post(
        "/personen/neu/",
        {
            "dienststelle": dienststelle("sozialamt-brake").pk,
            "familienname": "Gemindert",
            "vorname": "Gerd",
            "geburtsdatum": "01.01.1975",
            "geschlecht": "m",
            "staatsangehoerigkeit": "DE",
            "dauerhaft_voll_erwerbsgemindert_seit": "01.05.2024",
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()
    person = Person.objects.get(familienname="Gemindert")
    assert person.dauerhaft_voll_erwerbsgemindert_seit == date(2024, 5, 1)
    assert person.aufenthalt_seit is None


def test_schonvermoegen_im_vermoegensformular(angemeldet, asyl_bg):
    person = _person(asyl_bg)
    client = angemeldet("sb.brake")
    antwort = client.post(
        f"/personen/{person.kundennummer}/vermoegen/neu/",
        {"gueltig_ab": "01.01.2026", "art": "kfz", "bezeichnung": "Opel Corsa", "wert": "2.500,00",
         "schonvermoegen": "on"},
    )  # fmt: skip
    assert antwort.status_code == 302, antwort.content.decode()
    assert Vermoegen.objects.get(person=person).schonvermoegen


def test_angemessenheit_im_unterkunftsformular(angemeldet, asyl_bg):
    client = angemeldet("sb.brake")
    url = f"/bedarfsgemeinschaften/{asyl_bg.bg_nummer}/unterkunft/neu/"
    daten = {
        "gueltig_ab": "01.01.2026",
        "kaltmiete": "500,00",
        "nebenkosten": "100,00",
        "heizkosten": "80,00",
        "wohnflaeche": "60",
        "gemeinde": asyl_bg.haushalt.gemeinde_id,
        "angemessene_bruttokaltmiete": "480,00",
        "kostensenkung_ab": "01.04.2026",
    }
    antwort = client.post(url, daten)
    assert antwort.status_code == 302, antwort.content.decode()
    neu = Unterkunft.objects.get(haushalt=asyl_bg.haushalt, gueltig_ab=date(2026, 1, 1))
    assert (neu.angemessene_bruttokaltmiete, neu.angemessene_heizkosten, neu.kostensenkung_ab) == (
        Decimal("480.00"),
        None,
        date(2026, 4, 1),
    )
    seite = client.get(f"/bedarfsgemeinschaften/{asyl_bg.bg_nummer}/").content.decode()
    assert "Bruttokaltmiete bis 480,00 €" in seite and "Kostensenkung ab 01.04.2026" in seite


def test_kostensenkung_ohne_angemessenheitsgrenze_speichert_nichts(angemeldet, asyl_bg):
    antwort = angemeldet("sb.brake").post(
        f"/bedarfsgemeinschaften/{asyl_bg.bg_nummer}/unterkunft/neu/",
        {"gueltig_ab": "01.01.2026", "kaltmiete": "500,00", "nebenkosten": "100,00", "heizkosten": "80,00",
         "wohnflaeche": "60", "gemeinde": asyl_bg.haushalt.gemeinde_id, "kostensenkung_ab": "01.04.2026"},
    )  # fmt: skip
    assert antwort.status_code == 400
    assert "Eine Kostensenkung setzt eine angemessene Bruttokaltmiete oder angemessene Heizkosten voraus." in (
        antwort.content.decode()
    )
    assert asyl_bg.haushalt.unterkuenfte.count() == 1


def test_api_person_und_unterkunft_mit_den_neuen_fakten(client_fuer, asyl_bg):
    client = client_fuer("sb.brake")
    person = _person(asyl_bg)
    antwort = client.patch(API + f"personen/{person.kundennummer}/", {"aufenthalt_seit": "2025-01-15"}, format="json")
    assert antwort.status_code == 200, antwort.content
    assert antwort.json()["aufenthalt_seit"] == "2025-01-15"
    assert antwort.json()["dauerhaft_voll_erwerbsgemindert_seit"] is None
    antwort = client.patch(API + f"personen/{person.kundennummer}/", {"aufenthalt_seit": "1980-01-01"}, format="json")
    assert antwort.status_code == 400
    assert antwort.json() == {"aufenthalt_seit": ["Der Aufenthalt kann nicht vor der Geburt beginnen."]}

    url = API + f"haushalte/{asyl_bg.haushalt.nummer}/unterkunft/"
    miete = {"kaltmiete": "500", "nebenkosten": "100", "heizkosten": "80", "wohnflaeche": "60"}
    antwort = client.post(url, {**miete, "gueltig_ab": "2026-01-01", "kostensenkung_ab": "2026-04-01"}, format="json")
    assert antwort.status_code == 400
    assert list(antwort.json()) == ["kostensenkung_ab"]
    antwort = client.post(
        url,
        {**miete, "gueltig_ab": "2026-01-01", "angemessene_heizkosten": "70", "kostensenkung_ab": "2026-04-01"},
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert antwort.json()["angemessene_heizkosten"] == "70.00"
    assert antwort.json()["angemessene_bruttokaltmiete"] is None
    assert antwort.json()["kostensenkung_ab"] == "2026-04-01"


def test_mietenstufe_in_der_verwaltung(benutzer):
    modell_admin = admin.site._registry[Gemeinde]
    anfrage = RequestFactory().get("/verwaltung/core/gemeinde/")
    anfrage.user = benutzer("admin")
    assert "mietenstufe" in modell_admin.get_list_display(anfrage)
    brake = Gemeinde.objects.get(name__startswith="Brake")
    formular = modell_admin.get_form(anfrage, brake)
    daten = {"traeger": brake.traeger_id, "name": brake.name, "ags": brake.ags, "postleitzahlen": brake.postleitzahlen}
    assert formular({**daten, "mietenstufe": "3"}, instance=brake).is_valid()
    ungueltig = formular({**daten, "mietenstufe": "8"}, instance=brake)
    assert not ungueltig.is_valid()
    assert "mietenstufe" in ungueltig.errors
