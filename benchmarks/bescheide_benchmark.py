"""Benchmark: deciding and rendering 1,000 Bescheide (Bewilligung of an SGB II Erstantrag → Bescheid as PDF/A).

    make bench                                                        # all benchmarks (benchmarks/run_all.py)
    .venv/bin/python benchmarks/bescheide_benchmark.py [--anzahl 1000] [--aufwaermen 5] [--ohne-readme]

Builds a fresh SQLite database in a temporary directory (never the project's db.sqlite3): the demo organisation,
synthetic households of the demo generator (``sozialhaus.people.demo_personen``, seed 3461) until there are enough
SGB II Bedarfsgemeinschaften, and one entscheidungsreif Erstantrag per BG, written with ``bulk_create`` (not timed).
Then, one after the other as ``sb.kreis``: ``cases.services.bewilligen`` — calculation of the 12 months, the
immutable Entscheidung with its Leistungsmonate, the audit entries and, through the signal ``entscheidung_erlassen``,
``notices.services.bescheid_erstellen`` (PDF/A rendered with WeasyPrint, filed in the E-Akte) — each in its own
transaction, as the UI does. Timed per Bescheid: the whole call (*decide + render*) and, inside it, the PDF
rendering alone (``notices.pdf.bescheid_pdf``). An Antrag ``bewilligen`` refuses (no claim in any month, which would
be an Ablehnung, or missing facts) is counted with its reason and not part of the statistics; the next one is taken.
The Anträge are received on 2 January 2026, so their 12 months lie in the last year the engine has parameters for.
"""

import argparse
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import nullcontext
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.readme_abschnitt import abschnitt_schreiben, prozessor  # noqa: E402

EINGANG = date(2026, 1, 2)
"""Day the Anträge are received: their 12 months (§ 41 Abs. 3 SGB II) lie in 2026, the last year the engine has
parameters for; only BGs with a member on that day are taken."""
RESERVE = 1.1
"""Anträge created per Bescheid wanted: some demo households have no claim (income or Vermögen too high)."""


