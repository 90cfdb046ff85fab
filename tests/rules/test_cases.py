"""YAML case runner: every tests/rules/cases/**/*.yaml is one household-month with its expected values.

Only the keys under ``erwartet`` are compared (nested dicts key by key, strings exactly). ``hinweis_enthaelt``
must be a substring of one of the ``hinweise``; ``fehler_enthaelt`` a substring of the ``fehler`` message.
"""

from pathlib import Path

import pytest
import yaml

from sozialhaus.rules import berechne

CASES = Path(__file__).parent / "cases"
DATEIEN = sorted(CASES.rglob("*.yaml"))


def _vergleiche(erwartet, tatsaechlich, pfad: str, abweichungen: list[str]) -> None:
    if isinstance(erwartet, dict):
        if not isinstance(tatsaechlich, dict):
            abweichungen.append(f"{pfad}: erwartet Objekt, erhalten {tatsaechlich!r}")
            return
        for schluessel, wert in erwartet.items():
            if schluessel not in tatsaechlich:
                abweichungen.append(f"{pfad}.{schluessel}: fehlt im Ergebnis")
                continue
            _vergleiche(wert, tatsaechlich[schluessel], f"{pfad}.{schluessel}", abweichungen)
    elif erwartet != tatsaechlich:
        abweichungen.append(f"{pfad}: erwartet {erwartet!r}, erhalten {tatsaechlich!r}")


def pruefe_fall(fall: dict) -> list[str]:
    """Return the list of differences between the engine and the expected values of one case."""
    erwartet = dict(fall["erwartet"])
    ergebnis = berechne(fall["eingabe"])
    abweichungen: list[str] = []
    fehler_text = erwartet.pop("fehler_enthaelt", None)
    hinweis_text = erwartet.pop("hinweis_enthaelt", None)
    if fehler_text is not None:
        if fehler_text not in ergebnis.get("fehler", ""):
            abweichungen.append(f"fehler: erwartet Text {fehler_text!r}, erhalten {ergebnis.get('fehler')!r}")
    elif "fehler" in ergebnis:
        return [f"unerwarteter fehler: {ergebnis['fehler']}"]
    if hinweis_text is not None:
        texte = [hinweis_text] if isinstance(hinweis_text, str) else hinweis_text
        for text in texte:
            if not any(text in h for h in ergebnis.get("hinweise", [])):
                abweichungen.append(f"hinweise: kein Hinweis enthält {text!r}; Hinweise: {ergebnis.get('hinweise')}")
    _vergleiche(erwartet, ergebnis, "ergebnis", abweichungen)
    return abweichungen


def test_es_gibt_faelle():
    assert DATEIEN, "keine YAML-Fälle unter tests/rules/cases gefunden"


@pytest.mark.parametrize("datei", DATEIEN, ids=[str(d.relative_to(CASES)) for d in DATEIEN])
def test_fall(datei: Path):
    fall = yaml.safe_load(datei.read_text(encoding="utf-8"))
    for pflicht in ("beschreibung", "quelle", "eingabe", "erwartet"):
        assert pflicht in fall, f"{datei.name}: Feld '{pflicht}' fehlt"
    abweichungen = pruefe_fall(fall)
    assert not abweichungen, f"{fall['beschreibung']}\n" + "\n".join(abweichungen)
