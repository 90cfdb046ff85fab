"""Benchmark of the rules engine (Bürgergeld) against GETTSIM on the same random households.

    make bench                                   # all benchmarks (benchmarks/run_all.py)
    .venv/bin/python benchmarks/rules_benchmark.py [--haushalte 100000] [--wiederholungen 3] [--ohne-readme]

Generates household-months with the generator of the differential test
(tests/rules/zufallshaushalte.py, seeded), then

- Sozialhaus: calls ``sozialhaus.rules.berechne`` for each household-month, one after the
  other, in this process (one core); measured is the loop over the calls, not generating
  the input;
- GETTSIM: hands the same households as JSON Lines to tests/rules/gettsim_oracle.py in
  .venv-gettsim (numpy limited to one thread) and takes the time the oracle reports for
  GETTSIM itself: building and specialising each policy environment ("Umgebung", once per
  GETTSIM policy regime) plus the vectorised calculation ("Berechnung"); starting Python,
  importing GETTSIM and reading/writing JSON are not counted;
- repeats both (default 3 times) and keeps the fastest run of each;
- compares the claims of both (as the differential test does) and

prints the results and writes them into the section "Rules engine (Bürgergeld)" of
benchmarks/README.md (between its markers; other sections stay untouched).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme_abschnitt import README, abschnitt_schreiben, prozessor  # noqa: E402
from sozialhaus.rules import berechne  # noqa: E402
from tests.rules.zufallshaushalte import zufallshaushalte  # noqa: E402

GETTSIM_PYTHON = ROOT / ".venv-gettsim" / "bin" / "python"
ORAKEL = ROOT / "tests" / "rules" / "gettsim_oracle.py"
SEED = 20260301


def sozialhaus_messen(haushalte: list[dict]) -> tuple[list[dict], float]:
    """Time the engine alone: as ``timeit`` does, the garbage collector is off while timing, so its scans of the
    100,000 inputs and results kept for the comparison are not counted (the JSON Lines stream keeps none)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        ergebnisse = [berechne(h) for h in haushalte]
        return ergebnisse, time.perf_counter() - start
    finally:
        gc.enable()