def _aufbau(anzahl_antraege: int) -> list:
    """Demo organisation, households until ``anzahl_antraege`` SGB II BGs exist, one entscheidungsreif Erstantrag
    each (bulk, no services: this part is not measured). Returns the Anträge in creation order."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from sozialhaus.cases.models import Antrag
    from sozialhaus.core.demo import lade_organisation
    from sozialhaus.core.models import Benutzer, Rechtskreis
    from sozialhaus.people.demo_personen import plane, reserviere, schreibe
    from sozialhaus.people.models import Bedarfsgemeinschaft

    traeger = lade_organisation()
    zaehler = {"sgb2": 0}

    def bis_genug():
        for haushalt in plane(10**6):
            if zaehler["sgb2"] >= anzahl_antraege:
                return
            zaehler["sgb2"] += sum(bg.rechtskreis == Rechtskreis.SGB2 and bg.beginn <= EINGANG for bg in haushalt.bgs)
            yield haushalt

    schreibe(bis_genug(), traeger, batch=2000)
    bgs = list(
        Bedarfsgemeinschaft.objects.filter(rechtskreis=Rechtskreis.SGB2, mitgliedschaften__gueltig_ab__lte=EINGANG)
        .distinct()
        .select_related("dienststelle")
        .order_by("id")[:anzahl_antraege]
    )
    jahr = date.today().year
    erste = reserviere(f"antrag-{traeger.regionalschluessel}-{jahr}", len(bgs))
    sachbearbeiter = Benutzer.objects.get(username="sb.kreis")
    Antrag.objects.bulk_create(
        Antrag(
            aktenzeichen=f"{traeger.regionalschluessel}-A-{jahr}-{erste + i:06d}",
            bedarfsgemeinschaft=bg,
            rechtskreis=bg.rechtskreis,
            art=Antrag.Art.ERSTANTRAG,
            eingegangen_am=EINGANG,
            wirkt_ab=EINGANG.replace(day=1),  # § 37 Abs. 2 Satz 2 SGB II
            dienststelle=bg.dienststelle,
            bearbeiter=sachbearbeiter,
            status=Antrag.Status.ENTSCHEIDUNGSREIF,
        )
        for i, bg in enumerate(bgs)
    )
    return list(Antrag.objects.filter(bedarfsgemeinschaft__in=bgs).order_by("id"))


def messen(anzahl: int, aufwaermen: int) -> dict:
    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sozialhaus.cases import services
    from sozialhaus.core.models import Benutzer
    from sozialhaus.notices import pdf

    start = time.perf_counter()
    antraege = _aufbau(int((anzahl + aufwaermen) * RESERVE) + 10)
    aufbau = time.perf_counter() - start

    render: list[float] = []
    original = pdf.bescheid_pdf

    def bescheid_pdf_gemessen(**daten):  # services call pdf.bescheid_pdf through the module attribute
        t = time.perf_counter()
        inhalt = original(**daten)
        render.append(time.perf_counter() - t)
        return inhalt

    pdf.bescheid_pdf = bescheid_pdf_gemessen
    benutzer = Benutzer.objects.get(username="sb.kreis")
    gesamt, nur_render, abgelehnt, gruende, abfragen = [], [], 0, Counter(), None
    antraege_iter = iter(antraege)
    lauf_start = None
    while len(gesamt) < anzahl:
        antrag = next(antraege_iter, None)
        if antrag is None:
            raise SystemExit(
                f"Zu wenige bewilligungsfähige Anträge: {len(gesamt)} von {anzahl} Bescheiden; Gründe: {dict(gruende)}"
            )
        if lauf_start is None and aufwaermen <= 0:
            lauf_start = time.perf_counter()
        zaehlen = CaptureQueriesContext(connection) if aufwaermen == 1 else nullcontext()
        t = time.perf_counter()
        try:
            with zaehlen:
                services.bewilligen(benutzer, antrag)
        except ValidationError as fehler:  # e.g. no claim in the whole period: no Bescheid, not counted
            abgelehnt += 1
            gruende[re.sub(r"\d{5,}", "…", fehler.messages[0])[:90]] += 1  # numbers out: one line per reason
            continue
        dauer = time.perf_counter() - t
        if aufwaermen > 0:
            aufwaermen -= 1
            abfragen = len(zaehlen) if aufwaermen == 0 else abfragen
            continue
        gesamt.append(dauer)
        nur_render.append(render[-1])
    laufzeit = time.perf_counter() - lauf_start
    pdf.bescheid_pdf = original
    return {
        "anzahl": len(gesamt),
        "abgelehnt": abgelehnt,
        "gruende": dict(gruende),
        "abfragen": abfragen,
        "aufbau_s": aufbau,
        "gesamt": gesamt,
        "render": nur_render,
        "laufzeit_s": laufzeit,
        **_beispiel(),
    }


def _beispiel() -> dict:
    """Size and pages of the last Bescheid, to show what was rendered."""
    from io import BytesIO

    from pypdf import PdfReader

    from sozialhaus.notices.models import Bescheid

    inhalt = bytes(Bescheid.objects.select_related("dokument").order_by("-id").first().dokument.inhalt)
    return {"bytes_letzter": len(inhalt), "seiten_letzter": len(PdfReader(BytesIO(inhalt)).pages)}


def _p90(werte: list[float]) -> float:
    return statistics.quantiles(werte, n=10, method="inclusive")[-1] if len(werte) > 1 else werte[0]


def kennzahlen(e: dict) -> dict:
    """Median and p90 in milliseconds of decide + render, render only and the rest (calculation, database)."""
    rest = [g - r for g, r in zip(e["gesamt"], e["render"], strict=True)]
    return {
        name: {"median_ms": statistics.median(werte) * 1000, "p90_ms": _p90(werte) * 1000}
        for name, werte in (("gesamt", e["gesamt"]), ("render", e["render"]), ("rest", rest))
    }


TEXT = """
## Bescheide (decide and render)

What: time to decide an Antrag and produce its Bescheid, the way the UI does it: `cases.services.bewilligen` as
`sb.kreis` — the engine for the 12 months of the Bewilligungszeitraum (§ 41 Abs. 3 SGB II), the immutable
Entscheidung with its Leistungsmonate, audit entries, and through the signal `entscheidung_erlassen`
`notices.services.bescheid_erstellen` (Bescheid as PDF/A-2a with WeasyPrint, Berechnungsbogen and plain-language
explanation, filed in the E-Akte) — one transaction per Bescheid, one after the other, in one process. *decide +
render* is the whole call; *render only* is `notices.pdf.bescheid_pdf` (HTML template → PDF/A) inside it; *rest* is
the difference (calculation, queries, writes, audit, commit). Not timed: building the data.

Data: a fresh SQLite file in a temporary directory; the demo organisation and households of the demo generator
(`sozialhaus/people/demo_personen.py`, seed 3461) until there are enough SGB II Bedarfsgemeinschaften (singles,
couples, families; income, Kindergeld, Vermögen and rents with history), one entscheidungsreif Erstantrag per BG
that existed on 2 January 2026, received that day and written with `bulk_create` (so the 12 months lie in 2026, the
last year the engine has parameters for). An Antrag `bewilligen` refuses (no claim in any month, i.e. an Ablehnung,
or missing facts) is counted and skipped. The first Bescheide are a warm-up (WeasyPrint loads fonts) and not counted.

