"""E-Akte: every Bescheid and every uploaded document, filed in the e-file of a person or a Bedarfsgemeinschaft.

A document version is immutable. A new version is a new row pointing to its predecessor (``vorgaenger``), so the
history of a document is always complete. The content is stored in the database with its SHA-256, so filing a
document and the decision it belongs to happen in one transaction (nothing is half filed).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from sozialhaus.core.models import Dienststelle
from sozialhaus.core.unveraenderlich import Unveraenderlich
from sozialhaus.people.models import Bedarfsgemeinschaft, Person


class Dokument(Unveraenderlich):
    class Art(models.TextChoices):
        BESCHEID = "bescheid", "Bescheid"
        ANTRAG = "antrag", "Antrag"
        NACHWEIS = "nachweis", "Nachweis"
        SCHRIFTVERKEHR = "schriftverkehr", "Schriftverkehr"
        VERMERK = "vermerk", "Vermerk"
        SONSTIGES = "sonstiges", "sonstiges Dokument"

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="dokumente", verbose_name="Person"
    )
    bedarfsgemeinschaft = models.ForeignKey(
        Bedarfsgemeinschaft,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dokumente",
        verbose_name="Bedarfsgemeinschaft",
    )
    art = models.CharField("Dokumentart", max_length=20, choices=Art.choices)
    titel = models.CharField("Titel", max_length=200)
    datum = models.DateField("Datum des Dokuments")
    dienststelle = models.ForeignKey(
        Dienststelle, on_delete=models.PROTECT, related_name="+", verbose_name="Dienststelle"
    )
    version = models.PositiveIntegerField("Version", default=1)
    vorgaenger = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nachfolger",
        verbose_name="ersetzt Version",
    )
    dateiname = models.CharField("Dateiname", max_length=200)
    mime_typ = models.CharField("Dateityp", max_length=100)
    inhalt = models.BinaryField("Inhalt")
    sha256 = models.CharField("SHA-256", max_length=64)
    groesse = models.PositiveIntegerField("Größe (Bytes)")
    erfasst_am = models.DateTimeField("erfasst am", auto_now_add=True)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="erfasst von",
    )

    class Meta:
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"
        ordering = ["-datum", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(bedarfsgemeinschaft__isnull=False),
                name="dokument_hat_akte",
            )
        ]

    def __str__(self) -> str:
        return f"{self.titel} (Version {self.version})"

    def save(self, *args, **kwargs):
        if self._state.adding:
            daten = bytes(self.inhalt)
            self.sha256 = hashlib.sha256(daten).hexdigest()
            self.groesse = len(daten)
        super().save(*args, **kwargs)

    @property
    def zugriff_ueber(self):
        """The record whose access rules apply (see ``core.permissions.zugriff``)."""
        return self.bedarfsgemeinschaft or self.person
