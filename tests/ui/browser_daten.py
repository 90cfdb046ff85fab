"""Data for the browser tests: the demo organisation plus one Brake BG with facts, history and an Antrag.

Run inside the app, e.g. ``manage.py shell -c "from tests.ui.browser_daten import lade; lade()"``; prints the
numbers the tests need as JSON on the last line of stdout.
"""

import json
from datetime import date
from decimal import Decimal

from django.db import transaction

from sozialhaus.cases.services import antrag_anlegen, nachweis_eingegangen, status_setzen
from sozialhaus.core.demo import DEMO_PASSWORT, lade_organisation
from sozialhaus.core.models import Benutzer, Gemeinde, Rechtskreis, zustaendige_dienststelle
from sozialhaus.people.models import (
    Adresse,
    Bankverbindung,
    Bedarfsgemeinschaft,
    Beziehung,
    BGMitglied,
    Einkommen,
    Haushalt,
    Person,
    Unterkunft,
    Vermoegen,
)
from sozialhaus.records.services import dokument_ablegen
from sozialhaus.worklist.models import Aufgabe


def _person(dienststelle, familienname, vorname, geburtsdatum, geschlecht, **weitere):
    return Person.objects.create(
        familienname=familienname,
        vorname=vorname,
        geburtsdatum=geburtsdatum,
        geschlecht=geschlecht,
        erfasst_von=dienststelle,
        **weitere,
    )


def _fall(bg, dienststelle) -> dict:
    """An Antrag in Prüfung (one Nachweis received), a document in the E-Akte and a team task in the Postkorb."""
    sachbearbeiter = Benutzer.objects.get(username="sb.brake")
    antrag = antrag_anlegen(sachbearbeiter, bg, art="erstantrag", eingegangen_am=date(2026, 1, 5))
    status_setzen(sachbearbeiter, antrag, "in_pruefung")
    dokument = dokument_ablegen(
        akte=bg,
        art="nachweis",
        titel="Mietvertrag",
        datum=date(2024, 2, 1),
        dienststelle=dienststelle,
        dateiname="mietvertrag.pdf",
        mime_typ="application/pdf",
        inhalt=b"%PDF-1.4 Mietvertrag",
        benutzer=sachbearbeiter,
    )
    nachweis_eingegangen(sachbearbeiter, antrag.nachweise.first(), eingegangen_am=date(2026, 1, 6), dokument=dokument)
    Aufgabe.objects.create(
        dienststelle=dienststelle,
        art=Aufgabe.Art.WIEDERVORLAGE,
        text="Mieterhöhung zum 01.07.2025 prüfen",
        faellig_am=date(2026, 1, 15),
        bedarfsgemeinschaft=bg,
    )
    return {"aktenzeichen": antrag.aktenzeichen}


def _sgb2_ohne_fakten(gemeinde) -> dict:
    """A single person's SGB II BG at the Jobcenter, with address but without income, rent or Antrag: the
    end-to-end test enters those through the UI."""
    jobcenter = zustaendige_dienststelle(Rechtskreis.SGB2, gemeinde)
    haushalt = Haushalt.objects.create(gemeinde=gemeinde)
    bg = Bedarfsgemeinschaft.objects.create(rechtskreis=Rechtskreis.SGB2, haushalt=haushalt, dienststelle=jobcenter)
    person = _person(jobcenter, "Sommer", "Katrin", date(1988, 5, 20), "w")
    haushalt.mitglieder.add(person)
    BGMitglied.objects.create(
        bedarfsgemeinschaft=bg, person=person, rolle="antragsteller", gueltig_ab=date(2025, 11, 1)
    )
    Adresse(
        person=person,
        strasse="Kirchenstraße",
        hausnummer="8",
        postleitzahl="26919",
        ort="Brake (Unterweser)",
        gemeinde=gemeinde,
        gueltig_ab=date(2025, 11, 1),
    ).als_neue_version_speichern()
    return {"sgb2_bg_nummer": bg.bg_nummer, "sgb2_kundennummer": person.kundennummer, "sgb2_gemeinde": gemeinde.name}


