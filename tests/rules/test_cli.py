"""``python -m sozialhaus.rules``: JSON Lines in, one result line per input line, in order."""

import io
import json
import subprocess
import sys
from pathlib import Path

from sozialhaus.rules.__main__ import main

GUT = {
    "monat": "2026-08",
    "leistung": "grundsicherungsgeld",
    "bezug_seit": "2026-01-01",
    "personen": [{"id": "a", "geburtsdatum": "1990-01-01", "erwerbsfaehig": True}],
    "unterkunft": {"kaltmiete": "300.00", "nebenkosten": "50.00", "heizkosten": "50.00"},
}


def test_zeilen_in_reihenfolge_und_fehlerzeilen():
    eingabe = (
        "\n".join([json.dumps(GUT), "{kein json", json.dumps({"leistung": "buergergeld"}), json.dumps(GUT)]) + "\n"
    )
    aus = io.StringIO()
    main(io.StringIO(eingabe), aus)
    zeilen = [json.loads(z) for z in aus.getvalue().splitlines()]
    assert len(zeilen) == 4
    assert zeilen[0]["anspruch"] == "963.00" and zeilen[0]["bezeichnung"] == "Grundsicherungsgeld"
    assert "JSON" in zeilen[1]["fehler"]
    assert "monat" in zeilen[2]["fehler"]
    assert zeilen[3] == zeilen[0]


def test_als_modul_aufrufbar():
    wurzel = Path(__file__).resolve().parents[2]
    lauf = subprocess.run(
        [sys.executable, "-m", "sozialhaus.rules"],
        input=json.dumps(GUT) + "\n",
        capture_output=True,
        text=True,
        cwd=wurzel,
        check=True,
    )
    assert json.loads(lauf.stdout)["anspruch"] == "963.00"
