"""A realistic SGB II household and decisions on it, with ``berechnung`` the real output of the rules engine.

Household (Brake, Landkreis Wesermarsch): Alleinerziehende Anna Weser (born 1.4.1990), working (600 € brutto /
480 € netto, from June 800 € / 640 €), her son Ben (born 1.6.2018), Kindergeld 259 €, rent 400 € + 100 € Nebenkosten
+ 80 € Heizung. The decisions are created directly (Entscheidung and Leistungsmonat are plain immutable models).
"""

from datetime import date
from decimal import Decimal

import pytest

from sozialhaus.cases.models import Antrag, Entscheidung, Leistungsmonat
from sozialhaus.core.models import Rechtskreis
from sozialhaus.notices import services
from sozialhaus.people.models import Adresse, Beziehung
from sozialhaus.rules import berechne

HEUTE = date(2026, 3, 6)
"""Bescheiddatum in the tests: Friday 6.3.2026 → Bekanntgabe Tuesday 10.3.2026 → Fristende Friday 10.4.2026."""


@pytest.fixture(autouse=True)
def _heute(monkeypatch):
    monkeypatch.setattr(services.timezone, "localdate", lambda: HEUTE)


@pytest.fixture
def haushalt(bg_in):
    bg = bg_in(
        "Brake",
        Rechtskreis.SGB2,
        [
            {"familienname": "Weser", "vorname": "Anna", "geburtsdatum": date(1990, 4, 1)},
            {"familienname": "Weser", "vorname": "Ben", "geburtsdatum": date(2018, 6, 1), "rolle": "kind"},
        ],
    )
    anna, ben = (m.person for m in bg.mitgliedschaften.order_by("id"))
    Beziehung.objects.create(von=anna, zu=ben, art=Beziehung.Art.ELTERNTEIL)
    Adresse.objects.create(
        person=anna,
        strasse="Alt",
        hausnummer="1",
        postleitzahl="26919",
        ort="Brake",
        gueltig_ab=date(2020, 1, 1),
        gueltig_bis=date(2025, 12, 31),
    )
    Adresse.objects.create(
        person=anna,
        strasse="Breite Straße",
        hausnummer="12a",
        postleitzahl="26919",
        ort="Brake (Unterweser)",
        gueltig_ab=date(2026, 1, 1),
    )
    return bg, anna, ben


def eingabe(monat: str, anna, ben, brutto: str, netto: str) -> dict:
    return {
        "monat": monat,
        "leistung": "buergergeld",
        "bezug_seit": "2026-03-01",
        "personen": [
            {
                "id": anna.kundennummer,
                "geburtsdatum": "1990-04-01",
                "erwerbsfaehig": True,
                "einkommen": [
                    {"art": "erwerbseinkommen", "brutto": brutto, "netto": netto},
                    {"art": "kindergeld", "betrag": "259.00", "fuer": ben.kundennummer},
                ],
            },
            {"id": ben.kundennummer, "geburtsdatum": "2018-06-01"},
        ],
        "beziehungen": [{"art": "elternteil", "von": anna.kundennummer, "zu": ben.kundennummer}],
        "unterkunft": {
            "kaltmiete": "400.00",
            "nebenkosten": "100.00",
            "heizkosten": "80.00",
            "personen_im_haushalt": 2,
        },
    }


def entscheidung_anlegen(bg, *, art="bewilligung", monate=(), aendert=None, **felder) -> Entscheidung:
    """An Entscheidung with one Leistungsmonat per ``(monat, eingabe, bisher)`` of ``monate``."""
    antrag = Antrag.objects.create(
        aktenzeichen=f"AZ-{bg.pk}-{Antrag.objects.count() + 1}",
        bedarfsgemeinschaft=bg,
        rechtskreis=bg.rechtskreis,
        art=Antrag.Art.ERSTANTRAG,
        eingegangen_am=date(2026, 3, 2),
        wirkt_ab=date(2026, 3, 1),
        dienststelle=bg.dienststelle,
    )
    entscheidung = Entscheidung(antrag=antrag, art=art, aendert=aendert, dienststelle=bg.dienststelle, **felder)
    entscheidung.save()
    for monat, daten, bisher in monate:
        berechnung = berechne(daten)
        betrag = Decimal(berechnung["anspruch"])
        Leistungsmonat(
            entscheidung=entscheidung,
            monat=monat,
            betrag=betrag,
            bisher=bisher,
            differenz=None if bisher is None else betrag - bisher,
            eingabe=daten,
            berechnung=berechnung,
        ).save()
    return entscheidung


@pytest.fixture
def bewilligung(haushalt, benutzer):
    """Bewilligung March to June 2026; March to May identical, June with higher earnings."""
    bg, anna, ben = haushalt
    monate = [(date(2026, m, 1), eingabe(f"2026-0{m}", anna, ben, "600.00", "480.00"), None) for m in (3, 4, 5)]
    monate.append((date(2026, 6, 1), eingabe("2026-06", anna, ben, "800.00", "640.00"), None))
    return entscheidung_anlegen(
        bg,
        monate=monate,
        zeitraum_von=date(2026, 3, 1),
        zeitraum_bis=date(2026, 6, 30),
        entschieden_von=benutzer("sb.kreis"),
    )
