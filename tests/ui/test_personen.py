"""Staff UI for persons and Bedarfsgemeinschaften: access (404/403), audit entries, create/edit, fact history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.core.models import Rechtskreis
from sozialhaus.people.models import Adresse, Bankverbindung, Einkommen, Person, Unterkunft

pytestmark = pytest.mark.django_db

GUELTIGE_IBAN = "DE02120300000000202051"


def _erste_person(bg):
    return bg.mitgliedschaften.order_by("id").first().person


@pytest.fixture
def nordenham_bg(bg_in):
    return bg_in("Nordenham", Rechtskreis.SGB12_KAP3, [{"familienname": "Nordhoff", "vorname": "Nina"}])


@pytest.fixture
def brake_bg(bg_in):
    return bg_in("Brake", Rechtskreis.SGB12_KAP3, [{"familienname": "Brakmeier", "vorname": "Berta"}])


# --- access -----------------------------------------------------------------------------------------------------


def test_sb_brake_gets_404_for_nordenham_person_and_bg(angemeldet, nordenham_bg):
    person = _erste_person(nordenham_bg)
    client = angemeldet("sb.brake")
    vorher = AuditEintrag.objects.count()
    antwort = client.get(f"/personen/{person.kundennummer}/")
    assert antwort.status_code == 404
    assert "nicht in Ihrem Zuständigkeitsbereich" in antwort.content.decode()
    assert "Nordhoff" not in antwort.content.decode()
    assert client.get(f"/bedarfsgemeinschaften/{nordenham_bg.bg_nummer}/").status_code == 404
    assert AuditEintrag.objects.count() == vorher


def test_sb_brake_gets_403_on_edit_of_nordenham_person(angemeldet, nordenham_bg):
    person = _erste_person(nordenham_bg)
    client = angemeldet("sb.brake")
    antwort = client.get(f"/personen/{person.kundennummer}/bearbeiten/")
    assert antwort.status_code == 403
    assert "keine Berechtigung" in antwort.content.decode()
    antwort = client.post(
        f"/personen/{person.kundennummer}/bearbeiten/",
        {"familienname": "Geändert", "vorname": "X", "geburtsdatum": "1980-01-01", "geschlecht": "w"},
    )
    assert antwort.status_code == 403
    person.refresh_from_db()
    assert person.familienname == "Nordhoff"
    assert client.post(f"/personen/{person.kundennummer}/einkommen/neu/", {}).status_code == 403
    assert client.post(f"/bedarfsgemeinschaften/{nordenham_bg.bg_nummer}/unterkunft/neu/", {}).status_code == 403


def test_sb_nordenham_sees_person_and_bg(angemeldet, nordenham_bg):
    person = _erste_person(nordenham_bg)
    client = angemeldet("sb.nordenham")
    antwort = client.get(f"/personen/{person.kundennummer}/")
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "Nordhoff" in inhalt and nordenham_bg.bg_nummer in inhalt
    antwort = client.get(f"/bedarfsgemeinschaften/{nordenham_bg.bg_nummer}/")
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "Stadt Nordenham – Sozialamt" in inhalt
    assert "Hilfe zum Lebensunterhalt" in inhalt
    assert "Antragsteller/in" in inhalt
    assert "400,00" in inhalt  # Kaltmiete of the Unterkunft


def test_anonymous_is_sent_to_login(client, nordenham_bg):
    antwort = client.get(f"/personen/{_erste_person(nordenham_bg).kundennummer}/")
    assert antwort.status_code == 302
    assert antwort.url.startswith("/anmelden/")


def test_unknown_records_are_404(angemeldet):
    client = angemeldet("sb.brake")
    assert client.get("/personen/K99999999/").status_code == 404
    assert client.get("/bedarfsgemeinschaften/03461BG9999999/").status_code == 404


# --- audit ------------------------------------------------------------------------------------------------------


def test_person_page_writes_exactly_one_audit_entry(angemeldet, nordenham_bg):
    person = _erste_person(nordenham_bg)
    client = angemeldet("sb.nordenham")
    letzte = AuditEintrag.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert client.get(f"/personen/{person.kundennummer}/").status_code == 200
    neu = list(AuditEintrag.objects.filter(id__gt=letzte))
    assert len(neu) == 1
    eintrag = neu[0]
    assert (eintrag.aktion, eintrag.objekt_typ, eintrag.objekt_id) == ("lesen", "person", str(person.pk))
    assert eintrag.benutzername == "sb.nordenham"
    assert eintrag.dienststelle.kuerzel == "sozialamt-nordenham"
    assert eintrag.kanal == "ui"


def test_bg_page_writes_exactly_one_audit_entry(angemeldet, nordenham_bg):
    client = angemeldet("sb.nordenham")
    letzte = AuditEintrag.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert client.get(f"/bedarfsgemeinschaften/{nordenham_bg.bg_nummer}/").status_code == 200
    neu = list(AuditEintrag.objects.filter(id__gt=letzte))
    assert [(e.aktion, e.objekt_typ, e.objekt_id) for e in neu] == [
        ("lesen", "bedarfsgemeinschaft", str(nordenham_bg.pk))
    ]


# --- search -----------------------------------------------------------------------------------------------------


def test_search_finds_only_visible_persons(angemeldet, nordenham_bg, brake_bg):
    client = angemeldet("sb.brake")
    antwort = client.get("/personen/", {"name": "N"})
    assert antwort.status_code == 200
    assert "Nordhoff" not in antwort.content.decode()
    antwort = client.get("/personen/", {"name": "brakm"})
    assert "Brakmeier" in antwort.content.decode()
    assert "1 Person gefunden" in antwort.content.decode()
    antwort = client.get("/personen/", {"bg_nummer": brake_bg.bg_nummer})
    assert _erste_person(brake_bg).kundennummer in antwort.content.decode()


def test_search_htmx_returns_partial(angemeldet, brake_bg):
    antwort = angemeldet("sb.brake").get("/personen/", {"name": "Brakmeier"}, HTTP_HX_REQUEST="true")
    inhalt = antwort.content.decode()
    assert antwort.status_code == 200
    assert "<html" not in inhalt
    assert "Brakmeier" in inhalt


def test_search_with_invalid_date_is_400(angemeldet):
    antwort = angemeldet("sb.brake").get("/personen/", {"geburtsdatum": "31.02.1980"})
    assert antwort.status_code == 400
    assert "gültiges Datum" in antwort.content.decode()


def test_search_paginates(angemeldet, bg_in):
    bg_in("Brake", Rechtskreis.SGB12_KAP4, [{"familienname": "Viele", "vorname": f"V{i:02d}"} for i in range(30)])
    client = angemeldet("sb.brake")
    seite1 = client.get("/personen/", {"name": "Viele"}).content.decode()
    assert "30 Personen gefunden" in seite1 and "Seite 1 von 2" in seite1
    seite2 = client.get("/personen/", {"name": "Viele", "seite": 2}).content.decode()
    assert "Seite 2 von 2" in seite2


# --- create -----------------------------------------------------------------------------------------------------


def _person_daten(**aenderungen):
    daten = {
        "dienststelle": "",
        "familienname": "Neumann",
        "vorname": "Nora",
        "geburtsdatum": "1990-05-17",
        "geschlecht": "w",
        "staatsangehoerigkeit": "DE",
    }
    daten.update(aenderungen)
    return daten


@pytest.fixture
def brake_ds(dienststelle):
    return dienststelle("sozialamt-brake")


def test_create_person_with_address_and_bank_account(angemeldet, brake_ds):
    client = angemeldet("sb.brake")
    assert client.get("/personen/neu/").status_code == 200
    daten = _person_daten(
        dienststelle=brake_ds.pk,
        **{
            "adresse-strasse": "Breite Straße",
            "adresse-hausnummer": "7",
            "adresse-postleitzahl": "26919",
            "adresse-ort": "Brake (Unterweser)",
            "adresse-gueltig_ab": "2026-01-01",
            "bank-kontoinhaber": "Nora Neumann",
            "bank-iban": "DE02 1203 0000 0000 2020 51",
            "bank-gueltig_ab": "2026-01-01",
        },
    )
    letzte = AuditEintrag.objects.order_by("-id").values_list("id", flat=True).first() or 0
    antwort = client.post("/personen/neu/", daten)
    assert antwort.status_code == 302, antwort.content.decode()
    person = Person.objects.get(familienname="Neumann")
    assert antwort.url == f"/personen/{person.kundennummer}/"
    assert person.erfasst_von == brake_ds
    assert Adresse.objects.get(person=person).ort == "Brake (Unterweser)"
    assert Bankverbindung.objects.get(person=person).iban == GUELTIGE_IBAN
    neu = AuditEintrag.objects.filter(id__gt=letzte)
    assert sorted(neu.values_list("objekt_typ", flat=True)) == ["adresse", "bankverbindung", "person"]
    assert set(neu.values_list("aktion", flat=True)) == {"anlegen"}
    seite = client.get(antwort.url).content.decode()
    assert "DE02 1203 0000 0000 2020 51" in seite  # full IBAN for a user with change right


def _nichts_gespeichert(vorher_personen, vorher_audit):
    assert Person.objects.count() == vorher_personen
    assert not AuditEintrag.objects.filter(id__gt=vorher_audit, aktion="anlegen").exists()


def _stand():
    return Person.objects.count(), AuditEintrag.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_create_with_invalid_iban_saves_nothing(angemeldet, brake_ds):
    stand = _stand()
    daten = _person_daten(
        dienststelle=brake_ds.pk,
        **{"bank-kontoinhaber": "Nora Neumann", "bank-iban": "DE02120300000000202052", "bank-gueltig_ab": "2026-01-01"},
    )
    antwort = angemeldet("sb.brake").post("/personen/neu/", daten)
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert "Die IBAN ist ungültig" in inhalt
    assert "Es wurde nichts gespeichert" in inhalt
    assert "Straße: Bitte füllen" not in inhalt  # the empty optional address section is not validated
    _nichts_gespeichert(*stand)
    assert not Bankverbindung.objects.filter(kontoinhaber="Nora Neumann").exists()


def test_create_with_birth_date_in_future_saves_nothing(angemeldet, brake_ds):
    stand = _stand()
    morgen = (date.today() + timedelta(days=1)).isoformat()
    antwort = angemeldet("sb.brake").post(
        "/personen/neu/", _person_daten(dienststelle=brake_ds.pk, geburtsdatum=morgen)
    )
    assert antwort.status_code == 400
    assert "Das Datum darf nicht in der Zukunft liegen." in antwort.content.decode()
    _nichts_gespeichert(*stand)


def test_create_with_missing_fields_saves_nothing(angemeldet, brake_ds):
    stand = _stand()
    antwort = angemeldet("sb.brake").post("/personen/neu/", {"dienststelle": brake_ds.pk, "familienname": "Nur"})
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert inhalt.count("Bitte füllen Sie dieses Feld aus.") >= 3  # Vorname, Geburtsdatum, Geschlecht (+ summary)
    assert 'aria-invalid="true"' in inhalt
    _nichts_gespeichert(*stand)


def test_create_with_incomplete_optional_address_saves_nothing(angemeldet, brake_ds):
    stand = _stand()
    daten = _person_daten(dienststelle=brake_ds.pk, **{"adresse-strasse": "Breite Straße", "adresse-gueltig_ab": ""})
    antwort = angemeldet("sb.brake").post("/personen/neu/", daten)
    assert antwort.status_code == 400
    _nichts_gespeichert(*stand)


def test_create_for_foreign_dienststelle_is_refused(angemeldet, dienststelle):
    stand = _stand()
    antwort = angemeldet("sb.brake").post(
        "/personen/neu/", _person_daten(dienststelle=dienststelle("sozialamt-nordenham").pk)
    )
    assert antwort.status_code == 400
    assert "Für diese Dienststelle dürfen Sie keine Personen anlegen." in antwort.content.decode()
    _nichts_gespeichert(*stand)


def test_create_needs_right_to_register(angemeldet):
    assert angemeldet("zahlstelle").get("/personen/neu/").status_code == 403
    assert angemeldet("statistik").post("/personen/neu/", _person_daten()).status_code == 403


def test_duplicate_warning_requires_confirmation(angemeldet, brake_ds, nordenham_bg):
    vorhanden = _erste_person(nordenham_bg)
    client = angemeldet("sb.brake")
    daten = _person_daten(
        dienststelle=brake_ds.pk,
        familienname="Nordhoff",
        vorname="Nina",
        geburtsdatum=vorhanden.geburtsdatum.isoformat(),
    )
    vorher = Person.objects.count()
    antwort = client.post("/personen/neu/", daten)
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "Mögliche Dublette" in inhalt
    assert vorhanden.kundennummer in inhalt
    assert "trotzdem anlegen" in inhalt
    assert Person.objects.count() == vorher

    # the live hint (htmx) shows the same warning while typing
    hinweis = client.get(
        "/personen/neu/dubletten/",
        {"familienname": "nordhoff", "vorname": "nina", "geburtsdatum": vorhanden.geburtsdatum.isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert vorhanden.kundennummer in hinweis.content.decode()

    antwort = client.post("/personen/neu/", {**daten, "trotzdem_anlegen": "on"})
    assert antwort.status_code == 302
    assert Person.objects.count() == vorher + 1
    assert Person.objects.filter(familienname="Nordhoff").count() == 2


# --- edit -------------------------------------------------------------------------------------------------------


def test_edit_person_saves_and_audits(angemeldet, brake_bg):
    person = _erste_person(brake_bg)
    client = angemeldet("sb.brake")
    assert client.get(f"/personen/{person.kundennummer}/bearbeiten/").status_code == 200
    letzte = AuditEintrag.objects.order_by("-id").values_list("id", flat=True).first()
    antwort = client.post(
        f"/personen/{person.kundennummer}/bearbeiten/",
        {
            "familienname": "Brakmeier-Olsen",
            "vorname": "Berta",
            "geburtsdatum": person.geburtsdatum.isoformat(),
            "geschlecht": "w",
            "staatsangehoerigkeit": "DE",
            "steuer_id": "",
        },
    )
    assert antwort.status_code == 302
    person.refresh_from_db()
    assert person.familienname == "Brakmeier-Olsen"
    assert person.suchname.startswith("brakmeier-olsen")
    neu = list(AuditEintrag.objects.filter(id__gt=letzte))
    assert [(e.aktion, e.objekt_typ) for e in neu] == [("aendern", "person")]
    assert "familienname" in neu[0].details["felder"]


def test_edit_with_invalid_steuer_id_saves_nothing(angemeldet, brake_bg):
    person = _erste_person(brake_bg)
    antwort = angemeldet("sb.brake").post(
        f"/personen/{person.kundennummer}/bearbeiten/",
        {
            "familienname": "Anders",
            "vorname": "Berta",
            "geburtsdatum": person.geburtsdatum.isoformat(),
            "geschlecht": "w",
            "staatsangehoerigkeit": "DE",
            "steuer_id": "12345678901",
        },
    )
    assert antwort.status_code == 400
    assert "Steuer-Identifikationsnummer ist ungültig" in antwort.content.decode()
    person.refresh_from_db()
    assert person.familienname == "Brakmeier"


# --- facts and their history ------------------------------------------------------------------------------------


def test_income_versions_keep_history(angemeldet, brake_bg):
    person = _erste_person(brake_bg)
    client = angemeldet("sb.brake")
    url = f"/personen/{person.kundennummer}/einkommen/neu/"
    assert client.get(url).status_code == 200
    for ab, brutto, netto in (("2025-01-01", "1200,00", "950,00"), ("2025-07-01", "1400,00", "1080,50")):
        antwort = client.post(url, {"gueltig_ab": ab, "art": "erwerbseinkommen", "brutto": brutto, "netto": netto})
        assert antwort.status_code == 302, antwort.content.decode()
    alt, neu = Einkommen.objects.filter(person=person).order_by("gueltig_ab")
    assert alt.gueltig_bis == date(2025, 6, 30)
    assert neu.gueltig_bis is None and neu.netto == Decimal("1080.50")
    assert neu.erfasst_von.username == "sb.brake"
    seite = client.get(f"/personen/{person.kundennummer}/").content.decode()
    assert "30.06.2025" in seite and "1.200,00" in seite and "1.400,00" in seite
    assert "beendet" in seite and "aktuell" in seite


def test_new_version_must_start_after_the_last_one(angemeldet, brake_bg):
    person = _erste_person(brake_bg)
    client = angemeldet("sb.brake")
    url = f"/personen/{person.kundennummer}/einkommen/neu/"
    client.post(url, {"gueltig_ab": "2025-07-01", "art": "rente", "brutto": "900", "netto": "900"})
    antwort = client.post(url, {"gueltig_ab": "2025-03-01", "art": "rente", "brutto": "800", "netto": "800"})
    assert antwort.status_code == 400
    assert "Eine neue Version muss nach der letzten beginnen" in antwort.content.decode()
    assert Einkommen.objects.filter(person=person).count() == 1
    assert Einkommen.objects.get(person=person).gueltig_bis is None


def test_fact_with_invalid_values_saves_nothing(angemeldet, brake_bg):
    person = _erste_person(brake_bg)
    client = angemeldet("sb.brake")
    antwort = client.post(
        f"/personen/{person.kundennummer}/bankverbindung/neu/",
        {"gueltig_ab": "2026-01-01", "kontoinhaber": "Berta", "iban": "DE00123"},
    )
    assert antwort.status_code == 400
    assert "Die IBAN ist ungültig" in antwort.content.decode()
    antwort = client.post(
        f"/personen/{person.kundennummer}/einkommen/neu/",
        {"gueltig_ab": "2026-01-01", "art": "rente", "brutto": "-5", "netto": "abc"},
    )
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert "Der Betrag darf nicht negativ sein." in inhalt
    assert "Bitte geben Sie einen Betrag ein" in inhalt
    assert not Bankverbindung.objects.filter(person=person).exists()
    assert not Einkommen.objects.filter(person=person).exists()
    assert client.get(f"/personen/{person.kundennummer}/unbekannt/neu/").status_code == 404


def test_address_and_assets_versions(angemeldet, brake_bg):
    person = _erste_person(brake_bg)
    client = angemeldet("sb.brake")
    for ab, strasse in (("2024-01-01", "Am Hafen"), ("2025-02-01", "Kirchenstraße")):
        antwort = client.post(
            f"/personen/{person.kundennummer}/adresse/neu/",
            {"gueltig_ab": ab, "strasse": strasse, "hausnummer": "1", "postleitzahl": "26919", "ort": "Brake"},
        )
        assert antwort.status_code == 302, antwort.content.decode()
    assert Adresse.objects.get(person=person, strasse="Am Hafen").gueltig_bis == date(2025, 1, 31)
    antwort = client.post(
        f"/personen/{person.kundennummer}/vermoegen/neu/",
        {"gueltig_ab": "2025-01-01", "art": "konto", "bezeichnung": "Girokonto", "wert": "1.250,00"},
    )
    assert antwort.status_code == 302, antwort.content.decode()
    seite = client.get(f"/personen/{person.kundennummer}/").content.decode()
    assert "Am Hafen" in seite and "Kirchenstraße" in seite and "1.250,00" in seite


def test_unterkunft_new_version_on_bg_page(angemeldet, brake_bg):
    client = angemeldet("sb.brake")
    url = f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/unterkunft/neu/"
    assert client.get(url).status_code == 200
    letzte = AuditEintrag.objects.order_by("-id").values_list("id", flat=True).first()
    antwort = client.post(
        url,
        {
            "gueltig_ab": "2026-01-01",
            "kaltmiete": "450,00",
            "nebenkosten": "110,00",
            "heizkosten": "95,00",
            "wohnflaeche": "58,5",
            "gemeinde": brake_bg.haushalt.gemeinde_id,
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()
    alt, neu = Unterkunft.objects.filter(haushalt=brake_bg.haushalt).order_by("gueltig_ab")
    assert alt.gueltig_bis == date(2025, 12, 31) and neu.kaltmiete == Decimal("450.00")
    neu_audit = list(AuditEintrag.objects.filter(id__gt=letzte))
    assert [(e.aktion, e.objekt_typ, e.details.get("fakt")) for e in neu_audit] == [
        ("aendern", "bedarfsgemeinschaft", "unterkunft")
    ]
    seite = client.get(f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/").content.decode()
    assert "450,00" in seite and "400,00" in seite and "31.12.2025" in seite


def test_iban_masked_for_role_without_change_right(angemeldet, nordenham_bg):
    person = _erste_person(nordenham_bg)
    Bankverbindung.objects.create(
        person=person, kontoinhaber="Nina Nordhoff", iban=GUELTIGE_IBAN, gueltig_ab=date(2025, 1, 1)
    )
    zahlstelle = angemeldet("zahlstelle").get(f"/personen/{person.kundennummer}/").content.decode()
    assert GUELTIGE_IBAN not in zahlstelle and "DE02 1203" not in zahlstelle
    assert "•••• •••• •••• •••• ••20 51" in zahlstelle
    assert "verdeckt, endet auf 2 0 5 1" in zahlstelle
    sachbearbeitung = angemeldet("sb.nordenham").get(f"/personen/{person.kundennummer}/").content.decode()
    assert "DE02 1203 0000 0000 2020 51" in sachbearbeitung


# --- protocol: who looked at this person ------------------------------------------------------------------------


def test_protocol_for_teamleitung_in_scope(angemeldet, bg_in):
    bg = bg_in("Brake", Rechtskreis.SGB2, [{"familienname": "Jobmann"}])
    person = _erste_person(bg)
    sb = angemeldet("sb.kreis")
    sb.get(f"/personen/{person.kundennummer}/")
    sb.post(
        f"/personen/{person.kundennummer}/einkommen/neu/",
        {"gueltig_ab": "01.07.2025", "art": "erwerbseinkommen", "brutto": "520", "netto": "520"},
    )
    antwort = angemeldet("teamleitung").get(f"/personen/{person.kundennummer}/protokoll/")
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "Wer hat diese Person wann gesehen?" in inhalt
    assert "sb.kreis" in inhalt and "Jobcenter Wesermarsch – Bezirksstelle Brake" in inhalt
    assert "Jobmann" in inhalt
    assert "geändert: neue Version Einkommen ab 01.07.2025" in inhalt
    assert "gelesen" in inhalt


def test_protocol_teamleitung_outside_scope_and_sachbearbeitung(angemeldet, nordenham_bg):
    person = _erste_person(nordenham_bg)
    assert angemeldet("teamleitung").get(f"/personen/{person.kundennummer}/protokoll/").status_code == 404
    assert angemeldet("sb.nordenham").get(f"/personen/{person.kundennummer}/protokoll/").status_code == 403
