"""Parameter files: valid against the JSON schema, every date entry sourced, every month 2023-01..2026-12 covered."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml

from sozialhaus.rules.parameter import PARAMETER_DIR, alle_rechtsgebiete, lade_rohdaten, parameter_fuer

SCHEMA = json.loads((Path(PARAMETER_DIR).parent / "parameter_schema.json").read_text(encoding="utf-8"))
DATEIEN = sorted(Path(PARAMETER_DIR).rglob("*.yaml"))
MONATE = [f"{j}-{m:02d}" for j in range(2023, 2027) for m in range(1, 13)]


def _als_json(wert):
    """YAML dates and int keys to the JSON data model (as a JSON parser would see the same content)."""
    if isinstance(wert, dict):
        return {str(k): _als_json(v) for k, v in wert.items()}
    if isinstance(wert, list):
        return [_als_json(v) for v in wert]
    if isinstance(wert, float):
        raise AssertionError(f"float in Parameterdatei: {wert!r} (Beträge als Zeichenkette angeben)")
    return wert


def test_schema_ist_gueltig():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("datei", DATEIEN, ids=[d.name for d in DATEIEN])
def test_datei_entspricht_schema(datei):
    inhalt = _als_json(yaml.safe_load(datei.read_text(encoding="utf-8")))
    jsonschema.validate(inhalt, SCHEMA)


def test_schema_weist_eintrag_ohne_quelle_zurueck():
    kaputt = {"regelbedarf": {"name": "x" * 5, "description": "y" * 12, "unit": "EUR", "2024-01-01": {"value": "1"}}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(kaputt, SCHEMA)


@pytest.mark.parametrize("gebiet", alle_rechtsgebiete())
def test_jeder_monat_hat_alle_parameter(gebiet):
    namen = set(lade_rohdaten(gebiet))
    zwingend = {n for n, d in lade_rohdaten(gebiet).items() if dt.date(2023, 1, 1) in d}
    for monat in MONATE:
        p = parameter_fuer(gebiet, monat)
        assert zwingend <= set(p), f"{monat}: fehlende Parameter {zwingend - set(p)}"
        assert set(p) <= namen


@pytest.mark.parametrize(
    ("monat", "erwartet"),
    [
        ("2023-12", ["502.00", "451.00", "402.00", "420.00", "348.00", "318.00"]),
        ("2024-01", ["563.00", "506.00", "451.00", "471.00", "390.00", "357.00"]),
        ("2025-06", ["563.00", "506.00", "451.00", "471.00", "390.00", "357.00"]),
        ("2026-12", ["563.00", "506.00", "451.00", "471.00", "390.00", "357.00"]),
    ],
)
def test_regelbedarfe(monat, erwartet):
    p = parameter_fuer("sgb2", monat)
    assert [p["regelbedarf"][i] for i in range(1, 7)] == [Decimal(x) for x in erwartet]


def test_werte_wechseln_zum_stichtag():
    assert parameter_fuer("sgb2", "2024-12")["kindersofortzuschlag"] == Decimal("20.00")
    assert parameter_fuer("sgb2", "2025-01")["kindersofortzuschlag"] == Decimal("25.00")
    assert len(parameter_fuer("sgb2", "2023-06")["erwerbstaetigenfreibetrag"]["stufen"]) == 2
    assert len(parameter_fuer("sgb2", "2023-07")["erwerbstaetigenfreibetrag"]["stufen"]) == 3
    assert parameter_fuer("sgb2", "2026-06")["bezeichnung"] == "Bürgergeld"
    assert parameter_fuer("sgb2", "2026-07")["bezeichnung"] == "Grundsicherungsgeld"
    assert parameter_fuer("sgb2", "2026-06")["vermoegen_modell"] == "karenzzeit"
    assert parameter_fuer("sgb2", "2026-07")["vermoegen_modell"] == "altersgestaffelt"


def test_keine_floats_im_ergebnis():
    def pruefe(wert):
        assert not isinstance(wert, float)
        if isinstance(wert, dict):
            for v in wert.values():
                pruefe(v)
        if isinstance(wert, list):
            for v in wert:
                pruefe(v)

    for monat in MONATE:
        pruefe(dict(parameter_fuer("sgb2", monat)))


def test_rechenkern_importiert_kein_django():
    quellen = Path(PARAMETER_DIR).parent.rglob("*.py")
    for datei in quellen:
        text = datei.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, datei.name
        assert "rest_framework" not in text, datei.name
