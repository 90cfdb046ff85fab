"""Dated legal parameters: YAML files under ``parameter/<rechtsgebiet>/``, resolved and cached per month.

File format (GETTSIM style): each top-level key is one parameter with ``name``, ``description``, ``unit`` and one
entry per valid-from date (``YYYY-MM-DD``) holding ``value`` and ``reference`` (the legal source) and optionally
``note``. A value is valid from its date until the next date. Strings that look like numbers become ``Decimal``.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

PARAMETER_DIR = Path(__file__).parent / "parameter"
META_KEYS = frozenset({"name", "description", "unit"})
_ZAHL = re.compile(r"^-?\d+(\.\d+)?$")


def _konvertiere(wert: Any) -> Any:
    """Turn number-like strings and numbers into Decimal (never float), recursively."""
    if isinstance(wert, bool) or wert is None:
        return wert
    if isinstance(wert, int | float):
        return Decimal(str(wert))
    if isinstance(wert, str):
        return Decimal(wert) if _ZAHL.match(wert) else wert
    if isinstance(wert, list):
        return [_konvertiere(w) for w in wert]
    if isinstance(wert, dict):
        return {(int(k) if isinstance(k, int) else k): _konvertiere(v) for k, v in wert.items()}
    return wert


def _datum_schluessel(schluessel: Any) -> _dt.date | None:
    if isinstance(schluessel, _dt.date):
        return schluessel
    if isinstance(schluessel, str):
        try:
            return _dt.date.fromisoformat(schluessel)
        except ValueError:
            return None
    return None


@cache
def lade_rohdaten(rechtsgebiet: str) -> dict[str, dict]:
    """All raw parameter definitions of one legal area (as parsed from YAML), keyed by parameter name."""
    daten: dict[str, dict] = {}
    for datei in sorted((PARAMETER_DIR / rechtsgebiet).glob("*.yaml")):
        with datei.open(encoding="utf-8") as f:
            inhalt = yaml.safe_load(f) or {}
        for name, definition in inhalt.items():
            if name in daten:
                raise ValueError(f"Parameter {name} doppelt definiert ({datei.name})")
            daten[name] = definition
    return daten


@cache
def _zeitreihen(rechtsgebiet: str) -> dict[str, list[tuple[_dt.date, Any, str]]]:
    reihen: dict[str, list[tuple[_dt.date, Any, str]]] = {}
    for name, definition in lade_rohdaten(rechtsgebiet).items():
        eintraege = []
        for schluessel, eintrag in definition.items():
            datum = _datum_schluessel(schluessel)
            if datum is None:
                continue
            eintraege.append((datum, _konvertiere(eintrag["value"]), eintrag["reference"]))
        eintraege.sort(key=lambda e: e[0])
        reihen[name] = eintraege
    return reihen


class Parameter(dict):
    """Parameters valid in one month: ``p["regelbedarf"][1]``; ``p.quelle("regelbedarf")`` gives the reference."""

    __slots__ = ("quellen", "monat")

    def quelle(self, name: str) -> str:
        return self.quellen.get(name, "")


@lru_cache(maxsize=1024)
def parameter_fuer(rechtsgebiet: str, monat: str) -> Parameter:
    """Resolve all parameters of ``rechtsgebiet`` for ``monat`` (``YYYY-MM``); cached, so cheap in the hot path."""
    stichtag = _dt.date(int(monat[:4]), int(monat[5:7]), 1)
    ergebnis = Parameter()
    ergebnis.quellen = {}
    ergebnis.monat = monat
    for name, eintraege in _zeitreihen(rechtsgebiet).items():
        gueltig = None
        for datum, wert, referenz in eintraege:
            if datum <= stichtag:
                gueltig = (wert, referenz)
            else:
                break
        if gueltig is not None:
            ergebnis[name] = gueltig[0]
            ergebnis.quellen[name] = gueltig[1]
    return ergebnis


def alle_rechtsgebiete() -> list[str]:
    return sorted(p.name for p in PARAMETER_DIR.iterdir() if p.is_dir())
