"""Mixed-workload benchmark of the rules engine: every registered benefit, household-months per second.

    make bench                                             # all benchmarks (benchmarks/run_all.py)
    .venv/bin/python benchmarks/rules_mixed_benchmark.py [--je-leistung 5000] [--ohne-readme]

For every ``leistung`` registered in ``sozialhaus.rules.LEISTUNGEN`` it generates random household-months: the
Bürgergeld households of the shared generator (``tests/rules/zufallshaushalte.py``, seeded) plus, by a small
generator here, the extra fields the other benefits read (Mietenstufe for Wohngeld, Aufenthaltsdauer for the
AsylbLG, school data for Bildung und Teilhabe, non-erwerbsfähige persons for the SGB XII, a granted Wohngeld for
some Kinderzuschlag and Vorrang households). Then, in this process (one core):

- per benefit: the loop of ``sozialhaus.rules.berechne`` calls over its households (generation not counted);
- overall: the same household-months in one shuffled list, as a mixed production workload would arrive.

Lines that end in ``{"fehler": ...}`` are counted and reported (they are calculated too, so they are part of the
timing). Prints the table and writes it into the section "Rules engine (all benefits, mixed)" of
benchmarks/README.md between its own markers; other sections stay untouched.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme_abschnitt import abschnitt_schreiben, prozessor  # noqa: E402
from sozialhaus.rules import LEISTUNGEN, berechne  # noqa: E402
from tests.rules.zufallshaushalte import zufallshaushalt  # noqa: E402

SEED = 20261122


# ----------------------------------------------------------------------------------------------------------------
# Extra fields per benefit (on top of a random Bürgergeld household)
# ----------------------------------------------------------------------------------------------------------------


def _monate_zurueck(monat: str, anzahl: int) -> dt.date:
    jahr, mon = divmod(int(monat[:4]) * 12 + int(monat[5:]) - 1 - anzahl, 12)
    return dt.date(jahr, mon + 1, 15)


def _alter(geburtsdatum: str, monat: str) -> int:
    g = dt.date.fromisoformat(geburtsdatum)
    return int(monat[:4]) - g.year - (1 if g.month > int(monat[5:]) else 0)


def _wohngeld(rng: random.Random, h: dict) -> dict:
    h["unterkunft"]["mietenstufe"] = rng.randint(1, 7)
    return h


def _kinderzuschlag(rng: random.Random, h: dict) -> dict:
    if rng.random() < 0.5:
        h["wohngeld_bewilligt"] = f"{rng.randint(0, 400)}.00"
    return h


def _vorrang(rng: random.Random, h: dict) -> dict:
    _wohngeld(rng, h)
    if rng.random() < 0.3:
        h["wohngeld_bewilligt"] = f"{rng.randint(0, 400)}.00"
    return h


def _asylblg(rng: random.Random, h: dict) -> dict:
    seit = _monate_zurueck(h["monat"], rng.randint(0, 48)).isoformat()
    for p in h["personen"]:
        p["aufenthalt_seit"] = seit
    return h


def _but(rng: random.Random, h: dict) -> dict:
    kinder = []
    for p in h["personen"]:
        alter = _alter(p["geburtsdatum"], h["monat"])
        if alter < 18 and p["id"].startswith("k"):
            kinder.append(
                {
                    "id": p["id"],
                    "geburtsdatum": p["geburtsdatum"],
                    "schueler": alter >= 6,
                    "kita": alter < 6,
                    "teilhabe": True,
                }
            )
    if not kinder:
        kinder.append({"id": "k1", "geburtsdatum": _monate_zurueck(h["monat"], 12 * 9).isoformat(), "schueler": True})
    return {
        "monat": h["monat"],
        "leistung": "but",
        "rechtskreis": rng.choice(["sgb2", "sgb12", "wohngeld", "kinderzuschlag", "asylblg"]),
        "kinder": kinder,
    }


def _hlu(rng: random.Random, h: dict) -> dict:
    for p in h["personen"]:
        p["erwerbsfaehig"] = False
    return h


def _grundsicherung(rng: random.Random, h: dict) -> dict:
    """Adults only (4. Kapitel: partners, § 43 Abs. 1 SGB XII), dauerhaft voll erwerbsgemindert or old."""
    erwachsene = [p for p in h["personen"] if not p["id"].startswith("k")]
    ids = {p["id"] for p in erwachsene}
    for p in erwachsene:
        p["erwerbsfaehig"] = False
        if rng.random() < 0.5:
            p["dauerhaft_voll_erwerbsgemindert"] = True
            p["voll_erwerbsgemindert"] = True
        else:
            g = dt.date.fromisoformat(p["geburtsdatum"])
            p["geburtsdatum"] = g.replace(year=g.year - rng.randint(20, 40)).isoformat()
        p["einkommen"] = [e for e in p["einkommen"] if e["art"] != "kindergeld"]  # the children are not included
        if rng.random() < 0.6:
            p["einkommen"] = [{"art": "rente", "betrag": f"{rng.randint(100, 1400)}.00"}]
    h["personen"] = erwachsene
    h["beziehungen"] = [b for b in h["beziehungen"] if b["von"] in ids and b["zu"] in ids]
    h["unterkunft"]["personen_im_haushalt"] = len(erwachsene)
    return h


ZUSATZ: dict[str, Callable[[random.Random, dict], dict]] = {
    "wohngeld": _wohngeld,
    "kinderzuschlag": _kinderzuschlag,
    "vorrang": _vorrang,
    "asylblg": _asylblg,
    "but": _but,
    "hilfe_zum_lebensunterhalt": _hlu,
    "grundsicherung_alter_erwerbsminderung": _grundsicherung,
}


def haushalt(rng: random.Random, leistung: str) -> dict:
    """One random household-month for ``leistung`` (Bürgergeld household plus the benefit's extra fields)."""
    h = copy.deepcopy(zufallshaushalt(rng))
    h["leistung"] = leistung
    zusatz = ZUSATZ.get(leistung)
    return zusatz(rng, h) if zusatz else h


# ----------------------------------------------------------------------------------------------------------------
# Measurement
# ----------------------------------------------------------------------------------------------------------------


def messen(haushalte: list[dict]) -> tuple[float, int]:
    """Time the calls; results are not kept (as in the JSON Lines stream, where each line is written and dropped),
    so the garbage collector does not slow down the larger mixed run more than the per-benefit runs."""
    fehler = 0
    start = time.perf_counter()
    for h in haushalte:
        if "fehler" in berechne(h):
            fehler += 1
    return time.perf_counter() - start, fehler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--je-leistung", type=int, default=5_000, help="household-months per benefit (5000)")
    parser.add_argument("--ohne-readme", action="store_true", help="do not write benchmarks/README.md")
    args = parser.parse_args(argv)

    rng = random.Random(SEED)
    leistungen = list(LEISTUNGEN)
    je_leistung = {name: [haushalt(rng, name) for _ in range(args.je_leistung)] for name in leistungen}
    # Warm-up: parameters of every month are resolved and cached once per benefit (as in a long-running process).
    for haushalte in je_leistung.values():
        for h in haushalte[:200]:
            berechne(h)

    zeilen = []
    for name in leistungen:
        sekunden, fehler = messen(je_leistung[name])
        zeilen.append((name, len(je_leistung[name]), sekunden, fehler))
    gemischt = [h for haushalte in je_leistung.values() for h in haushalte]
    random.Random(SEED + 1).shuffle(gemischt)
    sek_gesamt, fehler_gesamt = messen(gemischt)

    jetzt = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    tabelle = ["| leistung | household-months | seconds | household-months per second | lines with `fehler` |"]
    tabelle.append("|---|---:|---:|---:|---:|")
    for name, anzahl, sekunden, fehler in zeilen:
        tabelle.append(f"| `{name}` | {anzahl:,} | {sekunden:.2f} | {anzahl / sekunden:,.0f} | {fehler / anzahl:.1%} |")
    n = len(gemischt)
    tabelle.append(
        f"| **all, mixed (shuffled)** | {n:,} | {sek_gesamt:.2f} | **{n / sek_gesamt:,.0f}** | {fehler_gesamt / n:.1%} |"
    )
    abschnitt = f"""## Rules engine (all benefits, mixed)

What: household-months per second of `sozialhaus.rules.berechne` for every benefit registered in
`sozialhaus.rules.LEISTUNGEN` at the time of the run ({len(leistungen)}), one process, one core, pure Python with
`Decimal`. Households: the seeded Bürgergeld generator `tests/rules/zufallshaushalte.py` (months 2023-01 to
2026-06) plus the extra fields of each benefit from `benchmarks/rules_mixed_benchmark.py` (seed {SEED}),
{args.je_leistung:,} per benefit; the last row calculates all of them again in one shuffled list. Generation is not
timed; parameters are warmed up once. `vorrang` calls Bürgergeld, Wohngeld and Kinderzuschlag (and Kinderzuschlag
calls the SGB II engine once more for its Hilfebedürftigkeit check), so it is the slowest by design. Lines that end
in a `fehler` (input the benefit refuses, e.g. no erwerbsfähige person for Kinderzuschlag) are timed as well.

How to run: `make bench` or `.venv/bin/python benchmarks/rules_mixed_benchmark.py [--je-leistung 5000]
[--ohne-readme]`. The script rewrites this section only.

Last measured: {jetzt} on {prozessor()}, Python {platform.python_version()}.

{chr(10).join(tabelle)}
"""
    print(abschnitt)
    if not args.ohne_readme:
        abschnitt_schreiben("rules-mixed-benchmark", abschnitt)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
