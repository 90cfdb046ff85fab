"""Antrag → Prüfung → Entscheidung (Bewilligung, Ablehnung, Änderung, Aufhebung), automated decisions (§ 31a SGB X).

An ``Antrag`` is mutable while it is worked on (status, checklist, caseworker). An ``Entscheidung`` and its
``Leistungsmonat`` rows are immutable: each month keeps the engine input and the full calculation it was based on. A
change is a new Entscheidung that references the one it changes (``aendert``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from sozialhaus.core.models import Dienststelle, Rechtskreis, Traeger
from sozialhaus.core.unveraenderlich import Unveraenderlich
from sozialhaus.people.models import Bedarfsgemeinschaft
from sozialhaus.records.models import Dokument

BETRAG = {"max_digits": 12, "decimal_places": 2}

LEISTUNG_NACH_RECHTSKREIS = {
    Rechtskreis.SGB2: "buergergeld",
    Rechtskreis.SGB12_KAP3: "hilfe_zum_lebensunterhalt",
    Rechtskreis.SGB12_KAP4: "grundsicherung_alter_erwerbsminderung",
    Rechtskreis.ASYLBLG: "asylblg",
    Rechtskreis.WOHNGELD: "wohngeld",
}
"""Engine ``leistung`` for each Rechtskreis in which the house decides (see ``sozialhaus.rules.LEISTUNGEN``)."""


class Antrag(models.Model):
    class Art(models.TextChoices):
        ERSTANTRAG = "erstantrag", "Erstantrag"
        WEITERBEWILLIGUNG = "weiterbewilligung", "Weiterbewilligungsantrag"
        AENDERUNG = "aenderung", "Änderungsmitteilung"
        EINMALBEDARF = "einmalbedarf", "Antrag auf einmalige Leistung"

    class Status(models.TextChoices):
        EINGEGANGEN = "eingegangen", "eingegangen"
        IN_PRUEFUNG = "in_pruefung", "in Prüfung"
        ENTSCHEIDUNGSREIF = "entscheidungsreif", "entscheidungsreif"
        ENTSCHIEDEN = "entschieden", "entschieden"
        ZURUECKGENOMMEN = "zurueckgenommen", "zurückgenommen"
        RUHEND = "ruhend", "ruhend"

    aktenzeichen = models.CharField("Aktenzeichen", max_length=30, unique=True, editable=False)
    bedarfsgemeinschaft = models.ForeignKey(
        Bedarfsgemeinschaft, on_delete=models.PROTECT, related_name="antraege", verbose_name="Bedarfsgemeinschaft"
    )
    rechtskreis = models.CharField("Rechtskreis", max_length=20, choices=Rechtskreis.choices)
    art = models.CharField("Antragsart", max_length=20, choices=Art.choices)
    eingegangen_am = models.DateField("Antrag eingegangen am")
    wirkt_ab = models.DateField("Antrag wirkt ab")
    dienststelle = models.ForeignKey(
        Dienststelle, on_delete=models.PROTECT, related_name="antraege", verbose_name="zuständige Dienststelle"
    )
    bearbeiter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="antraege",
        verbose_name="Sachbearbeiter/in",
    )
    status = models.CharField("Status", max_length=20, choices=Status.choices, default=Status.EINGEGANGEN)
    status_vor_ruhen = models.CharField(max_length=20, choices=Status.choices, blank=True, editable=False)
    mitwirkungsfrist = models.DateField("Frist zur Mitwirkung (§§ 60, 66 SGB I)", null=True, blank=True)
    angaben_antragsteller = models.TextField(
        "Angaben der antragstellenden Person",
        blank=True,
        help_text="Eigene Angaben im Antrag; sie müssen von einer Person gewürdigt werden (§ 31a Satz 2 SGB X).",
    )
    vorentscheidung = models.ForeignKey(
        "Entscheidung",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="folgeantraege",
        verbose_name="bisherige Entscheidung",
        help_text="Bei Weiterbewilligung und Änderung: die Entscheidung, die fortgesetzt oder geändert wird.",
    )
    angelegt_am = models.DateTimeField("angelegt am", auto_now_add=True)
    angelegt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Antrag"
        verbose_name_plural = "Anträge"
        ordering = ["-eingegangen_am", "-id"]
        indexes = [models.Index(fields=["bearbeiter", "status"]), models.Index(fields=["dienststelle", "status"])]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.aktenzeichen}"

    @property
    def zugriff_ueber(self):
        return self.bedarfsgemeinschaft

    @property
    def leistung(self) -> str:
        return LEISTUNG_NACH_RECHTSKREIS[self.rechtskreis]


class Statuswechsel(Unveraenderlich):
    """History of an Antrag's status: who moved it from where to where, and why."""

    antrag = models.ForeignKey(Antrag, on_delete=models.PROTECT, related_name="statuswechsel")
    von = models.CharField("von", max_length=20, choices=Antrag.Status.choices, blank=True)
    nach = models.CharField("nach", max_length=20, choices=Antrag.Status.choices)
    zeitpunkt = models.DateTimeField("Zeitpunkt", auto_now_add=True)
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grund = models.CharField("Grund", max_length=300, blank=True)

    class Meta:
        verbose_name = "Statuswechsel"
        verbose_name_plural = "Statuswechsel"
        ordering = ["zeitpunkt", "id"]


