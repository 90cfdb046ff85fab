"""Input parsing shared by the legal areas: person list head, relations, income entries.

Every German error message is produced here once; the legal areas pass the words that differ (the name of the
community, the month text) and read their own fields.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterator

from .basis import EingabeFehler, datum, feldname, geld


def personen_roh(
    eingabe: dict,
    personen: dict,
    hoechstens: str,
    letzter_tag: _dt.date,
    monat_text: str | None = None,
    mindestens: str = "mindestens einer Person",
) -> Iterator[tuple[int, dict, tuple, str, _dt.date]]:
    """Check the list ``personen`` and yield ``(index, roh, feld, pid, geburtsdatum)`` for each person.

    ``personen`` is the caller's result dict: the caller registers each person under ``pid`` before the next one
    is read, so that a duplicate id is found. ``hoechstens`` completes "höchstens 30 ..." (e.g. "Personen je
    Bedarfsgemeinschaft"); ``monat_text`` names the month in "Person ist im ... noch nicht geboren" (default
    "Monat <eingabe['monat']>").
    """
    rohe = eingabe.get("personen")
    if not isinstance(rohe, list) or not rohe:
        raise EingabeFehler(f"Feld 'personen': Liste mit {mindestens} erwartet.")
    if len(rohe) > 30:
        raise EingabeFehler(f"Feld 'personen': höchstens 30 {hoechstens}.")
    for i, roh in enumerate(rohe):
        f = ("personen[", i, "]")
        if not isinstance(roh, dict):
            raise EingabeFehler(f"Feld '{feldname(f)}': Objekt erwartet.")
        pid = roh.get("id")
        if not isinstance(pid, str) or not pid:
            raise EingabeFehler(f"Feld '{feldname(f)}.id': Kennung als Zeichenkette erwartet.")
        if pid in personen:
            raise EingabeFehler(f"Feld '{feldname(f)}.id': Kennung '{pid}' ist doppelt.")
        geburt = datum(roh.get("geburtsdatum"), (f, ".geburtsdatum"))
        if geburt > letzter_tag:
            text = f"Monat {eingabe['monat']}" if monat_text is None else monat_text
            raise EingabeFehler(f"Feld '{feldname(f)}.geburtsdatum': Person ist im {text} noch nicht geboren.")
        yield i, roh, f, pid, geburt


def lies_beziehungen(eingabe: dict, personen: dict, *, nur_kennungen: bool = True, partner_einmal: bool = True) -> None:
    """Read ``beziehungen`` into the persons' ``partner``, ``kinder`` and ``eltern`` attributes.

    ``nur_kennungen``: a non-string ``von``/``zu`` is reported as unknown person (otherwise an unhashable value
    fails with TypeError, as SGB II always did). ``partner_einmal``: a second partner is an error (otherwise the
    later relation wins, as in Wohngeld).
    """
    rohe = eingabe.get("beziehungen") or []
    if not isinstance(rohe, list):
        raise EingabeFehler("Feld 'beziehungen': Liste erwartet.")
    for i, b in enumerate(rohe):
        f = f"beziehungen[{i}]"
        if not isinstance(b, dict):
            raise EingabeFehler(f"Feld '{f}': Objekt erwartet.")
        art, von, zu = b.get("art"), b.get("von"), b.get("zu")
        if not (von.__class__ is str and zu.__class__ is str and von in personen and zu in personen):
            _pruefe_kennungen(f, von, zu, personen, nur_kennungen)
        if von == zu:
            raise EingabeFehler(f"Feld '{f}': eine Person kann keine Beziehung zu sich selbst haben.")
        if art == "partner":
            if partner_einmal:
                for a, b2 in ((von, zu), (zu, von)):
                    if personen[a].partner not in (None, b2):
                        raise EingabeFehler(f"Feld '{f}': Person '{a}' hat bereits eine Partnerin oder einen Partner.")
            personen[von].partner, personen[zu].partner = zu, von
        elif art == "elternteil":
            if zu not in personen[von].kinder:
                personen[von].kinder.append(zu)
                personen[zu].eltern.append(von)
        else:
            raise EingabeFehler(f"Feld '{f}.art': 'partner' oder 'elternteil' erwartet.")


def _pruefe_kennungen(f: str, von, zu, personen: dict, nur_kennungen: bool) -> None:
    """The slow path of ``lies_beziehungen``: report the first of ``von``/``zu`` that is no known person."""
    for name, wert in (("von", von), ("zu", zu)):
        if (nur_kennungen and not isinstance(wert, str)) or wert not in personen:
            raise EingabeFehler(f"Feld '{f}.{name}': Person '{wert}' ist nicht in 'personen' enthalten.")


def einkommen_roh(roh: list, f: tuple, arten: Collection[str], erlaubt: str) -> Iterator[tuple[tuple, dict, str]]:
    """Check the list ``einkommen`` of person field ``f`` and yield ``(feld, eintrag, art)`` for each entry.

    ``erlaubt`` is the list of ``arten`` as shown in the error message. The caller handles ``None``/empty first.
    """
    if not isinstance(roh, list):
        raise EingabeFehler(f"Feld '{feldname(f)}.einkommen': Liste erwartet.")
    for j, e in enumerate(roh):
        fe = (f, ".einkommen[", j, "]")
        if not isinstance(e, dict):
            raise EingabeFehler(f"Feld '{feldname(fe)}': Objekt erwartet.")
        art = e.get("art")
        if art not in arten:
            raise EingabeFehler(f"Feld '{feldname(fe)}.art': unbekannte Einkommensart '{art}' (erlaubt: {erlaubt}).")
        yield fe, e, art


def erwerbseinkommen(e: dict, fe: tuple, *, netto_pflicht: bool = True) -> dict:
    """An Erwerbseinkommen entry ``{"art", "brutto", "netto"}``; netto must not exceed brutto."""
    brutto = geld(e.get("brutto"), (fe, ".brutto"))
    netto = geld(e.get("netto"), (fe, ".netto"), pflicht=netto_pflicht)
    if netto is not None and netto > brutto:
        raise EingabeFehler(f"Feld '{feldname(fe)}.netto': Nettoeinkommen darf das Bruttoeinkommen nicht übersteigen.")
    return {"art": "erwerbseinkommen", "brutto": brutto, "netto": netto}
