"""``manage.py demo_laden``: the demo Kreis (Landkreis Wesermarsch) with synthetic persons; idempotent."""

import time

from django.core.management.base import BaseCommand, CommandError

from sozialhaus.core.models import Rechtskreis
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

    def handle(self, *args, bgs: int, seed: int, **options):
        if bgs < 0:
            raise CommandError("Die Anzahl der Bedarfsgemeinschaften darf nicht negativ sein.")
        start = time.perf_counter()
        statistik = lade_demo(bgs, seed)
        dauer = time.perf_counter() - start
        if statistik is None:
            self.stdout.write(f"Demo-Kreis ist bereits geladen – nichts hinzugefügt ({dauer:.1f} s).")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Kreis geladen: {statistik.bgs} Bedarfsgemeinschaften, {statistik.personen} Personen, "
                f"{statistik.haushalte} Haushalte in {dauer:.1f} s."
            )
        )
        if options["verbosity"] >= 2:
            for slug, anzahl in statistik.nach_gemeinde.most_common():
                self.stdout.write(f"  {slug:<12} {anzahl:>6}")
            for rechtskreis, anzahl in statistik.nach_rechtskreis.most_common():
                self.stdout.write(f"  {Rechtskreis(rechtskreis).label:<75} {anzahl:>6}")
