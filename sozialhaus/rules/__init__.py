"""Sozialhaus calculation engine: pure Python (standard library + PyYAML), no Django imports.

``berechne(eingabe)`` takes one household-month (JSON-decoded dict, money as strings) and returns the result dict
or ``{"fehler": "..."}``; it never raises for bad input. Legal areas register under the ``"leistung"`` field.
"""

from __future__ import annotations

from collections.abc import Callable

from . import asylblg, but, kinderzuschlag, sgb2, sgb12, vorrang, wohngeld
from .basis import EingabeFehler

# "leistung" -> calculation function of the legal area. Later: sgb12, asylblg, wohngeld, but, vorrang.
LEISTUNGEN: dict[str, Callable[[dict], dict]] = {
    "buergergeld": sgb2.berechne,
    "grundsicherungsgeld": sgb2.berechne,
    "hilfe_zum_lebensunterhalt": sgb12.berechne,
    "grundsicherung_alter_erwerbsminderung": sgb12.berechne,
    "asylblg": asylblg.berechne,
    "but": but.berechne,
    "kinderzuschlag": kinderzuschlag.berechne,
    "vorrang": vorrang.berechne,
    "wohngeld": wohngeld.berechne,
}

__all__ = ["LEISTUNGEN", "EingabeFehler", "berechne"]


def berechne(eingabe: dict) -> dict:
    """Calculate one household-month; returns the result or ``{"fehler": "<German message naming the field>"}``."""
    if not isinstance(eingabe, dict):
        return {"fehler": "Eingabe: JSON-Objekt mit den Feldern 'monat', 'leistung' und 'personen' erwartet."}
    leistung = eingabe.get("leistung")
    funktion = LEISTUNGEN.get(leistung) if isinstance(leistung, str) else None
    if funktion is None:
        return {"fehler": f"Feld 'leistung': unbekannte Leistung '{leistung}' (erlaubt: {', '.join(LEISTUNGEN)})."}
    try:
        return funktion(eingabe)
    except EingabeFehler as fehler:
        return {"fehler": str(fehler)}
    except (TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as fehler:  # defensive: never raise
        return {"fehler": f"Eingabe konnte nicht berechnet werden ({type(fehler).__name__}); bitte Felder prüfen."}
