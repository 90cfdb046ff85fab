"""``manage.py ruecklaeufer_einlesen DATEI [--benutzer NAME]``: book the returned transfers of a camt.054 file.

Prints the German report (docs/payments.md). Exit status 1 when the file is refused (not camt.054.001.08, invalid
against the schema, user not Zahlstelle) — nothing was booked; 2 when the file was read but some returns could not
be matched (listed as NICHT VERARBEITET; the matched ones are booked).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sozialhaus.core.models import Benutzer
from sozialhaus.payments.camt import ruecklaeufer_einlesen


class Command(BaseCommand):
    help = "Rückläufer (zurückgekommene SEPA-Überweisungen) aus einer camt.054-Datei der Bank verbuchen."

    def add_arguments(self, parser):
        parser.add_argument("datei", help="camt.054.001.08-Datei (XML)")
        parser.add_argument("--benutzer", help="wer einliest (Zahlstelle; ohne Angabe: maschinell)")

    def handle(self, *args, **o):
        benutzer = None
        if o["benutzer"]:
            benutzer = Benutzer.objects.filter(username=o["benutzer"]).first()
            if benutzer is None:
                raise CommandError(f"Benutzer/in »{o['benutzer']}« ist nicht bekannt.")
        try:
            inhalt = Path(o["datei"]).read_bytes()
        except OSError as fehler:
            raise CommandError(f"Die Datei {o['datei']} kann nicht gelesen werden: {fehler.strerror}.")
        try:
            bericht = ruecklaeufer_einlesen(benutzer, inhalt, kanal="cli")
        except ValidationError as fehler:
            raise CommandError(" ".join(fehler.messages))
        for zeile in bericht.zeilen():
            self.stdout.write(zeile)
        if bericht.nicht_verarbeitet:
            raise CommandError(
                f"{len(bericht.nicht_verarbeitet)} Rückläufer konnten nicht zugeordnet werden (siehe oben).",
                returncode=2,
            )
