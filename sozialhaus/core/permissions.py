"""The one permission service: may this user read or change this record?

Every view, form and API endpoint asks here; nothing else decides access to
Sozialdaten. A decision depends on the user's Mitarbeiten (Rolle ×
Dienststelle × Rechtskreise) and on the record's responsible Dienststelle and
Rechtskreis:

* a Bedarfsgemeinschaft is visible to a Mitarbeit of its Dienststelle that
  covers its Rechtskreis;
* a person is visible through any Bedarfsgemeinschaft they belong or belonged
  to, and to the Dienststelle that registered them (``erfasst_von``), so a
  Lotse or a Sozialamt sees the people it took in before any BG exists.

What a Rolle may do is the table ``RECHTE``; Administration and Statistik see
no personal data (they work with the organisation, the audit trail and
aggregates).
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Dienststelle, Rolle


class Aktion(StrEnum):
    LESEN = "lesen"
    AENDERN = "aendern"
    ANLEGEN = "anlegen"
    PROTOKOLL = "protokoll"


RECHTE: dict[str, frozenset[Aktion]] = {
    Rolle.LEISTUNGSSACHBEARBEITUNG: frozenset({Aktion.LESEN, Aktion.AENDERN, Aktion.ANLEGEN}),
    Rolle.FALLMANAGEMENT: frozenset({Aktion.LESEN, Aktion.AENDERN, Aktion.ANLEGEN}),
    Rolle.TEAMLEITUNG: frozenset({Aktion.LESEN, Aktion.AENDERN, Aktion.ANLEGEN, Aktion.PROTOKOLL}),
    Rolle.LOTSE: frozenset({Aktion.LESEN, Aktion.ANLEGEN}),
    Rolle.WIDERSPRUCHSSTELLE: frozenset({Aktion.LESEN}),
    Rolle.ZAHLSTELLE: frozenset({Aktion.LESEN}),
    Rolle.STATISTIK: frozenset(),
    Rolle.ADMINISTRATION: frozenset({Aktion.PROTOKOLL}),
}

VERWEIGERT = "Sie haben keine Berechtigung für diesen Vorgang."


@dataclass(frozen=True)
class Befugnis:
    """One Mitarbeit reduced to what the service needs."""

    dienststelle_id: int
    rolle: str
    rechtskreise: frozenset[str]

    def erlaubt(self, aktion: Aktion) -> bool:
        return aktion in RECHTE.get(self.rolle, frozenset())


def befugnisse(benutzer, aktion: Aktion) -> list[Befugnis]:
    """The user's Mitarbeiten whose Rolle allows ``aktion`` (cached on the user object per request)."""
    if benutzer is None or not benutzer.is_authenticated or not benutzer.is_active:
        return []
    alle = getattr(benutzer, "_befugnisse", None)
    if alle is None:
        alle = [
            Befugnis(m.dienststelle_id, m.rolle, frozenset(m.rechtskreise or ()))
            for m in benutzer.mitarbeiten.all().order_by("id")
        ]
        benutzer._befugnisse = alle
    return [b for b in alle if b.erlaubt(aktion)]


def _bg_filter(befugnis_liste: list[Befugnis], prefix: str = "") -> Q:
    """Q matching Bedarfsgemeinschaften (fields under ``prefix``) covered by any of the Befugnisse."""
    q = Q(pk__in=[])
    for b in befugnis_liste:
        if b.rechtskreise:
            q |= Q(
                **{f"{prefix}dienststelle_id": b.dienststelle_id, f"{prefix}rechtskreis__in": sorted(b.rechtskreise)}
            )
    return q


def sichtbare_bedarfsgemeinschaften(benutzer, aktion: Aktion = Aktion.LESEN) -> QuerySet:
    from sozialhaus.people.models import Bedarfsgemeinschaft

    return Bedarfsgemeinschaft.objects.filter(_bg_filter(befugnisse(benutzer, aktion)))


