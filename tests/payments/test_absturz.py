"""THE KILL TEST: a Zahllauf of more than 10,000 payments survives SIGKILL at random points.

``manage.py zahllauf`` runs as a subprocess on its own SQLite file in a temporary directory (mass data from
``massendaten.py``, built with bulk_create). First every phase is run once on a copy to measure its duration; then,
on the real file, each phase (vorbereiten, freigeben, ausführen) is started again and again and killed with SIGKILL
after a random delay, the delays spread over 90 % of the measured duration, until at least 20 processes were killed
while running. After every kill the run is either untouched or complete (never half-written). Finally the phases
run to completion and each due amount is paid exactly once, the bookings balance and the SEPA control sums match.

Runs in ``make test`` (marker ``absturz``; skip locally with ``-m "not absturz"``), about 1–2 minutes on 2 cores.
"""

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from sozialhaus.payments import sepa

from . import massendaten

ANZAHL = 10_000
MONAT = "2026-12"
WURZEL = Path(__file__).resolve().parents[2]
PHASEN = {
    "vorbereiten": (["--vorbereiten"], 15),
    "freigeben": (["--freigeben", "zahlstelle"], 2),
    "ausfuehren": (["--ausfuehren"], 15),
}
"""Phase → command arguments and how many kills to aim at: 32 in total, at least 20 must hit a running process (a
process may run faster than measured when the machine's load drops; a late delay then outlasts it and the phase is
complete, so the aims leave room for misses)."""

SPANNE = 0.9
"""The delays are spread over this share of each phase's measured duration, so that a process running somewhat
faster than measured is still hit by the late delays."""

pytestmark = pytest.mark.absturz


def _umgebung(datei: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{datei}",
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        "PYTHONPATH": os.pathsep.join(sys.path),
    }


def _befehl(*argumente: str) -> list[str]:
    return [sys.executable, str(WURZEL / "manage.py"), "zahllauf", "--traeger", "03461", "--monat", MONAT, *argumente]


