"""``manage.py demo_laden``: the demo Kreis (Landkreis Wesermarsch) with synthetic persons; idempotent."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats

from sozialhaus.cases.demo_faelle import lade_demo_faelle
from sozialhaus.core.models import Rechtskreis
from sozialhaus.payments.demo import lade_demo_zahllauf
from sozialhaus.people.demo_personen import ANZAHL_BGS, SEED, lade_demo


class Command(BaseCommand):
    help = (
        "Lädt den Demo-Kreis: Organisation (Träger, Gemeinden, Dienststellen, Zuständigkeitsmatrix, Demo-Zugänge) "
        "und synthetische Bedarfsgemeinschaften. Ein zweiter Lauf fügt nichts hinzu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bgs", type=int, default=ANZAHL_BGS, help=f"Anzahl Bedarfsgemeinschaften (Standard {ANZAHL_BGS})"
        )
        parser.add_argument("--seed", type=int, default=SEED, help=f"Startwert des Zufallsgenerators (Standard {SEED})")
        parser.add_argument(
            "--ohne-faelle",
            action="store_true",
            help="nur Organisation und Personen laden, ohne Anträge, Entscheidungen und Bescheide der Demo-Fälle",
        )

    def handle(self, *args, bgs: int, seed: int, ohne_faelle: bool = False, **options):
        if bgs < 0:
            raise CommandError("Die Anzahl der Bedarfsgemeinschaften darf nicht negativ sein.")
        start = time.perf_counter()
        statistik = lade_demo(bgs, seed)
        dauer = time.perf_counter() - start
        if statistik is None:
            self.stdout.write(f"Demo-Kreis ist bereits geladen – nichts hinzugefügt ({dauer:.1f} s).")
        else:
            self._statistik(statistik, dauer, options["verbosity"])
        if not ohne_faelle:
            self._faelle()
            self._zahllauf()

    def _faelle(self):
        start = time.perf_counter()
        faelle = lade_demo_faelle()
        dauer = time.perf_counter() - start
        if not faelle:
            self.stdout.write(f"Demo-Fälle sind bereits geladen – nichts hinzugefügt ({dauer:.1f} s).")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Fälle geladen: {len(faelle.entscheidungen)} Entscheidungen mit {faelle.bescheide} Bescheiden "
                f"(davon {faelle.automatisch} automatisch nach § 31a SGB X), {len(faelle.offene_antraege)} offene "
                f"Anträge, {len(faelle.dokumente)} Dokument(e) in der E-Akte in {dauer:.1f} s."
            )
        )

    def _zahllauf(self):
        lauf = lade_demo_zahllauf()
        if lauf is None:
            self.stdout.write("Demo-Zahllauf: nichts fällig.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Zahllauf {lauf.monat:%m/%Y}: {lauf.anzahl} Zahlungen über "
                f"{formats.number_format(lauf.summe, 2, use_l10n=True, force_grouping=True)} € "
                f"({lauf.get_status_display()})."
            )
        )

    def _statistik(self, statistik, dauer, verbosity):
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Kreis geladen: {statistik.bgs} Bedarfsgemeinschaften, {statistik.personen} Personen, "
                f"{statistik.haushalte} Haushalte in {dauer:.1f} s."
            )
        )
        if verbosity >= 2:
            for slug, anzahl in statistik.nach_gemeinde.most_common():
                self.stdout.write(f"  {slug:<12} {anzahl:>6}")
            for rechtskreis, anzahl in statistik.nach_rechtskreis.most_common():
                self.stdout.write(f"  {Rechtskreis(rechtskreis).label:<75} {anzahl:>6}")
