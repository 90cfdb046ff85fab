"""manage.py zahllauf: the three steps with German output, the SEPA file and the bookings CSV written to disk."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sozialhaus.payments import sepa

from .conftest import MONATLICH


def _befehl(*argumente) -> str:
    ausgabe = StringIO()
    call_command("zahllauf", "--traeger", "03461", "--monat", "2025-01", *argumente, stdout=ausgabe)
    return ausgabe.getvalue()


def test_vorbereiten_freigeben_ausfuehren(bewilligt, zahlstelle2, tmp_path):
    bewilligt()
    vorbereitet = _befehl("--vorbereiten", "--benutzer", "zahlstelle")
    assert "Zahllauf 01/2025 vorbereitet." in vorbereitet
    assert "Status: vorbereitet; 1 Zahlungen, Summe 1.143,00 €" in vorbereitet
    with pytest.raises(CommandError, match="Wer den Zahllauf vorbereitet hat, darf ihn nicht freigeben"):
        _befehl("--freigeben", "zahlstelle")
    with pytest.raises(CommandError, match="Benutzer/in »niemand« ist nicht bekannt."):
        _befehl("--freigeben", "niemand")
    assert "freigegeben" in _befehl("--freigeben", "zahlstelle2")
    datei, csv = tmp_path / "lauf.xml", tmp_path / "buchungen.csv"
    ausgabe = _befehl("--ausfuehren", "--sepa", str(datei), "--buchungen", str(csv))
    assert "Zahllauf 01/2025 ausgeführt" in ausgabe and "FEHLER" not in ausgabe
    sepa.validiere(datei.read_bytes())
    assert sepa.kontrollsummen(datei.read_bytes()) == (1, MONATLICH)
    assert csv.read_bytes().count(b"\r\n") == 3  # header + Regelbedarf + KdU
    with pytest.raises(CommandError, match="Für 01/2025 wurde bereits ein Zahllauf ausgeführt."):
        _befehl("--vorbereiten")


def test_falscher_monat(traeger):
    with pytest.raises(CommandError, match="bitte im Format JJJJ-MM"):
        call_command("zahllauf", "--traeger", "03461", "--monat", "12/2026")
