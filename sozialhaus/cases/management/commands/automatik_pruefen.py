"""``manage.py automatik_pruefen``: check every Antrag that may be decided automatically (§ 31a SGB X).

Checked are the Anträge that are entscheidungsreif and the Weiterbewilligungsanträge that are eingegangen, of
every Träger and Rechtskreis with an active ``AutomatikRegel`` (optionally of one Träger only). Each Antrag is
checked in its own transaction; the summary is printed in German.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef, Q

from sozialhaus.cases.automatik import pruefe_automatik, zusammenfassen
from sozialhaus.cases.models import Antrag, AutomatikRegel
from sozialhaus.core.models import Traeger


def zu_pruefende_antraege(traeger: Traeger | None = None):
    """Entscheidungsreife Anträge and eingegangene Weiterbewilligungen under an active rule, oldest first."""
    aktive_regel = AutomatikRegel.objects.filter(
        aktiv=True, traeger=OuterRef("dienststelle__traeger"), rechtskreis=OuterRef("rechtskreis")
    )
    antraege = Antrag.objects.filter(
        Q(status=Antrag.Status.ENTSCHEIDUNGSREIF)
        | Q(status=Antrag.Status.EINGEGANGEN, art=Antrag.Art.WEITERBEWILLIGUNG),
        Exists(aktive_regel),
    )
    if traeger is not None:
        antraege = antraege.filter(dienststelle__traeger=traeger)
    return antraege.order_by("eingegangen_am", "id")


class Command(BaseCommand):
    help = (
        "Prüft entscheidungsreife Anträge und eingegangene Weiterbewilligungsanträge auf eine automatische "
        "Entscheidung (§ 31a SGB X) und gibt eine Zusammenfassung aus."
    )

    def add_arguments(self, parser):
        parser.add_argument("--traeger", metavar="KREISSCHLUESSEL", help="nur Anträge dieses Trägers prüfen")

    def handle(self, *args, traeger=None, **options):
        gewaehlt = None
        if traeger:
            gewaehlt = Traeger.objects.filter(regionalschluessel=traeger).first()
            if gewaehlt is None:
                raise CommandError(f"Kein Träger mit dem Kreisschlüssel {traeger}.")
        pruefungen = [pruefe_automatik(antrag) for antrag in zu_pruefende_antraege(gewaehlt)]
        bericht = zusammenfassen(pruefungen)
        self.stdout.write(
            f"Automatische Entscheidung (§ 31a SGB X): {bericht['geprueft']} Anträge geprüft, "
            f"{bericht['automatisch_entschieden']} automatisch entschieden, "
            f"{bericht['an_person']} zur Bearbeitung durch eine Person."
        )
        for zeile in bericht["kriterien"]:
            if zeile["nicht_erfuellt"] or zeile["nicht_pruefbar"]:
                self.stdout.write(
                    f"  {zeile['bezeichnung']}: {zeile['nicht_erfuellt']} nicht erfüllt, "
                    f"{zeile['nicht_pruefbar']} nicht prüfbar"
                )
