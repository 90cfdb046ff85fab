"""``manage.py forderungen_mahnen``: daily run that files a Mahnung and a Postkorb task for every overdue Rate."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from sozialhaus.claims.mahnung import mahnungen_erstellen


class Command(BaseCommand):
    help = "Legt Mahnungen und Postkorb-Aufgaben für überfällige Raten von Forderungen an."

    def add_arguments(self, parser):
        parser.add_argument("--heute", type=date.fromisoformat, help="Stichtag (JJJJ-MM-TT), Standard: heute")

    def handle(self, *args, heute=None, **options):
        anzahl = mahnungen_erstellen(heute or timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"{anzahl} Mahnung(en) zu überfälligen Raten angelegt."))
