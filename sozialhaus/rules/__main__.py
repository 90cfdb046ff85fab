"""``python -m sozialhaus.rules``: JSON Lines in (one household-month per line), one result line out per line."""

from __future__ import annotations

import json
import sys

from . import berechne


def verarbeite_zeile(zeile: str) -> str:
    try:
        eingabe = json.loads(zeile)
    except ValueError as fehler:
        ergebnis = {"fehler": f"Zeile ist kein gültiges JSON: {fehler.msg} (Spalte {fehler.colno})."}
    else:
        ergebnis = berechne(eingabe)
    return json.dumps(ergebnis, ensure_ascii=False, separators=(",", ":"))


def main(stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    for zeile in stdin:
        if not zeile.strip():
            stdout.write(json.dumps({"fehler": "Leere Zeile: JSON-Objekt erwartet."}, ensure_ascii=False) + "\n")
            continue
        stdout.write(verarbeite_zeile(zeile) + "\n")
    stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
