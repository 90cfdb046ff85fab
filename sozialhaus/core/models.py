"""Organisation of a Träger: Gemeinden, Dienststellen, Zuständigkeitsmatrix, Benutzer and Mitarbeit.

The audit trail lives in ``sozialhaus.core.audit``.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models

MIETENSTUFEN = [(stufe, roemisch) for stufe, roemisch in enumerate(["I", "II", "III", "IV", "V", "VI", "VII"], 1)]
"""Mietenstufen I–VII of § 12 Abs. 1 WoGG; stored as 1–7 (the engine's ``unterkunft.mietenstufe``)."""


class Rechtskreis(models.TextChoices):
    """Rechtskreise the house knows. Those in ``NUR_VERWEIS`` are referral-only (the Lotse refers, no benefit is paid here)."""

    SGB2 = "sgb2", "SGB II (Bürgergeld/Grundsicherung für Arbeitsuchende)"
    SGB12_KAP3 = "sgb12_kap3", "SGB XII 3. Kapitel (Hilfe zum Lebensunterhalt)"
    SGB12_KAP4 = "sgb12_kap4", "SGB XII 4. Kapitel (Grundsicherung im Alter und bei Erwerbsminderung)"
    ASYLBLG = "asylblg", "AsylbLG (Asylbewerberleistungsgesetz)"
    WOHNGELD = "wohngeld", "Wohngeld (WoGG)"
    BUT = "but", "Bildung und Teilhabe"
    SGB8 = "sgb8", "SGB VIII (Kinder- und Jugendhilfe)"
    ELTERNGELD = "elterngeld", "Elterngeld (BEEG)"
    BAFOEG = "bafoeg", "BAföG"
    UNTERHALTSVORSCHUSS = "uvg", "Unterhaltsvorschuss (UVG)"
    KINDERZUSCHLAG = "kiz", "Kinderzuschlag (§ 6a BKGG)"


NUR_VERWEIS = frozenset(
    {
        Rechtskreis.SGB8,
        Rechtskreis.ELTERNGELD,
        Rechtskreis.BAFOEG,
        Rechtskreis.UNTERHALTSVORSCHUSS,
        Rechtskreis.KINDERZUSCHLAG,
    }
)


class Rolle(models.TextChoices):
    LEISTUNGSSACHBEARBEITUNG = "leistung", "Leistungssachbearbeitung"
    FALLMANAGEMENT = "fallmanagement", "Fallmanagement"
    LOTSE = "lotse", "Lotse"
    TEAMLEITUNG = "teamleitung", "Teamleitung"
    WIDERSPRUCHSSTELLE = "widerspruch", "Widerspruchsstelle"
    ZAHLSTELLE = "zahlstelle", "Zahlstelle"
    STATISTIK = "statistik", "Statistik"
    ADMINISTRATION = "administration", "Administration"


class Traeger(models.Model):
    """Träger der Leistungen: a Landkreis or kreisfreie Stadt."""

    name = models.CharField("Name", max_length=200, unique=True)
    regionalschluessel = models.CharField(
        "Kreisschlüssel",
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{5}$", "Der Kreisschlüssel hat fünf Ziffern.")],
    )

    class Meta:
        verbose_name = "Träger"
        verbose_name_plural = "Träger"

    def __str__(self) -> str:
        return self.name


class Gemeinde(models.Model):
    """A Stadt or Gemeinde of the Träger with its Amtlicher Gemeindeschlüssel (AGS)."""

    traeger = models.ForeignKey(Traeger, on_delete=models.PROTECT, related_name="gemeinden", verbose_name="Träger")
    name = models.CharField("Name", max_length=200)
    ags = models.CharField(
        "Amtlicher Gemeindeschlüssel",
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{8}$", "Der Amtliche Gemeindeschlüssel hat acht Ziffern.")],
    )
    postleitzahlen = models.CharField("Postleitzahlen", max_length=200, blank=True, help_text="Durch Komma getrennt")
    mietenstufe = models.PositiveSmallIntegerField(
        "Mietenstufe (Wohngeld)",
        choices=MIETENSTUFEN,
        null=True,
        blank=True,
        help_text="Anlage zu § 1 Abs. 3 WoGV: Gemeinden ab 10.000 Einwohnern sind einzeln aufgeführt, die übrigen "
        "haben die Mietenstufe ihres Kreises. Ohne Mietenstufe kann über Wohngeld nicht entschieden werden.",
    )

    class Meta:
        verbose_name = "Gemeinde"
        verbose_name_plural = "Gemeinden"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Dienststelle(models.Model):
    """An office that decides: Fachdienst of the Kreisverwaltung, Sozialamt, Jobcenter-Bezirksstelle, Wohngeldstelle."""

    class Art(models.TextChoices):
        FACHDIENST = "fachdienst", "Fachdienst der Kreisverwaltung"
        SOZIALAMT = "sozialamt", "Sozialamt der Gemeinde"
        JOBCENTER = "jobcenter", "Jobcenter-Bezirksstelle"
        WOHNGELDSTELLE = "wohngeldstelle", "Wohngeldstelle"

    traeger = models.ForeignKey(Traeger, on_delete=models.PROTECT, related_name="dienststellen", verbose_name="Träger")
    gemeinde = models.ForeignKey(
        Gemeinde,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dienststellen",
        verbose_name="Sitz-Gemeinde",
    )
    kuerzel = models.CharField("Kürzel", max_length=30, unique=True)
    name = models.CharField("Name", max_length=200)
    art = models.CharField("Art", max_length=20, choices=Art.choices)
    anschrift = models.CharField("Anschrift", max_length=300, blank=True)
    telefon = models.CharField("Telefon", max_length=50, blank=True)
    email = models.EmailField("E-Mail", blank=True)

    class Meta:
        verbose_name = "Dienststelle"
        verbose_name_plural = "Dienststellen"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Zustaendigkeit(models.Model):
    """One cell of the Zuständigkeitsmatrix: Rechtskreis × Gemeinde → responsible Dienststelle."""

    rechtskreis = models.CharField("Rechtskreis", max_length=20, choices=Rechtskreis.choices)
    gemeinde = models.ForeignKey(
        Gemeinde, on_delete=models.CASCADE, related_name="zustaendigkeiten", verbose_name="Gemeinde"
    )
    dienststelle = models.ForeignKey(
        Dienststelle, on_delete=models.PROTECT, related_name="zustaendigkeiten", verbose_name="Dienststelle"
    )

    class Meta:
        verbose_name = "Zuständigkeit"
        verbose_name_plural = "Zuständigkeitsmatrix"
        constraints = [
            models.UniqueConstraint(
                fields=["rechtskreis", "gemeinde"], name="eine_zustaendigkeit_je_rechtskreis_gemeinde"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rechtskreis_display()} in {self.gemeinde}: {self.dienststelle}"


def zustaendige_dienststelle(rechtskreis: str, gemeinde: Gemeinde) -> Dienststelle | None:
    """Look up the Zuständigkeitsmatrix; ``None`` when the Träger has configured no office."""
    cell = (
        Zustaendigkeit.objects.select_related("dienststelle").filter(rechtskreis=rechtskreis, gemeinde=gemeinde).first()
    )
    return cell.dienststelle if cell else None


class Benutzer(AbstractUser):
    """A member of staff. What they may do is given by their Mitarbeiten, not by Django's groups."""

    class Meta:
        verbose_name = "Benutzer/in"
        verbose_name_plural = "Benutzer/innen"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Mitarbeit(models.Model):
    """A user works for a Dienststelle in a Rolle, for the given Rechtskreise."""

    benutzer = models.ForeignKey(
        Benutzer, on_delete=models.CASCADE, related_name="mitarbeiten", verbose_name="Benutzer/in"
    )
    dienststelle = models.ForeignKey(
        Dienststelle, on_delete=models.PROTECT, related_name="mitarbeiten", verbose_name="Dienststelle"
    )
    rolle = models.CharField("Rolle", max_length=20, choices=Rolle.choices)
    rechtskreise = models.JSONField("Rechtskreise", default=list, blank=True)

    class Meta:
        verbose_name = "Mitarbeit"
        verbose_name_plural = "Mitarbeiten"
        constraints = [
            models.UniqueConstraint(fields=["benutzer", "dienststelle", "rolle"], name="eine_rolle_je_dienststelle"),
        ]

    def __str__(self) -> str:
        return f"{self.benutzer} – {self.get_rolle_display()} – {self.dienststelle}"


from .audit import AuditEintrag, AuditKettenkopf  # noqa: E402,F401  (models of this app)
