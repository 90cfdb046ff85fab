"""E-Akte in the staff UI: list, upload with limits, new versions, audited download, access by Gemeinde."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sozialhaus.core.audit import AuditEintrag
from sozialhaus.records.models import Dokument

pytestmark = pytest.mark.django_db


def _hochladen(client, url, inhalt=b"Mietvertrag vom 01.02.2024", name="mietvertrag.pdf", **weitere):
    daten = {
        "art": "nachweis",
        "titel": "Mietvertrag",
        "datum": "01.02.2024",
        "datei": SimpleUploadedFile(name, inhalt, content_type="application/pdf"),
        **weitere,
    }
    return client.post(url, daten)


def test_hochladen_neue_version_und_herunterladen(angemeldet, brake_bg, audit_neu):
    client = angemeldet("sb.brake")
    url = f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/akte/"
    assert client.get(url).status_code == 200
    antwort = _hochladen(client, url)
    assert antwort.status_code == 302
    erste = Dokument.objects.get(bedarfsgemeinschaft=brake_bg)
    assert (erste.version, erste.titel, erste.mime_typ, erste.groesse) == (1, "Mietvertrag", "application/pdf", 26)
    assert erste.dienststelle.kuerzel == "sozialamt-brake"

    antwort = _hochladen(client, url, inhalt=b"Mietvertrag mit Nachtrag", vorgaenger=str(erste.pk))
    assert antwort.status_code == 302
    zweite = Dokument.objects.get(vorgaenger=erste)
    assert zweite.version == 2
    seite = client.get(url).content.decode()
    assert seite.count("Mietvertrag</a>") == 2 and "Sozialamt" in seite

    neu = audit_neu()
    datei = client.get(f"/dokumente/{zweite.pk}/")
    assert datei.status_code == 200 and datei.content == b"Mietvertrag mit Nachtrag"
    assert datei["Content-Type"] == "application/pdf" and datei["Content-Disposition"].startswith("inline")
    assert [(e.aktion, e.objekt_typ, e.objekt_id) for e in neu()] == [("lesen", "dokument", str(zweite.pk))]


def test_liste_wird_protokolliert(angemeldet, brake_bg, audit_neu):
    neu = audit_neu()
    angemeldet("sb.brake").get(f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/akte/")
    assert [(e.aktion, e.objekt_typ, e.details) for e in neu()] == [
        ("lesen", "bedarfsgemeinschaft", {"seite": "e-akte"})
    ]


def test_akte_einer_person(angemeldet, brake_bg):
    person = brake_bg.mitgliedschaften.get().person
    client = angemeldet("sb.brake")
    url = f"/personen/{person.kundennummer}/akte/"
    assert _hochladen(client, url, name="ausweis.png", inhalt=b"\x89PNG").status_code == 302
    dokument = Dokument.objects.get(person=person)
    assert dokument.mime_typ == "image/png"
    antwort = client.get(f"/dokumente/{dokument.pk}/")
    assert antwort["Content-Disposition"].startswith("attachment")  # only PDFs are shown inline
    assert "E-Akte" in client.get(f"/personen/{person.kundennummer}/").content.decode()


def test_zu_grosse_und_leere_datei_400_nichts_gespeichert(angemeldet, brake_bg):
    client = angemeldet("sb.brake")
    url = f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/akte/"
    zahl = AuditEintrag.objects.count()
    antwort = _hochladen(client, url, inhalt=b"0" * (20 * 1024 * 1024 + 1))
    assert antwort.status_code == 400 and "Die Datei ist größer als 20 MB." in antwort.content.decode()
    antwort = _hochladen(client, url, inhalt=b"")
    assert antwort.status_code == 400 and "Die Datei ist leer." in antwort.content.decode()
    antwort = client.post(url, {"art": "nachweis", "titel": "", "datum": "31.02.2024"})
    html = antwort.content.decode()
    assert antwort.status_code == 400
    assert "Bitte füllen Sie dieses Feld aus." in html and "gültiges Datum" in html and "Bitte wählen Sie" in html
    assert not Dokument.objects.filter(bedarfsgemeinschaft=brake_bg).exists()
    assert AuditEintrag.objects.count() == zahl


def test_fremde_akte_404_und_lesende_rolle_403(angemeldet, brake_bg, nordenham_bg):
    url = f"/bedarfsgemeinschaften/{brake_bg.bg_nummer}/akte/"
    assert _hochladen(angemeldet("sb.brake"), url).status_code == 302
    dokument = Dokument.objects.get(bedarfsgemeinschaft=brake_bg)
    fremd = angemeldet("sb.nordenham")
    assert fremd.get(url).status_code == 404
    assert fremd.get(f"/dokumente/{dokument.pk}/").status_code == 404
    assert _hochladen(fremd, url).status_code == 404
    person = brake_bg.mitgliedschaften.get().person
    assert fremd.get(f"/personen/{person.kundennummer}/akte/").status_code == 404
    lesend = angemeldet("zahlstelle")
    assert lesend.get(url).status_code == 200
    assert _hochladen(lesend, url).status_code == 403
    assert Dokument.objects.filter(bedarfsgemeinschaft=brake_bg).count() == 1
