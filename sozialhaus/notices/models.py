"""Bescheide: central, versioned templates of the Träger and the immutable notices rendered from them.

A ``Bescheidvorlage`` is never edited in place: Administration saves a new version, and every Bescheid records the
version it was rendered with. A ``Bescheid`` is immutable; a correction is a new Bescheid that references the old one
(``ersetzt``). The PDF/A itself is filed in the E-Akte (``records.Dokument``).
"""

from django.conf import settings
from django.db import models

from sozialhaus.cases.models import Entscheidung
from sozialhaus.core.models import Dienststelle, Traeger
from sozialhaus.core.unveraenderlich import Unveraenderlich
from sozialhaus.records.models import Dokument


class Bescheidvorlage(Unveraenderlich):
    """Text blocks of one kind of Bescheid for one Träger, in one version.

    The texts may use placeholders in Django template syntax (e.g. ``{{ fristende }}``, ``{{ dienststelle.name }}``);
    layout, Berechnungsbogen and the plain-language part come from the house's layout.
    """

    class Art(models.TextChoices):
        BEWILLIGUNG = "bewilligung", "Bewilligungsbescheid"
        ABLEHNUNG = "ablehnung", "Ablehnungsbescheid"
        AENDERUNG = "aenderung", "Änderungsbescheid"
        AUFHEBUNG = "aufhebung", "Aufhebungs- und Erstattungsbescheid"
        ERSTATTUNG = "erstattung", "Erstattungsbescheid (§ 50 SGB X)"
        AUFRECHNUNG = "aufrechnung", "Aufrechnungsbescheid"
        EINMALLEISTUNG = "einmalleistung", "Bescheid über eine einmalige Leistung"

    traeger = models.ForeignKey(Traeger, on_delete=models.PROTECT, related_name="bescheidvorlagen")
    art = models.CharField("Art", max_length=15, choices=Art.choices)
    version = models.PositiveIntegerField("Version")
    gueltig_ab = models.DateField("gültig ab")
    betreff = models.CharField("Betreff", max_length=300)
    einleitung = models.TextField("Einleitung")
    begruendung = models.TextField("Begründung und Hinweise", blank=True)
    rechtsbehelfsbelehrung = models.TextField("Rechtsbehelfsbelehrung")
    schluss = models.TextField("Grußformel", blank=True)
    erstellt_am = models.DateTimeField("erstellt am", auto_now_add=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Bescheidvorlage"
        verbose_name_plural = "Bescheidvorlagen"
        ordering = ["traeger", "art", "-version"]
        constraints = [models.UniqueConstraint(fields=["traeger", "art", "version"], name="vorlage_version_einmalig")]

    def __str__(self) -> str:
        return f"{self.get_art_display()} Version {self.version} (gültig ab {self.gueltig_ab:%d.%m.%Y})"


class Bescheid(Unveraenderlich):
    """One notice of an Entscheidung, rendered once as PDF/A and filed in the E-Akte of the BG.

    A Berichtigung (§ 38 SGB X) is a new Bescheid for the same Entscheidung that names the old one in ``ersetzt``.
    """

    nummer = models.CharField("Bescheidnummer", max_length=30, unique=True)
    entscheidung = models.ForeignKey(Entscheidung, on_delete=models.PROTECT, related_name="bescheide")
    vorlage = models.ForeignKey(Bescheidvorlage, on_delete=models.PROTECT, related_name="bescheide")
    dienststelle = models.ForeignKey(Dienststelle, on_delete=models.PROTECT, related_name="bescheide")
    ersetzt = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ersetzt_durch",
        verbose_name="ersetzt Bescheid",
    )
    berichtigungsgrund = models.CharField("Grund der Berichtigung (§ 38 SGB X)", max_length=500, blank=True)
    bescheiddatum = models.DateField("Datum des Bescheids")
    aufgabe_zur_post = models.DateField("Aufgabe zur Post")
    bekanntgabe = models.DateField("Tag der Bekanntgabe (§ 37 Abs. 2 SGB X)")
    widerspruchsfrist_ende = models.DateField("Ende der Widerspruchsfrist (§ 84 SGG)")
    dokument = models.OneToOneField(Dokument, on_delete=models.PROTECT, related_name="bescheid")
    erstellt_am = models.DateTimeField("erstellt am", auto_now_add=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Bescheid"
        verbose_name_plural = "Bescheide"
        ordering = ["-bescheiddatum", "-id"]

    def __str__(self) -> str:
        return f"Bescheid {self.nummer} vom {self.bescheiddatum:%d.%m.%Y}"

    @property
    def zugriff_ueber(self):
        return self.entscheidung.antrag.bedarfsgemeinschaft