def _ausfuehren(datei: Path, befehl: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(befehl, env=_umgebung(datei), cwd=WURZEL, capture_output=True, text=True, timeout=300)


def _abschiessen(datei: Path, befehl: list[str], sekunden: float) -> bool:
    """Start ``befehl``, SIGKILL it after ``sekunden``; True when it was still running (a real kill)."""
    prozess = subprocess.Popen(
        befehl, env=_umgebung(datei), cwd=WURZEL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        prozess.wait(timeout=sekunden)
        return False
    except subprocess.TimeoutExpired:
        prozess.kill()
        prozess.wait()
        return True


def _zustand(datei: Path) -> dict:
    """Status and counts straight from the file (opening it rolls back a hot journal left by a killed process)."""
    with sqlite3.connect(datei) as db:
        laeufe = db.execute("SELECT status, anzahl, sepa_xml != '' FROM payments_zahllauf").fetchall()
        zahlungen = dict(db.execute("SELECT status, count(*) FROM payments_zahlung GROUP BY status").fetchall())
        buchungen = db.execute("SELECT count(*) FROM payments_buchung").fetchone()[0]
    return {"laeufe": laeufe, "zahlungen": zahlungen, "buchungen": buchungen}


def _phase(zustand: dict) -> str | None:
    if not zustand["laeufe"]:
        return "vorbereiten"
    return {"vorbereitet": "freigeben", "freigegeben": "ausfuehren", "ausgefuehrt": None}[zustand["laeufe"][0][0]]


def _pruefe_ganz_oder_gar_nicht(zustand: dict) -> None:
    """A run is never half-prepared or half-executed."""
    if not zustand["laeufe"]:
        assert zustand["zahlungen"] == {} and zustand["buchungen"] == 0
        return
    [(status, anzahl, mit_datei)] = zustand["laeufe"]
    if status == "ausgefuehrt":
        assert zustand["zahlungen"] == {"ausgefuehrt": anzahl} and mit_datei and zustand["buchungen"] >= anzahl
    else:
        assert zustand["zahlungen"] == {"vorgemerkt": anzahl} and not mit_datei and zustand["buchungen"] == 0


def _messen(vorlage: Path, tmp_path: Path) -> dict[str, float]:
    """Duration of each phase (process start to end) on a copy of the prepared database."""
    kopie = tmp_path / "messung.sqlite3"
    shutil.copy(vorlage, kopie)
    dauer = {}
    for phase, (argumente, _) in PHASEN.items():
        start = time.monotonic()
        ergebnis = _ausfuehren(kopie, _befehl(*argumente))
        dauer[phase] = time.monotonic() - start
        assert ergebnis.returncode == 0, ergebnis.stderr
    return dauer


def _soll_und_ist(datei: Path) -> tuple[dict, dict]:
    with sqlite3.connect(datei) as db:
        soll = {
            nummer: Decimal(str(betrag)).quantize(Decimal("0.01"))
            for nummer, betrag in db.execute(
                "SELECT bg.bg_nummer, lm.betrag FROM cases_leistungsmonat lm "
                "JOIN cases_entscheidung e ON e.id = lm.entscheidung_id JOIN cases_antrag a ON a.id = e.antrag_id "
                "JOIN people_bedarfsgemeinschaft bg ON bg.id = a.bedarfsgemeinschaft_id"
            )
        }
        ist = {
            nummer: Decimal(str(summe)).quantize(Decimal("0.01"))
            for nummer, summe in db.execute(
                "SELECT bg.bg_nummer, sum(z.betrag) FROM payments_zahlung z "
                "JOIN people_bedarfsgemeinschaft bg ON bg.id = z.bedarfsgemeinschaft_id "
                "WHERE z.status NOT IN ('fehlgeschlagen', 'storniert') GROUP BY bg.bg_nummer, z.monat"
            )
        }
    return soll, ist


def _ueberweisungen(i: int) -> int:
    """Transfers for BG ``i``: none with an invalid IBAN; with a direct rent payment one to the landlord and one to
    the person for the rest, if any; otherwise one."""
    if massendaten.ungueltig(i):
        return 0
    if massendaten.direkt(i):
        return 1 + (massendaten.betrag(i) > massendaten.kdu(i))
    return 1


def _pruefe_ergebnis(datei: Path) -> None:
    soll, ist = _soll_und_ist(datei)
    zurueckgestellt = {f"03461BG9{i:07d}" for i in range(ANZAHL) if massendaten.ungueltig(i)}
    assert len(soll) == ANZAHL
    assert ist == {bg: betrag for bg, betrag in soll.items() if bg not in zurueckgestellt}
    # Each Soll recomputed from the generator, independent of what the run stored.
    assert all(soll[f"03461BG9{i:07d}"] == massendaten.betrag(i) for i in range(ANZAHL))
    with sqlite3.connect(datei) as db:
        [(xml, anzahl, summe)] = db.execute("SELECT sepa_xml, anzahl, summe FROM payments_zahllauf").fetchall()
        zahlungen, zahlsumme = db.execute("SELECT count(*), sum(betrag * 100) FROM payments_zahlung").fetchone()
        (buchsumme,) = db.execute("SELECT sum(betrag * 100) FROM payments_buchung").fetchone()
        abweichend = db.execute(
            "SELECT count(*) FROM payments_zahlung z WHERE round(z.betrag * 100) != "
            "(SELECT round(sum(b.betrag * 100)) FROM payments_buchung b WHERE b.zahlung_id = z.id)"
        ).fetchone()[0]
        doppelte_e2e = db.execute("SELECT count(*) - count(DISTINCT end_to_end_id) FROM payments_zahlung").fetchone()[0]
    erwartet = sum(_ueberweisungen(i) for i in range(ANZAHL))
    assert zahlungen == anzahl == erwartet > ANZAHL
    assert round(zahlsumme) == round(buchsumme) == round(Decimal(str(summe)) * 100)
    assert abweichend == 0 and doppelte_e2e == 0
    assert sepa.kontrollsummen(xml.encode("utf-8")) == (erwartet, Decimal(round(zahlsumme)) / 100)
    assert sepa.schema().validate(etree.fromstring(xml.encode("utf-8")))


def test_zahllauf_uebersteht_sigkill(tmp_path):
    vorlage = tmp_path / "vorlage.sqlite3"
    for befehl in (
        [sys.executable, str(WURZEL / "manage.py"), "migrate", "--noinput", "-v0"],
        [sys.executable, str(WURZEL / "tests" / "payments" / "massendaten.py"), str(ANZAHL), MONAT],
    ):
        ergebnis = _ausfuehren(vorlage, befehl)
        assert ergebnis.returncode == 0, ergebnis.stderr
    dauer = _messen(vorlage, tmp_path)
    datei = tmp_path / "zahllauf.sqlite3"
    shutil.copy(vorlage, datei)
    zufall = random.Random()
    saat = zufall.randrange(10**6)
    zufall.seed(saat)
    treffer = 0
    for phase, (argumente, ziel) in PHASEN.items():
        for k in range(ziel):
            if _phase(_zustand(datei)) != phase:
                break
            verzoegerung = SPANNE * dauer[phase] * (k + zufall.random()) / ziel  # strata over the duration
            treffer += _abschiessen(datei, _befehl(*argumente), verzoegerung)
            _pruefe_ganz_oder_gar_nicht(_zustand(datei))
        if _phase(_zustand(datei)) == phase:
            ergebnis = _ausfuehren(datei, _befehl(*argumente))
            assert ergebnis.returncode == 0, ergebnis.stderr
    print(f"{treffer} Prozesse während des Laufs beendet (Saat {saat}, Dauer je Phase {dauer})")
    assert treffer >= 20, f"nur {treffer} Prozesse während des Laufs beendet (Saat {saat}, Dauer {dauer})"
    assert _phase(_zustand(datei)) is None
    _pruefe_ergebnis(datei)

    # Running everything again changes nothing.
    vorher = _zustand(datei)
    nochmal = _ausfuehren(datei, _befehl("--vorbereiten"))
    assert nochmal.returncode == 1 and "Für 12/2026 wurde bereits ein Zahllauf ausgeführt." in nochmal.stderr
    assert "bereits ausgeführt" in _ausfuehren(datei, _befehl("--ausfuehren")).stderr
    assert _zustand(datei) == vorher
    bericht = _ausfuehren(datei, _befehl())
    assert bericht.returncode == 0 and "FEHLER" not in bericht.stdout