How to run: `make bench`, or `.venv/bin/python benchmarks/bescheide_benchmark.py [--anzahl 1000] [--aufwaermen 5]
[--ohne-readme]` (`--anzahl 10` for a quick check). 1,000 Bescheide take about {{MINUTEN}} minutes here. The script
rewrites this section only. The machine (2 cores) is shared with other engineers running tests and benchmarks at
the same time, so single Bescheide vary with their load (load average below); the median is the robust figure.

{{KOPF}}

{{ERGEBNISSE}}

Rendering the PDF/A (WeasyPrint: layout, font subsetting, PDF/A tagging) is {{ANTEIL}} % of the median; the
decision itself (12 engine months, {{ABFRAGEN}} SQL statements per Bescheid, audit hash chain, commit) is the
smaller part.
"""


def _readme(e: dict, k: dict, last: str) -> None:
    import sqlite3
    from datetime import UTC, datetime

    kopf = (
        f"Last measured: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {prozessor()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()} "
        f"{platform.release()}. {last}"
    )
    zeilen = [
        "| per Bescheid | median ms | p90 ms |",
        "|---|---:|---:|",
        *(
            f"| {titel} | {k[name]['median_ms']:,.0f} | {k[name]['p90_ms']:,.0f} |"
            for name, titel in (
                ("gesamt", "**decide + render**"),
                ("render", "render only (PDF/A)"),
                ("rest", "rest (calculation, database, audit)"),
            )
        ),
    ]
    ergebnisse = (
        f"{e['anzahl']:,} Bescheide in **{e['laufzeit_s']:,.1f} s** in total "
        f"({e['anzahl'] / e['laufzeit_s']:.2f} Bescheide per second; {e['abgelehnt']} Anträge refused by "
        f"`bewilligen` and skipped, included in the total); building the data {e['aufbau_s']:.0f} s. A Bescheid PDF of "
        f"{e['seiten_letzter']} pages is about {e['bytes_letzter'] / 1024:,.0f} KiB.\n\n" + "\n".join(zeilen)
    )
    minuten = max(1, round(e["laufzeit_s"] * 1000 / e["anzahl"] / 60))
    anteil = round(100 * k["render"]["median_ms"] / k["gesamt"]["median_ms"])
    abfragen = "its" if e["abfragen"] is None else f"{e['abfragen']}"
    text = (
        TEXT.replace("{{ABFRAGEN}}", abfragen)
        .replace("{{MINUTEN}}", str(minuten))
        .replace("{{ANTEIL}}", str(anteil))
        .replace("{{KOPF}}", kopf)
        .replace("{{ERGEBNISSE}}", ergebnisse)
    )
    abschnitt_schreiben("bescheide-benchmark", text)


def _last() -> tuple[float, float]:
    """Load average over 1 and 5 minutes (how busy the shared machine is)."""
    eins, fuenf, _ = os.getloadavg()
    return eins, fuenf


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anzahl", type=int, default=1000, help="Bescheide to measure")
    parser.add_argument("--aufwaermen", type=int, default=5, help="Bescheide before measuring (not counted)")
    parser.add_argument("--ohne-readme", action="store_true", help="do not rewrite the section in benchmarks/README.md")
    args = parser.parse_args(argv)
    if args.anzahl < 1 or args.aufwaermen < 0:
        parser.error("--anzahl muss mindestens 1 sein, --aufwaermen mindestens 0.")
    last_vorher = _last()
    with tempfile.TemporaryDirectory(prefix="bescheide-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(tmp, 'benchmark.sqlite3')}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialhaus.settings.base")
        ergebnis = messen(args.anzahl, args.aufwaermen)
    k = kennzahlen(ergebnis)
    last_nachher = _last()
    last = (
        f"Load average before: {last_vorher[0]:.2f}, at the end: {last_nachher[0]:.2f} (5 min: {last_nachher[1]:.2f})."
    )
    print(
        f"{ergebnis['anzahl']} Bescheide in {ergebnis['laufzeit_s']:.1f} s ({ergebnis['abgelehnt']} Anträge nicht "
        f"bewilligt, übersprungen), Aufbau {ergebnis['aufbau_s']:.1f} s. {last}"
    )
    for grund, n in ergebnis["gruende"].items():
        print(f"nicht bewilligt ({n}×): {grund}…")
    for name, werte in k.items():
        print(f"{name:7s} Median {werte['median_ms']:8.1f} ms   p90 {werte['p90_ms']:8.1f} ms")
    if not args.ohne_readme:
        _readme(ergebnis, k, last)
    return ergebnis


if __name__ == "__main__":
    main()