def gettsim_messen(haushalte: list[dict]) -> tuple[list[dict], dict]:
    if not GETTSIM_PYTHON.exists():
        sys.exit(f"GETTSIM-Umgebung fehlt ({GETTSIM_PYTHON}): bitte `make gettsim-venv` ausführen.")
    umgebung = dict(os.environ)
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        umgebung[variable] = "1"
    eingabe = "".join(json.dumps(h, ensure_ascii=False) + "\n" for h in haushalte)
    lauf = subprocess.run(
        [str(GETTSIM_PYTHON), str(ORAKEL), "--zusammenfassung"],
        input=eingabe,
        capture_output=True,
        text=True,
        env=umgebung,
        cwd=ROOT,
        check=False,
    )
    if lauf.returncode != 0:
        sys.exit(f"GETTSIM-Orakel fehlgeschlagen:\n{lauf.stderr[-4000:]}")
    ergebnisse = [json.loads(z) for z in lauf.stdout.splitlines()]
    zusammenfassung = json.loads(lauf.stderr.strip().splitlines()[-1])["gettsim"]
    return ergebnisse, zusammenfassung


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--haushalte", type=int, default=100_000, help="number of household-months (100000)")
    parser.add_argument("--wiederholungen", type=int, default=3, help="runs of each, the best counts (3)")
    parser.add_argument("--ohne-readme", action="store_true", help="do not write benchmarks/README.md")
    args = parser.parse_args(argv)

    haushalte = zufallshaushalte(args.haushalte, SEED)
    n = len(haushalte)
    personen = sum(len(h["personen"]) for h in haushalte)

    # Best of several runs for both: the machine is shared, the least disturbed run counts.
    last = os.getloadavg()[0]
    laeufe_s = [sozialhaus_messen(haushalte) for _ in range(args.wiederholungen)]
    sozialhaus, sek_sozialhaus = min(laeufe_s, key=lambda lauf: lauf[1])
    laeufe_g = [gettsim_messen(haushalte) for _ in range(args.wiederholungen)]
    gettsim, zusammenfassung = min(
        laeufe_g, key=lambda lauf: lauf[1]["sekunden_umgebung"] + lauf[1]["sekunden_berechnung"]
    )
    sek_gettsim = zusammenfassung["sekunden_umgebung"] + zusammenfassung["sekunden_berechnung"]

    gleich = sum(
        1
        for s, g in zip(sozialhaus, gettsim, strict=True)
        if "fehler" not in s and s.get("anspruch") == g.get("anspruch")
    )
    rate_s = n / sek_sozialhaus
    rate_g = n / sek_gettsim
    rate_g_rein = n / zusammenfassung["sekunden_berechnung"]
    ergebnis = {
        "datum": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "haushalte": n,
        "personen": personen,
        "wiederholungen": args.wiederholungen,
        "last_vorher": round(last, 2),
        "sozialhaus_sekunden_alle": [round(lauf[1], 3) for lauf in laeufe_s],
        "gettsim_sekunden_alle": [
            round(lauf[1]["sekunden_umgebung"] + lauf[1]["sekunden_berechnung"], 3) for lauf in laeufe_g
        ],
        "sozialhaus_sekunden": round(sek_sozialhaus, 3),
        "sozialhaus_je_sekunde": round(rate_s),
        "gettsim_version": zusammenfassung["version"],
        "gettsim_regime": len(zusammenfassung["regime"]),
        "gettsim_sekunden_umgebung": zusammenfassung["sekunden_umgebung"],
        "gettsim_sekunden_berechnung": zusammenfassung["sekunden_berechnung"],
        "gettsim_je_sekunde": round(rate_g),
        "gettsim_je_sekunde_nur_berechnung": round(rate_g_rein),
        "verhaeltnis": round(rate_s / rate_g, 2),
        "verhaeltnis_nur_berechnung": round(rate_s / rate_g_rein, 2),
        "uebereinstimmung_auf_den_cent": round(gleich / n, 4),
    }
    print(json.dumps(ergebnis, indent=2, ensure_ascii=False))

    maschine = (
        f"{prozessor()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )
    abschnitt = f"""## Rules engine (Bürgergeld)

What: household-months per second of the Bürgergeld calculation, Sozialhaus
(`sozialhaus.rules.berechne`, pure Python with `Decimal`, one call per household-month,
one process, one core) against GETTSIM {ergebnis["gettsim_version"]} (vectorised numpy, run
through `tests/rules/gettsim_oracle.py` in `.venv-gettsim`, numpy limited to one thread) on
the same {n:,} random household-months ({personen:,} persons) of the differential test's
generator (`tests/rules/zufallshaushalte.py`, seed {SEED}, months 2023-01 to 2026-06).
GETTSIM's time is what the oracle reports for GETTSIM itself: building and specialising the
policy environment once per policy regime ({ergebnis["gettsim_regime"]} regimes) plus the
vectorised calculation; process start, `import gettsim` and JSON are not counted. Each is run
{args.wiederholungen} times and the fastest run counts (the machine is shared; load average
before the run: {last:.2f}; all runs in seconds: Sozialhaus {ergebnis["sozialhaus_sekunden_alle"]},
GETTSIM {ergebnis["gettsim_sekunden_alle"]}).

How to run: `make bench` (all benchmarks, `benchmarks/run_all.py`) or
`.venv/bin/python benchmarks/rules_benchmark.py [--haushalte 100000] [--wiederholungen 3] [--ohne-readme]`
(needs `make gettsim-venv`). The script rewrites this section.

Last measured: {ergebnis["datum"]} on {maschine}.

| | seconds | household-months per second |
|---|---:|---:|
| Sozialhaus | {sek_sozialhaus:.2f} | {rate_s:,.0f} |
| GETTSIM (environment + calculation) | {sek_gettsim:.2f} | {rate_g:,.0f} |
| GETTSIM, vectorised calculation only | {zusammenfassung["sekunden_berechnung"]:.2f} | {rate_g_rein:,.0f} |

Ratio Sozialhaus / GETTSIM (above 1: Sozialhaus is faster): **{ergebnis["verhaeltnis"]:.2f}** (against GETTSIM's calculation
alone: {ergebnis["verhaeltnis_nur_berechnung"]:.2f}). Claims equal to the cent in
{ergebnis["uebereinstimmung_auf_den_cent"]:.2%} of the household-months (see
docs/rules-gettsim.md). Target of issue 3: at least 20,000 household-months per second on
one core and faster than GETTSIM.
"""
    if not args.ohne_readme:
        abschnitt_schreiben("rules-benchmark", abschnitt)
        print(f"Ergebnis in {README.relative_to(ROOT)} geschrieben.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
