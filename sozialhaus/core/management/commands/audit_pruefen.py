"""``manage.py audit_pruefen``: recompute the hash chain of the audit trail (exit status 1 if it is broken)."""

from django.core.management.base import BaseCommand, CommandError

from sozialhaus.core.audit import AuditEintrag, pruefe_kette


class Command(BaseCommand):
    help = "Prüft die Hash-Kette des Zugriffsprotokolls auf Veränderungen und Lücken."

    def handle(self, *args, **options):
        anzahl = AuditEintrag.objects.count()
        fehler = pruefe_kette()
        if fehler:
            for meldung in fehler:
                self.stderr.write(meldung)
            raise CommandError(f"Protokollkette beschädigt: {len(fehler)} Fehler bei {anzahl} Einträgen.")
        self.stdout.write(self.style.SUCCESS(f"Protokollkette intakt: {anzahl} Einträge geprüft."))