class Nachweis(models.Model):
    """One item of the checklist of documents required for an Antrag (Mitwirkung, §§ 60 ff. SGB I)."""

    antrag = models.ForeignKey(Antrag, on_delete=models.CASCADE, related_name="nachweise")
    bezeichnung = models.CharField("Nachweis", max_length=200)
    erforderlich = models.BooleanField("erforderlich", default=True)
    eingegangen_am = models.DateField("eingegangen am", null=True, blank=True)
    dokument = models.ForeignKey(
        Dokument, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="Dokument"
    )
    erinnert_am = models.DateField("zuletzt erinnert am", null=True, blank=True)

    class Meta:
        verbose_name = "Nachweis"
        verbose_name_plural = "Nachweise"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.bezeichnung

    @property
    def zugriff_ueber(self):
        return self.antrag.bedarfsgemeinschaft


class Entscheidung(Unveraenderlich):
    class Art(models.TextChoices):
        BEWILLIGUNG = "bewilligung", "Bewilligung"
        ABLEHNUNG = "ablehnung", "Ablehnung"
        AENDERUNG = "aenderung", "Änderung"
        AUFHEBUNG = "aufhebung", "Aufhebung"
        EINMALLEISTUNG = "einmalleistung", "einmalige Leistung"

    class Verbindlichkeit(models.TextChoices):
        ENDGUELTIG = "endgueltig", "endgültig"
        VORLAEUFIG = "vorlaeufig", "vorläufig (§ 41a Abs. 1 SGB II)"
        ABSCHLIESSEND = "abschliessend", "abschließend (§ 41a Abs. 3 SGB II)"

    class Rechtsgrundlage(models.TextChoices):
        KEINE = "", "—"
        SGB10_48 = "sgb10_48", "§ 48 SGB X (Änderung der Verhältnisse)"
        SGB10_45 = "sgb10_45", "§ 45 SGB X (Rücknahme eines rechtswidrigen Verwaltungsakts)"
        SGB2_41A = "sgb2_41a", "§ 41a Abs. 3 SGB II (abschließende Entscheidung)"
        SGB12_44A = "sgb12_44a", "§ 44a SGB XII (abschließende Entscheidung)"

    antrag = models.ForeignKey(Antrag, on_delete=models.PROTECT, related_name="entscheidungen")
    art = models.CharField("Art", max_length=15, choices=Art.choices)
    verbindlichkeit = models.CharField(
        "vorläufig/abschließend", max_length=15, choices=Verbindlichkeit.choices, default=Verbindlichkeit.ENDGUELTIG
    )
    vorlaeufig_grund = models.CharField("Grund der Vorläufigkeit", max_length=300, blank=True)
    aendert = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aenderungen",
        verbose_name="ändert/ersetzt Entscheidung",
    )
    rechtsgrundlage = models.CharField(
        "Rechtsgrundlage der Änderung", max_length=10, choices=Rechtsgrundlage.choices, blank=True
    )
    zeitraum_von = models.DateField("Bewilligungszeitraum von", null=True, blank=True)
    zeitraum_bis = models.DateField("Bewilligungszeitraum bis", null=True, blank=True)
    begruendung = models.TextField("Begründung", blank=True)
    automatisch = models.BooleanField("automatisch erlassen (§ 31a SGB X)", default=False)
    entschieden_am = models.DateTimeField("entschieden am", auto_now_add=True)
    entschieden_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dienststelle = models.ForeignKey(Dienststelle, on_delete=models.PROTECT, related_name="entscheidungen")

    class Meta:
        verbose_name = "Entscheidung"
        verbose_name_plural = "Entscheidungen"
        ordering = ["-entschieden_am", "-id"]

    def __str__(self) -> str:
        return f"{self.get_art_display()} zu {self.antrag.aktenzeichen}"

    @property
    def zugriff_ueber(self):
        return self.antrag.bedarfsgemeinschaft