@transaction.atomic
def lade() -> dict:
    lade_organisation()
    for benutzer in Benutzer.objects.all():
        benutzer.set_password(DEMO_PASSWORT)
        benutzer.save(update_fields=["password"])
    brake = Gemeinde.objects.get(name__startswith="Brake")
    dienststelle = zustaendige_dienststelle(Rechtskreis.SGB12_KAP3, brake)
    haushalt = Haushalt.objects.create(gemeinde=brake)
    bg = Bedarfsgemeinschaft.objects.create(
        rechtskreis=Rechtskreis.SGB12_KAP3, haushalt=haushalt, dienststelle=dienststelle
    )
    mutter = _person(
        dienststelle,
        "Müller",
        "Anna",
        date(1984, 3, 12),
        "w",
        telefon="04401 123456",
        email="anna.mueller@example.org",
        steuer_id="65929970489",
    )
    partner = _person(dienststelle, "Schröder", "Jan", date(1981, 11, 2), "m")
    kind = _person(dienststelle, "Müller", "Lea", date(2015, 6, 30), "w")
    for person, rolle in ((mutter, "antragsteller"), (partner, "partner"), (kind, "kind")):
        haushalt.mitglieder.add(person)
        BGMitglied.objects.create(bedarfsgemeinschaft=bg, person=person, rolle=rolle, gueltig_ab=date(2024, 2, 1))
    Beziehung.objects.create(von=mutter, zu=partner, art="partner")
    Beziehung.objects.create(von=mutter, zu=kind, art="elternteil")

    for ab, strasse, nummer in ((date(2019, 8, 1), "Am Hafen", "3"), (date(2024, 2, 1), "Breite Straße", "27")):
        Adresse(
            person=mutter,
            strasse=strasse,
            hausnummer=nummer,
            postleitzahl="26919",
            ort="Brake (Unterweser)",
            gemeinde=brake,
            gueltig_ab=ab,
        ).als_neue_version_speichern()
    Bankverbindung(
        person=mutter,
        kontoinhaber="Anna Müller",
        iban="DE02120300000000202051",
        bic="BYLADEM1001",
        gueltig_ab=date(2024, 2, 1),
    ).als_neue_version_speichern()
    for ab, brutto, netto in ((date(2024, 2, 1), "538.00", "538.00"), (date(2025, 1, 1), "556.00", "556.00")):
        Einkommen(
            person=mutter, art="erwerbseinkommen", brutto=Decimal(brutto), netto=Decimal(netto), gueltig_ab=ab
        ).als_neue_version_speichern()
    for ab, betrag in ((date(2024, 2, 1), "250.00"), (date(2025, 1, 1), "255.00")):
        Einkommen(
            person=kind, art="kindergeld", brutto=Decimal(betrag), netto=Decimal(betrag), gueltig_ab=ab
        ).als_neue_version_speichern()
    Vermoegen(
        person=mutter, art="konto", bezeichnung="Girokonto", wert=Decimal("412.37"), gueltig_ab=date(2024, 2, 1)
    ).save()
    for ab, kalt in ((date(2024, 2, 1), "410.00"), (date(2025, 7, 1), "435.00")):
        Unterkunft(
            haushalt=haushalt,
            kaltmiete=Decimal(kalt),
            nebenkosten=Decimal("120.00"),
            heizkosten=Decimal("95.00"),
            wohnflaeche=Decimal("68.50"),
            gemeinde=brake,
            gueltig_ab=ab,
        ).als_neue_version_speichern()
    jobcenter_bg = _sgb2_ohne_fakten(brake)
    nordenham = Gemeinde.objects.get(name="Nordenham")
    sozialamt_nordenham = zustaendige_dienststelle(Rechtskreis.SGB12_KAP4, nordenham)
    haushalt_n = Haushalt.objects.create(gemeinde=nordenham)
    bg_n = Bedarfsgemeinschaft.objects.create(
        rechtskreis=Rechtskreis.SGB12_KAP4, haushalt=haushalt_n, dienststelle=sozialamt_nordenham
    )
    rentner = _person(sozialamt_nordenham, "Janssen", "Hinrich", date(1951, 9, 4), "m")
    haushalt_n.mitglieder.add(rentner)
    BGMitglied.objects.create(
        bedarfsgemeinschaft=bg_n, person=rentner, rolle="antragsteller", gueltig_ab=date(2023, 1, 1)
    )
    daten = {
        **_fall(bg, dienststelle),
        "kundennummer": mutter.kundennummer,
        "bg_nummer": bg.bg_nummer,
        **jobcenter_bg,
        "nordenham_kundennummer": rentner.kundennummer,
        "nordenham_bg_nummer": bg_n.bg_nummer,
    }
    print(json.dumps(daten))
    return daten
