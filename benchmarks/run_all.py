"""Run every ``benchmarks/*_benchmark.py`` in turn (``make bench``).

    .venv/bin/python benchmarks/run_all.py [NAME ...]

Each benchmark runs as its own process with this interpreter and its default arguments,
so one benchmark's imports and caches do not affect the next. With NAMEs (e.g. ``rules``)
only the benchmarks whose file name starts with one of them run. Exits non-zero if any
benchmark fails; the others still run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    namen = sys.argv[1:] if argv is None else argv
    skripte = sorted(HIER.glob("*_benchmark.py"))
    if namen:
        skripte = [s for s in skripte if any(s.name.startswith(n) for n in namen)]
    if not skripte:
        print("Keine Benchmarks gefunden.", file=sys.stderr)
        return 1
    fehlgeschlagen = []
    for skript in skripte:
        print(f"=== {skript.name}", flush=True)
        start = time.perf_counter()
        lauf = subprocess.run([sys.executable, str(skript)], cwd=HIER.parent, check=False)
        print(f"=== {skript.name}: Rückgabewert {lauf.returncode}, {time.perf_counter() - start:.1f} s", flush=True)
        if lauf.returncode != 0:
            fehlgeschlagen.append(skript.name)
    if fehlgeschlagen:
        print(f"Fehlgeschlagen: {', '.join(fehlgeschlagen)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