class Leistungsmonat(Unveraenderlich):
    """One month of an Entscheidung: the amount, the engine input and the full calculation (Berechnungsbogen).

    For an Änderung or Aufhebung, ``bisher`` is the amount of the changed decision for the month and ``differenz``
    the Nachzahlung (positive) or Überzahlung (negative).
    """

    entscheidung = models.ForeignKey(Entscheidung, on_delete=models.PROTECT, related_name="monate")
    monat = models.DateField("Monat (erster Tag)")
    betrag = models.DecimalField("Anspruch (€)", **BETRAG)
    bisher = models.DecimalField("bisher bewilligt (€)", null=True, blank=True, **BETRAG)
    differenz = models.DecimalField("Nachzahlung (+) / Überzahlung (−) (€)", null=True, blank=True, **BETRAG)
    eingabe = models.JSONField("Eingabe des Rechenkerns")
    berechnung = models.JSONField("Berechnung des Rechenkerns")

    class Meta:
        verbose_name = "Leistungsmonat"
        verbose_name_plural = "Leistungsmonate"
        ordering = ["monat"]
        constraints = [models.UniqueConstraint(fields=["entscheidung", "monat"], name="ein_monat_je_entscheidung")]


class Einmalleistung(Unveraenderlich):
    """A one-off benefit granted by an Entscheidung of art ``einmalleistung``, paid once by the Zahllauf of the
    month ``faellig_im`` (or the next run) to the Antragsteller/in.

    Bedarfe not covered by the Regelbedarf and granted separately (§ 24 Abs. 3 Satz 1 Nr. 1 to 3 SGB II; § 31 Abs. 1
    Nr. 1 to 3 SGB XII, for the 4. Kapitel via § 42 Nr. 2 SGB XII); the amount is the caseworker's, also as a
    Pauschalbetrag (§ 24 Abs. 3 Satz 5 SGB II, § 31 Abs. 3 SGB XII).
    """

    class Art(models.TextChoices):
        WOHNUNG = "wohnung", "Erstausstattung für die Wohnung einschließlich Haushaltsgeräten"
        BEKLEIDUNG = "bekleidung", "Erstausstattung für Bekleidung"
        SCHWANGERSCHAFT = "schwangerschaft", "Erstausstattung bei Schwangerschaft und Geburt"
        THERAPEUTISCH = (
            "therapeutisch",
            "Orthopädische Schuhe (Anschaffung, Reparatur), therapeutische Geräte und Ausrüstungen (Reparatur, Miete)",
        )

    NUMMER = {Art.WOHNUNG: 1, Art.BEKLEIDUNG: 2, Art.SCHWANGERSCHAFT: 2, Art.THERAPEUTISCH: 3}
    """Nummer of § 24 Abs. 3 Satz 1 SGB II and of § 31 Abs. 1 SGB XII (both count the same)."""
    NORM = {
        Rechtskreis.SGB2: "§ 24 Abs. 3 Satz 1 Nr. {nr} SGB II",
        Rechtskreis.SGB12_KAP3: "§ 31 Abs. 1 Nr. {nr} SGB XII",
        Rechtskreis.SGB12_KAP4: "§ 42 Nr. 2 i. V. m. § 31 Abs. 1 Nr. {nr} SGB XII",
    }
    """Rechtskreise whose law grants these Bedarfe separately, with the norm."""
    KURZNAME = {
        Art.WOHNUNG: "Erstausstattung Wohnung",
        Art.BEKLEIDUNG: "Erstausstattung Bekleidung",
        Art.SCHWANGERSCHAFT: "Erstausstattung Schwangerschaft und Geburt",
        Art.THERAPEUTISCH: "Orthopaedische Schuhe, therapeutische Geraete",
    }
    """Short name for the Verwendungszweck of the payment (SEPA character set)."""

    entscheidung = models.OneToOneField(Entscheidung, on_delete=models.PROTECT, related_name="einmalleistung")
    art = models.CharField("Art", max_length=20, choices=Art.choices)
    betrag = models.DecimalField(
        "Betrag (€)",
        validators=[MinValueValidator(Decimal("0.01"), "Der Betrag muss größer als 0,00 € sein.")],
        **BETRAG,
    )
    faellig_im = models.DateField("fällig im Monat (erster Tag)")

    class Meta:
        verbose_name = "einmalige Leistung"
        verbose_name_plural = "einmalige Leistungen"
        constraints = [models.CheckConstraint(condition=models.Q(betrag__gt=0), name="einmalleistung_positiv")]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.betrag} €"

    @property
    def zugriff_ueber(self):
        return self.entscheidung.antrag.bedarfsgemeinschaft

    @property
    def norm(self) -> str:
        return self.NORM[self.entscheidung.antrag.rechtskreis].format(nr=self.NUMMER[self.art])