def sichtbare_personen(benutzer, aktion: Aktion = Aktion.LESEN) -> QuerySet:
    from sozialhaus.people.models import BGMitglied, Person

    liste = befugnisse(benutzer, aktion)
    ueber_bg = BGMitglied.objects.filter(person=OuterRef("pk")).filter(_bg_filter(liste, "bedarfsgemeinschaft__"))
    erfasst = Q(erfasst_von_id__in=sorted({b.dienststelle_id for b in liste}))
    return Person.objects.filter(Q(Exists(ueber_bg)) | erfasst)


def _dienststelle_fuer_bg(liste: list[Befugnis], bg) -> int | None:
    for b in liste:
        if b.dienststelle_id == bg.dienststelle_id and bg.rechtskreis in b.rechtskreise:
            return b.dienststelle_id
    return None


def _dienststelle_fuer_person(liste: list[Befugnis], person) -> int | None:
    from sozialhaus.people.models import Bedarfsgemeinschaft

    for bg in Bedarfsgemeinschaft.objects.filter(mitgliedschaften__person=person).only(
        "dienststelle_id", "rechtskreis"
    ):
        gefunden = _dienststelle_fuer_bg(liste, bg)
        if gefunden:
            return gefunden
    for b in liste:
        if b.dienststelle_id == person.erfasst_von_id:
            return b.dienststelle_id
    return None


def zugriff(benutzer, objekt, aktion: Aktion) -> Dienststelle | None:
    """The Dienststelle under which ``benutzer`` may perform ``aktion`` on ``objekt``, or ``None`` if not allowed.

    ``objekt`` is a Person, a Bedarfsgemeinschaft, a Haushalt, a fact of one of them, or a record that names the
    Person or BG whose rules apply in its ``zugriff_ueber`` property (Antrag, Entscheidung, Bescheid, Dokument, …).
    """
    liste = befugnisse(benutzer, aktion)
    if not liste:
        return None
    art = objekt._meta.model_name
    if art == "person":
        ds_id = _dienststelle_fuer_person(liste, objekt)
    elif art == "bedarfsgemeinschaft":
        ds_id = _dienststelle_fuer_bg(liste, objekt)
    elif art == "haushalt":
        ds_id = next(
            filter(None, (_dienststelle_fuer_bg(liste, bg) for bg in objekt.bedarfsgemeinschaften.all())), None
        )
    elif hasattr(objekt, "zugriff_ueber"):
        return zugriff(benutzer, objekt.zugriff_ueber, aktion)
    elif hasattr(objekt, "person"):
        return zugriff(benutzer, objekt.person, aktion)
    elif hasattr(objekt, "haushalt"):
        return zugriff(benutzer, objekt.haushalt, aktion)
    else:
        raise TypeError(f"Keine Zugriffsregel für {art}")
    return Dienststelle.objects.get(pk=ds_id) if ds_id else None


def pruefe(benutzer, objekt, aktion: Aktion) -> Dienststelle:
    """Like ``zugriff`` but raises PermissionDenied (HTTP 403) when not allowed."""
    dienststelle = zugriff(benutzer, objekt, aktion)
    if dienststelle is None:
        raise PermissionDenied(VERWEIGERT)
    return dienststelle


def darf_anlegen(benutzer) -> list[Dienststelle]:
    """Dienststellen for which the user may register new persons."""
    ids = sorted({b.dienststelle_id for b in befugnisse(benutzer, Aktion.ANLEGEN)})
    return list(Dienststelle.objects.filter(pk__in=ids))


def protokoll_zugriff(benutzer, person) -> Dienststelle | None:
    """The Dienststelle under which ``benutzer`` may see who accessed ``person``, or ``None``.

    Teamleitung sees the protocol of persons in its scope; Administration that of every person (by Kundennummer
    only, as it reads no Sozialdaten).
    """
    dienststelle = zugriff(benutzer, person, Aktion.PROTOKOLL)
    if dienststelle is None:
        admin = next((b for b in befugnisse(benutzer, Aktion.PROTOKOLL) if b.rolle == Rolle.ADMINISTRATION), None)
        dienststelle = Dienststelle.objects.get(pk=admin.dienststelle_id) if admin else None
    return dienststelle


def darf_protokoll_sehen(benutzer) -> bool:
    """Teamleitung and Administration may answer "who looked at this person, when"."""
    return bool(befugnisse(benutzer, Aktion.PROTOKOLL))
