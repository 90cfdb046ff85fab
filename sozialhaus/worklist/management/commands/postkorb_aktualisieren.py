"""``manage.py postkorb_aktualisieren``: daily run that files reminder tasks for missed Mitwirkungsfristen."""

from datetime import date

from django.core.management.base import BaseCommand

from sozialhaus.worklist.services import mitwirkung_pruefen


class Command(BaseCommand):
    help = "Legt Postkorb-Aufgaben für abgelaufene Mitwirkungsfristen an (§ 66 SGB I)."

    def add_arguments(self, parser):
        parser.add_argument("--heute", type=date.fromisoformat, help="Stichtag (JJJJ-MM-TT), Standard: heute")

    def handle(self, *args, heute=None, **options):
        anzahl = mitwirkung_pruefen(heute or date.today())
        self.stdout.write(self.style.SUCCESS(f"{anzahl} Aufgabe(n) zu abgelaufenen Mitwirkungsfristen angelegt."))