class AutomatikRegel(models.Model):
    """Criteria under which a Träger lets the system decide without a caseworker (§ 31a SGB X).

    A case is decided automatically only when every active criterion is met and can be checked. Empty limits are
    not checked (and do not count as met when the rule requires them).
    """

    traeger = models.ForeignKey(Traeger, on_delete=models.PROTECT, related_name="automatikregeln")
    rechtskreis = models.CharField("Rechtskreis", max_length=20, choices=Rechtskreis.choices)
    aktiv = models.BooleanField("aktiv", default=True)
    antragsarten = models.JSONField("Antragsarten", default=list, help_text='z. B. ["weiterbewilligung"]')
    nur_unveraenderte_verhaeltnisse = models.BooleanField(
        "nur bei unveränderten Verhältnissen seit der letzten Entscheidung", default=True
    )
    einkommen_min = models.DecimalField("Einkommen der BG mindestens (€ netto)", null=True, blank=True, **BETRAG)
    einkommen_max = models.DecimalField("Einkommen der BG höchstens (€ netto)", null=True, blank=True, **BETRAG)
    anspruch_max = models.DecimalField("Anspruch höchstens (€ monatlich)", null=True, blank=True, **BETRAG)
    personen_max = models.PositiveSmallIntegerField("Personen in der BG höchstens", null=True, blank=True)
    geaendert_am = models.DateTimeField("geändert am", auto_now=True)
    geaendert_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Regel für automatische Entscheidungen"
        verbose_name_plural = "Regeln für automatische Entscheidungen (§ 31a SGB X)"
        constraints = [models.UniqueConstraint(fields=["traeger", "rechtskreis"], name="eine_automatikregel")]

    def __str__(self) -> str:
        return f"§ 31a SGB X – {self.get_rechtskreis_display()}"


class AutomatikPruefung(Unveraenderlich):
    """One check of an Antrag against the AutomatikRegel: each criterion with met / not met / not checkable."""

    antrag = models.ForeignKey(Antrag, on_delete=models.PROTECT, related_name="automatikpruefungen")
    regel = models.ForeignKey(AutomatikRegel, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    zeitpunkt = models.DateTimeField("Zeitpunkt", auto_now_add=True)
    automatisch_entschieden = models.BooleanField("automatisch entschieden")
    kriterien = models.JSONField(
        "Kriterien", default=list, help_text='[{"kriterium": ..., "erfuellt": true|false|null, "text": ...}]'
    )
    entscheidung = models.ForeignKey(Entscheidung, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "Prüfung auf automatische Entscheidung"
        verbose_name_plural = "Prüfungen auf automatische Entscheidung"
        ordering = ["-zeitpunkt", "-id"]
