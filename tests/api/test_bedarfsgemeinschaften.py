"""Bedarfsgemeinschaften, Haushalte and Unterkunftskosten through the API."""

from datetime import date

import pytest

from sozialhaus.core.models import Gemeinde, Rechtskreis, Zustaendigkeit
from sozialhaus.people.models import Bedarfsgemeinschaft, Haushalt, Person

from .conftest import API

pytestmark = pytest.mark.django_db


def _person(dienststelle, familienname="Neu", vorname="Nele"):
    return Person.objects.create(
        familienname=familienname,
        vorname=vorname,
        geburtsdatum=date(1960, 5, 5),
        geschlecht="w",
        erfasst_von=dienststelle,
    )


def test_retrieve_bg_with_members_haushalt_and_unterkunft(client_fuer, nordenham_bg, audit_neu):
    neu = audit_neu()
    antwort = client_fuer("sb.nordenham").get(API + f"bedarfsgemeinschaften/{nordenham_bg.bg_nummer}/")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["rechtskreis"] == "sgb12_kap3"
    assert daten["dienststelle"] == "sozialamt-nordenham"
    assert daten["gemeinde"] == "03461007"
    assert [(m["familienname"], m["rolle"]) for m in daten["mitglieder"]] == [("Nordhaus", "antragsteller")]
    assert daten["haushalt"]["nummer"] == nordenham_bg.haushalt.nummer
    unterkunft = daten["haushalt"]["unterkuenfte"][0]
    assert (unterkunft["kaltmiete"], unterkunft["bruttokaltmiete"], unterkunft["gemeinde"]) == (
        "400.00",
        "500.00",
        "03461007",
    )
    assert [(e.aktion, e.objekt_typ, e.kanal) for e in neu()] == [("lesen", "bedarfsgemeinschaft", "api")]


def test_list_filters_by_rechtskreis(client_fuer, bg_in, audit_neu):
    sgb12 = bg_in("Brake", Rechtskreis.SGB12_KAP3)
    wohngeld = bg_in("Brake", Rechtskreis.WOHNGELD)
    client = client_fuer("sb.brake")
    neu = audit_neu()
    alle = {b["bg_nummer"] for b in client.get(API + "bedarfsgemeinschaften/").json()["results"]}
    assert {sgb12.bg_nummer, wohngeld.bg_nummer} <= alle
    assert [e.aktion for e in neu()] == ["suchen"]
    nur = client.get(API + "bedarfsgemeinschaften/", {"rechtskreis": "wohngeld"}).json()["results"]
    assert wohngeld.bg_nummer in {b["bg_nummer"] for b in nur} and sgb12.bg_nummer not in {b["bg_nummer"] for b in nur}
    antwort = client.get(API + "bedarfsgemeinschaften/", {"rechtskreis": "sgb99"})
    assert antwort.status_code == 400
    assert antwort.json() == {"rechtskreis": ["„sgb99“ ist kein bekannter Rechtskreis."]}


