"""Postkorb: tasks for a caseworker or the team of a Dienststelle (Wiedervorlagen, Fristen, returned items).

Open Anträge and due Mitwirkungsfristen are shown in the Postkorb straight from the cases; an ``Aufgabe`` is what
needs a person's attention beyond that (a reminder to send, a case the automation handed over, and later a
returned payment).
"""

from django.conf import settings
from django.db import models

from sozialhaus.cases.models import Antrag
from sozialhaus.core.models import Dienststelle
from sozialhaus.people.models import Bedarfsgemeinschaft


class Aufgabe(models.Model):
    class Art(models.TextChoices):
        WIEDERVORLAGE = "wiedervorlage", "Wiedervorlage"
        MITWIRKUNG = "mitwirkung", "Mitwirkungsfrist abgelaufen"
        AUTOMATIK = "automatik", "nicht automatisch entscheidbar"
        RUECKLAEUFER = "ruecklaeufer", "Überweisung zurückgekommen"
        ABSCHLIESSEND = "abschliessend", "abschließende Entscheidung fällig (§ 41a SGB II)"
        SONSTIGES = "sonstiges", "sonstige Aufgabe"

    dienststelle = models.ForeignKey(Dienststelle, on_delete=models.PROTECT, related_name="aufgaben")
    bearbeiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aufgaben",
        verbose_name="Sachbearbeiter/in",
        help_text="Leer: Aufgabe für das Team der Dienststelle.",
    )
    art = models.CharField("Art", max_length=20, choices=Art.choices)
    text = models.CharField("Text", max_length=300)
    faellig_am = models.DateField("fällig am")
    antrag = models.ForeignKey(Antrag, on_delete=models.PROTECT, null=True, blank=True, related_name="aufgaben")
    bedarfsgemeinschaft = models.ForeignKey(
        Bedarfsgemeinschaft, on_delete=models.PROTECT, null=True, blank=True, related_name="aufgaben"
    )
    angelegt_am = models.DateTimeField("angelegt am", auto_now_add=True)
    erledigt_am = models.DateTimeField("erledigt am", null=True, blank=True)
    erledigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Aufgabe"
        verbose_name_plural = "Aufgaben"
        ordering = ["faellig_am", "id"]
        indexes = [models.Index(fields=["bearbeiter", "erledigt_am", "faellig_am"])]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.text}"

    @property
    def zugriff_ueber(self):
        return self.bedarfsgemeinschaft or (self.antrag.bedarfsgemeinschaft if self.antrag else None)
