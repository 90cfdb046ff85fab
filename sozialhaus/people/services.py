"""Use cases on persons shared by the staff UI and the API: search, duplicate check, registration.

Every function takes the acting user, asks the permission service and writes the audit trail.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import Aktion, sichtbare_personen

from .models import Person, suchform


def _praefix(text: str) -> Q:
    """Prefix match on ``suchname`` as a range, so a plain B-tree index serves it on SQLite and PostgreSQL."""
    start = suchform(text)
    ende = start[:-1] + chr(ord(start[-1]) + 1)
    return Q(suchname__gte=start, suchname__lt=ende)


def suche_personen(
    benutzer,
    *,
    name: str = "",
    geburtsdatum: date | None = None,
    kundennummer: str = "",
    bg_nummer: str = "",
    kanal: str = "ui",
) -> QuerySet:
    """Persons visible to ``benutzer`` matching all given criteria.

    ``name`` matches the start of "Familienname Vorname" (so "Müller", "mueller an" and "Müller Anna" all find
    Anna Müller). The search itself is audited once (criteria, not results).
    """
    treffer = sichtbare_personen(benutzer, Aktion.LESEN)
    if name.strip():
        treffer = treffer.filter(_praefix(name))
    if geburtsdatum:
        treffer = treffer.filter(geburtsdatum=geburtsdatum)
    if kundennummer.strip():
        treffer = treffer.filter(kundennummer=kundennummer.strip().upper())
    if bg_nummer.strip():
        treffer = treffer.filter(mitgliedschaften__bedarfsgemeinschaft__bg_nummer=bg_nummer.strip().upper()).distinct()
    kriterien = {
        "name": name,
        "geburtsdatum": str(geburtsdatum or ""),
        "kundennummer": kundennummer,
        "bg_nummer": bg_nummer,
    }
    protokolliere(benutzer, AuditAktion.SUCHEN, ("personensuche", "-", "Personensuche"), kanal=kanal, details=kriterien)
    return treffer.order_by("suchname", "geburtsdatum", "id")


def moegliche_dubletten(familienname: str, vorname: str, geburtsdatum: date) -> QuerySet:
    """Persons already registered with the same name and birth date, across all Dienststellen of the Träger.

    The caller only learns that a record exists and its Kundennummer (enough to ask the responsible office);
    the record itself stays behind the permission service.
    """
    return Person.objects.filter(suchname=suchform(f"{familienname} {vorname}"), geburtsdatum=geburtsdatum)


@transaction.atomic
def person_anlegen(benutzer, person: Person, dienststelle, *, kanal: str = "ui") -> Person:
    """Save a new, validated person for ``dienststelle`` and audit the write."""
    person.erfasst_von = dienststelle
    person.full_clean()
    person.save()
    protokolliere(benutzer, AuditAktion.ANLEGEN, person, dienststelle=dienststelle, kanal=kanal)
    return person