def test_create_bg_takes_dienststelle_from_matrix(client_fuer, dienststelle, audit_neu):
    antragstellerin = _person(dienststelle("wg-nordenham"))
    kind = _person(dienststelle("wg-nordenham"), vorname="Nick")
    neu = audit_neu()
    antwort = client_fuer("sb.nordenham").post(
        API + "bedarfsgemeinschaften/",
        {
            "rechtskreis": "wohngeld",
            "gemeinde": "03461007",
            "mitglieder": [
                {"kundennummer": antragstellerin.kundennummer, "rolle": "antragsteller", "gueltig_ab": "2025-03-01"},
                {"kundennummer": kind.kundennummer.lower(), "rolle": "kind", "gueltig_ab": "2025-03-01"},
            ],
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    daten = antwort.json()
    assert daten["dienststelle"] == "wg-nordenham"
    assert daten["bg_nummer"].startswith("03461BG")
    assert [m["kundennummer"] for m in daten["mitglieder"]] == [antragstellerin.kundennummer, kind.kundennummer]
    bg = Bedarfsgemeinschaft.objects.get(bg_nummer=daten["bg_nummer"])
    assert set(bg.haushalt.mitglieder.all()) == {antragstellerin, kind}
    assert bg.haushalt.gemeinde.ags == "03461007"
    assert [(e.aktion, e.objekt_typ, e.dienststelle.kuerzel) for e in neu()] == [
        ("anlegen", "bedarfsgemeinschaft", "wg-nordenham")
    ]


def test_create_bg_denied_without_anlegen_right_for_that_dienststelle(client_fuer, dienststelle):
    """sb.brake registered the person, but SGB II in Brake belongs to the Jobcenter."""
    person = _person(dienststelle("sozialamt-brake"))
    vorher = (Bedarfsgemeinschaft.objects.count(), Haushalt.objects.count())
    antwort = client_fuer("sb.brake").post(
        API + "bedarfsgemeinschaften/",
        {
            "rechtskreis": "sgb2",
            "gemeinde": "03461002",
            "mitglieder": [{"kundennummer": person.kundennummer, "rolle": "antragsteller", "gueltig_ab": "2025-03-01"}],
        },
        format="json",
    )
    assert antwort.status_code == 403
    assert "Jobcenter Wesermarsch – Bezirksstelle Brake" in antwort.json()["detail"]
    assert (Bedarfsgemeinschaft.objects.count(), Haushalt.objects.count()) == vorher


def test_create_bg_without_matrix_cell_gives_400(client_fuer, dienststelle):
    person = _person(dienststelle("sozialamt-brake"))
    Zustaendigkeit.objects.filter(rechtskreis=Rechtskreis.ASYLBLG, gemeinde__ags="03461002").delete()
    antwort = client_fuer("sb.brake").post(
        API + "bedarfsgemeinschaften/",
        {
            "rechtskreis": "asylblg",
            "gemeinde": "03461002",
            "mitglieder": [{"kundennummer": person.kundennummer, "rolle": "antragsteller", "gueltig_ab": "2025-03-01"}],
        },
        format="json",
    )
    assert antwort.status_code == 400
    assert antwort.json()["gemeinde"] == [
        "Für AsylbLG (Asylbewerberleistungsgesetz) in Brake (Unterweser) ist in der Zuständigkeitsmatrix keine "
        "Dienststelle hinterlegt."
    ]


@pytest.mark.parametrize(
    ("aenderung", "feld", "meldung"),
    [
        ({"rechtskreis": "elterngeld"}, "rechtskreis", "nur Verweisung"),
        ({"gemeinde": "03461999"}, "gemeinde", "nicht bekannt"),
        ({"mitglieder": []}, "mitglieder", "darf nicht leer sein"),
        ({"rolle": "kind"}, "mitglieder", "Genau eine Person muss Antragsteller/in sein."),
        ({"kundennummer": "K99999999"}, "mitglieder", "K99999999"),
        ({"nordenham": True}, "mitglieder", "wurde nicht gefunden"),
        ({"haushalt": "H99999999"}, "haushalt", "wurde nicht gefunden"),
    ],
)
def test_create_bg_invalid(client_fuer, dienststelle, nordenham_person, aenderung, feld, meldung):
    person = _person(dienststelle("sozialamt-brake"))
    mitglied = {
        "kundennummer": nordenham_person.kundennummer
        if aenderung.get("nordenham")
        else aenderung.get("kundennummer", person.kundennummer),
        "rolle": aenderung.get("rolle", "antragsteller"),
        "gueltig_ab": "2025-03-01",
    }
    daten = {"rechtskreis": "sgb12_kap4", "gemeinde": "03461002", "mitglieder": [mitglied]}
    daten.update({k: v for k, v in aenderung.items() if k in ("rechtskreis", "gemeinde", "mitglieder", "haushalt")})
    vorher = (Bedarfsgemeinschaft.objects.count(), Haushalt.objects.count())
    antwort = client_fuer("sb.brake").post(API + "bedarfsgemeinschaften/", daten, format="json")
    assert antwort.status_code == 400, antwort.content
    assert meldung in str(antwort.json()[feld])
    assert (Bedarfsgemeinschaft.objects.count(), Haushalt.objects.count()) == vorher


def test_create_bg_in_existing_haushalt(client_fuer, brake_bg):
    person = brake_bg.mitgliedschaften.get().person
    client = client_fuer("sb.brake")
    daten = {
        "rechtskreis": "wohngeld",
        "gemeinde": "03461002",
        "haushalt": brake_bg.haushalt.nummer,
        "mitglieder": [{"kundennummer": person.kundennummer, "rolle": "antragsteller", "gueltig_ab": "2025-03-01"}],
    }
    antwort = client.post(API + "bedarfsgemeinschaften/", daten, format="json")
    assert antwort.status_code == 201, antwort.content
    assert antwort.json()["haushalt"]["nummer"] == brake_bg.haushalt.nummer
    antwort = client.post(
        API + "bedarfsgemeinschaften/", {**daten, "gemeinde": "03461004", "rechtskreis": "sgb12_kap3"}, format="json"
    )
    assert antwort.status_code == 403  # Elsfleth's Sozialamt is responsible there


def test_unterkunft_versions(client_fuer, brake_bg, audit_neu):
    client = client_fuer("sb.brake")
    url = API + f"haushalte/{brake_bg.haushalt.nummer}/unterkunft/"
    neu = audit_neu()
    antwort = client.post(
        url,
        {
            "kaltmiete": "450",
            "nebenkosten": "110.5",
            "heizkosten": "85",
            "wohnflaeche": "55",
            "gueltig_ab": "2026-01-01",
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert antwort.json()["gemeinde"] == "03461002"
    assert antwort.json()["bruttokaltmiete"] == "560.50"
    assert [(e.aktion, e.objekt_typ, e.details["teil"]) for e in neu()] == [("aendern", "haushalt", "unterkuenfte")]
    verlauf = client.get(url).json()
    assert [(v["kaltmiete"], v["gueltig_ab"], v["gueltig_bis"]) for v in verlauf] == [
        ("450.00", "2026-01-01", None),
        ("400.00", "2025-01-01", "2025-12-31"),
    ]
    antwort = client.post(
        url,
        {"kaltmiete": "450", "nebenkosten": "1", "heizkosten": "1", "wohnflaeche": "0", "gueltig_ab": "2026-02-01"},
        format="json",
    )
    assert antwort.status_code == 400
    assert antwort.json() == {"wohnflaeche": ["Die Wohnfläche muss mindestens 1 m² betragen."]}
    assert brake_bg.haushalt.unterkuenfte.count() == 2
    assert Gemeinde.objects.filter(ags="03461002").exists()
