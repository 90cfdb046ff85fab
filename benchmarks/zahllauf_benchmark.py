"""Benchmark of a Zahllauf with 100,000 payments: prepare, release, execute (bookings and SEPA file).

    .venv/bin/python benchmarks/zahllauf_benchmark.py [--anzahl 100000] [--behalten DATEI] [--ohne-readme]

Builds a fresh SQLite database in a temporary directory (never the project's db.sqlite3) with the mass data of the
kill test (``tests/payments/massendaten.py``: decided BGs of the demo Kreis, every 10th with its rent paid directly,
every 500th with an invalid IBAN) — as many BGs as it takes for at least ``--anzahl`` payments. Each phase then runs
in its own process, which reports the time of the service call alone (``time.perf_counter``) and its peak memory:
``resource.getrusage(RUSAGE_SELF).ru_maxrss`` after the call (the process' resident peak, interpreter and Django
included) and before it (the baseline), so that one phase's memory does not hide the next one's.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme_abschnitt import abschnitt_schreiben, prozessor  # noqa: E402
from tests.payments import massendaten  # noqa: E402

MONAT = "2026-12"
PHASEN = ("vorbereiten", "freigeben", "ausfuehren")


def bgs_fuer(anzahl: int) -> int:
    """How many BGs of the mass data give at least ``anzahl`` payments (rent paid directly is a payment of its own;
    an invalid IBAN holds the person's payment back)."""
    zahlungen = i = 0
    while zahlungen < anzahl:
        miete = massendaten.kdu(i) if massendaten.direkt(i) else 0
        zahlungen += bool(miete) + (massendaten.betrag(i) > miete and not massendaten.ungueltig(i))
        i += 1
    return i


def _umgebung(datei: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{datei}", "DJANGO_SETTINGS_MODULE": "sozialhaus.settings.base"}


def _spitze_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def phase(name: str) -> dict:
    """Run one phase in this process (called with ``--phase``); the service call alone is timed."""
    import django

    django.setup()
    from sozialhaus.core.models import Benutzer, Traeger
    from sozialhaus.payments import services
    from sozialhaus.payments.models import Buchung, Zahllauf

    traeger = Traeger.objects.get(regionalschluessel="03461")
    monat = datetime.strptime(MONAT, "%Y-%m").date()
    lauf = Zahllauf.objects.filter(traeger=traeger, monat=monat).first()
    zahlstelle = Benutzer.objects.get(username="zahlstelle")
    aufrufe = {
        "vorbereiten": lambda: services.zahllauf_vorbereiten(None, traeger, monat, kanal="cli"),
        "freigeben": lambda: services.zahllauf_freigeben(zahlstelle, lauf, kanal="cli"),
        "ausfuehren": lambda: services.zahllauf_ausfuehren(lauf, kanal="cli"),
    }
    vorher = _spitze_mib()
    start = time.perf_counter()
    lauf = aufrufe[name]()
    sekunden = time.perf_counter() - start
    return {
        "phase": name,
        "sekunden": round(sekunden, 2),
        "rss_vorher_mib": round(vorher, 1),
        "rss_spitze_mib": round(_spitze_mib(), 1),
        "anzahl": lauf.anzahl,
        "summe": str(lauf.summe),
        "zurueckgestellt": len(lauf.protokoll.get("zurueckgestellt", [])),
        "sepa_bytes": len(lauf.sepa_xml.encode("utf-8")),
        "buchungen": Buchung.objects.filter(zahlung__zahllauf=lauf).count(),
    }


def messen(anzahl: int, datei: Path) -> dict:
    umgebung = _umgebung(datei)
    bgs = bgs_fuer(anzahl)
    start = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=umgebung, check=True)
    subprocess.run(
        [sys.executable, "tests/payments/massendaten.py", str(bgs), MONAT], cwd=ROOT, env=umgebung, check=True
    )
    ergebnis = {"anzahl": anzahl, "bgs": bgs, "aufbau_s": round(time.perf_counter() - start, 1), "phasen": []}
    for name in PHASEN:
        ausgabe = subprocess.run(
            [sys.executable, __file__, "--phase", name],
            cwd=ROOT,
            env=umgebung,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        ergebnis["phasen"].append(json.loads(ausgabe.strip().splitlines()[-1]))
        print(json.dumps(ergebnis["phasen"][-1], ensure_ascii=False), flush=True)
    return ergebnis


def _tabelle(e: dict) -> str:
    zeilen = [
        "| phase | seconds | payments per second | peak RSS (MiB) | RSS before the call (MiB) |",
        "|---|---:|---:|---:|---:|",
    ]
    anzahl = e["phasen"][0]["anzahl"]
    for p in e["phasen"]:
        rate = f"{anzahl / p['sekunden']:,.0f}" if p["sekunden"] else "–"
        zeilen.append(
            f"| {p['phase']} | {p['sekunden']:.2f} | {rate} | {p['rss_spitze_mib']:,.0f} | {p['rss_vorher_mib']:,.0f} |"
        )
    gesamt = sum(p["sekunden"] for p in e["phasen"])
    zeilen.append(f"| **total** | **{gesamt:.2f}** | {anzahl / gesamt:,.0f} | | |")
    return "\n".join(zeilen)


def _geteilt(last: float) -> str:
    """A note when other work kept the cores busy: the times are then upper bounds."""
    kerne = os.cpu_count() or 1
    return f" (more than its {kerne} cores: the machine was shared, the times are upper bounds)" if last > kerne else ""


def _readme(e: dict) -> None:
    letzte = e["phasen"][-1]
    text = f"""## Zahllauf (payment run)

What: one regular Zahllauf of the demo Kreis for {MONAT} with {e["phasen"][0]["anzahl"]:,} payments
({e["bgs"]:,} decided BGs from `tests/payments/massendaten.py`, every 10th paying its rent directly to the landlord,
every 500th held back for an invalid IBAN: {e["phasen"][0]["zurueckgestellt"]} zurückgestellt), through the services
of `sozialhaus/payments/services.py`: *vorbereiten* (what is due, payees, IBAN/BIC checks, Zahlungen),
*freigeben* (four eyes), *ausfuehren* (Buchungen split by Haushaltsstelle, the pain.001.001.09 file of
{letzte["sepa_bytes"] / 2**20:,.1f} MiB built and validated against the XSD, SHA-256, control checks), each in one
transaction, on SQLite in a temporary directory. Each phase runs in its own process; *seconds* is the service call
alone, *peak RSS* is `ru_maxrss` of that process after the call (interpreter, Django and the data of the call),
*before* the same just before the call. Building the data (not measured above) took {e["aufbau_s"]} s.

How to run: `make bench`, or `.venv/bin/python benchmarks/zahllauf_benchmark.py [--anzahl 100000]
[--behalten DATEI.sqlite3] [--ohne-readme]` (`--anzahl 2000` for a quick run). The script rewrites this section.

Last measured: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {prozessor()}, {os.cpu_count()} cores,
Python {sys.version.split()[0]}, load average before the run {e["last"]:.2f}{_geteilt(e["last"])}.

{_tabelle(e)}

Sum of the run: {letzte["summe"]} €; {letzte["anzahl"]:,} Zahlungen, {letzte["buchungen"]:,} Buchungen (SGB II payments are
split into Regelbedarf and KdU), every check of `pruefe_buchungen` passed.
"""
    abschnitt_schreiben("zahllauf-benchmark", text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anzahl", type=int, default=100_000, help="payments in the run (at least)")
    parser.add_argument("--behalten", help="SQLite file to build into (default: temporary, deleted)")
    parser.add_argument("--ohne-readme", action="store_true", help="do not rewrite the section in benchmarks/README.md")
    parser.add_argument("--phase", choices=PHASEN, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase)))
        return 0
    last = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="zahllauf-benchmark-") as verzeichnis:
        datei = Path(args.behalten) if args.behalten else Path(verzeichnis) / "zahllauf.sqlite3"
        if datei.exists():
            datei.unlink()
        ergebnis = messen(args.anzahl, datei)
    ergebnis["last"] = last
    print(_tabelle(ergebnis))
    if not args.ohne_readme:
        _readme(ergebnis)
    return 0


if __name__ == "__main__":
    sys.exit(main())
