"""Claims (Forderungen): Erstattungsforderungen from Überzahlungen, their immutable bookings, instalment plans,
reminders, declarations of offsetting (Aufrechnung) and incoming payments nobody could match.

A Forderung is immutable once festgesetzt (with its Erstattungsbescheid); everything that happens to it afterwards is
a ``Forderungsbuchung`` (signed: Sollstellung and Wiederaufnahme positive, everything that reduces the claim
negative), so the open balance is always the sum of its bookings. See docs/claims.md.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sozialhaus.cases.models import Entscheidung, Leistungsmonat
from sozialhaus.core.models import Dienststelle, Rechtskreis, Traeger
from sozialhaus.core.unveraenderlich import Unveraenderlich
from sozialhaus.notices.models import Bescheidvorlage
from sozialhaus.payments.models import Zahllauf
from sozialhaus.people.models import Bedarfsgemeinschaft, Person
from sozialhaus.records.models import Dokument
from sozialhaus.worklist.models import Aufgabe

BETRAG = {"max_digits": 12, "decimal_places": 2}
BENUTZER = {"on_delete": models.PROTECT, "null": True, "blank": True, "related_name": "+"}


class Grund(models.TextChoices):
    """Legal ground of the Erstattungsforderung; it decides how much may be offset (``recht.AUFRECHNUNG``)."""

    SGB2_41A = "sgb2_41a", "§ 41a Abs. 6 Satz 3 SGB II (abschließende Entscheidung nach vorläufiger Bewilligung)"
    SGB2_EINKOMMEN = "sgb2_48_nr3", "§ 50 SGB X nach § 48 Abs. 1 Satz 2 Nr. 3 SGB X (Einkommen oder Vermögen erzielt)"
    SGB2_SONSTIGE = "sgb2_50", "§ 50 SGB X in den übrigen Fällen (z. B. §§ 45, 48 Abs. 1 Satz 2 Nr. 2 und 4 SGB X)"
    SGB12_44A = "sgb12_44a", "§ 44a Abs. 7 SGB XII (abschließende Entscheidung nach vorläufiger Bewilligung)"
    SGB12_VERSCHULDET = "sgb12_26", "§ 50 SGB X, durch vorsätzlich oder grob fahrlässig falsche Angaben veranlasst"
    SGB12_SONSTIGE = "sgb12_50", "§ 50 SGB X in den übrigen Fällen (keine Aufrechnung nach § 26 Abs. 2 SGB XII)"
    SONSTIGE = "sonstige", "§ 50 SGB X (andere Rechtskreise)"


class Forderung(Unveraenderlich):
    """An Erstattungsforderung against one person (§ 50 SGB X), festgesetzt by an Erstattungsbescheid.

    ``nummer`` is the Kassenzeichen the person quotes when paying. ``monate`` keeps the per-month composition
    (``[{"monat": "2025-02-01", "betrag": "300.00"}, …]``) the Bescheid shows.
    """

    nummer = models.CharField("Kassenzeichen", max_length=30, unique=True)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="forderungen", verbose_name="Schuldner/in"
    )
    bedarfsgemeinschaft = models.ForeignKey(Bedarfsgemeinschaft, on_delete=models.PROTECT, related_name="forderungen")
    entscheidung = models.ForeignKey(
        Entscheidung, on_delete=models.PROTECT, related_name="forderungen", verbose_name="Aufhebung/Änderung"
    )
    rechtskreis = models.CharField("Rechtskreis", max_length=20, choices=Rechtskreis.choices)
    grund = models.CharField("Rechtsgrund", max_length=15, choices=Grund.choices)
    betrag = models.DecimalField("festgesetzter Betrag (€)", **BETRAG)
    monate = models.JSONField("Überzahlung je Monat")
    dienststelle = models.ForeignKey(Dienststelle, on_delete=models.PROTECT, related_name="+")
    vorlage = models.ForeignKey(Bescheidvorlage, on_delete=models.PROTECT, related_name="+")
    bescheidnummer = models.CharField("Bescheidnummer", max_length=30, unique=True)
    bescheiddatum = models.DateField("Datum des Erstattungsbescheids")
    bekanntgabe = models.DateField("Tag der Bekanntgabe (§ 37 Abs. 2 SGB X)")
    widerspruchsfrist_ende = models.DateField("Ende der Widerspruchsfrist (§ 84 SGG)")
    faellig_am = models.DateField("fällig am")
    dokument = models.OneToOneField(Dokument, on_delete=models.PROTECT, related_name="erstattungsbescheid")
    angelegt_am = models.DateTimeField("angelegt am", auto_now_add=True)
    angelegt_von = models.ForeignKey(settings.AUTH_USER_MODEL, **BENUTZER)

    class Meta:
        verbose_name = "Forderung"
        verbose_name_plural = "Forderungen"
        ordering = ["-angelegt_am", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["entscheidung", "person"], name="eine_forderung_je_entscheidung_person"),
            models.CheckConstraint(condition=models.Q(betrag__gt=0), name="forderung_positiv"),
        ]

    def __str__(self) -> str:
        return f"Forderung {self.nummer}"

    @property
    def zugriff_ueber(self):
        return self.bedarfsgemeinschaft


class Buchungsart(models.TextChoices):
    SOLLSTELLUNG = "sollstellung", "Sollstellung"
    ZAHLUNGSEINGANG = "zahlungseingang", "Zahlungseingang"
    AUFRECHNUNG = "aufrechnung", "Aufrechnung"
    NIEDERSCHLAGUNG = "niederschlagung", "Niederschlagung"
    WIEDERAUFNAHME = "wiederaufnahme", "Wiederaufnahme nach Niederschlagung"
    ERLASS = "erlass", "Erlass"


ERHOEHEND = (Buchungsart.SOLLSTELLUNG, Buchungsart.WIEDERAUFNAHME)
"""Bookings that raise the open balance; every other Art lowers it."""


class Forderungsbuchung(Unveraenderlich):
    """One immutable movement on a Forderung; the open balance is the sum of ``betrag``."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="buchungen")
    art = models.CharField("Art", max_length=20, choices=Buchungsart.choices)
    betrag = models.DecimalField("Betrag (€, mindernd negativ)", **BETRAG)
    datum = models.DateField("Wertstellung")
    grund = models.CharField("Grund / Vermerk", max_length=500, blank=True)
    referenz = models.CharField("Verwendungszweck", max_length=140, blank=True)
    zahllauf = models.ForeignKey(Zahllauf, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    leistungsmonat = models.ForeignKey(
        Leistungsmonat, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bedarfsgemeinschaft = models.ForeignKey(
        Bedarfsgemeinschaft, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    monat = models.DateField("einbehalten aus Leistungsmonat", null=True, blank=True)
    gebucht_am = models.DateTimeField("gebucht am", auto_now_add=True)
    gebucht_von = models.ForeignKey(settings.AUTH_USER_MODEL, **BENUTZER)

    class Meta:
        verbose_name = "Forderungsbuchung"
        verbose_name_plural = "Forderungsbuchungen"
        ordering = ["datum", "id"]
        indexes = [models.Index(fields=["bedarfsgemeinschaft", "monat"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(art__in=ERHOEHEND, betrag__gt=0) | (~models.Q(art__in=ERHOEHEND) & models.Q(betrag__lt=0))
                ),
                name="forderungsbuchung_vorzeichen_nach_art",
            ),
            models.UniqueConstraint(
                fields=["forderung", "monat"],
                condition=models.Q(art="aufrechnung"),
                name="eine_aufrechnung_je_forderung_und_monat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.betrag} € ({self.forderung.nummer})"

    @property
    def zugriff_ueber(self):
        return self.forderung.bedarfsgemeinschaft


class Ratenplan(Unveraenderlich):
    """Instalments agreed for a Forderung: ``rate`` each month on ``faelligkeitstag`` from ``erste_rate``.

    A new plan replaces the previous one (the newest counts). ``betrag`` is the open balance when it was agreed.
    """

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="ratenplaene")
    betrag = models.DecimalField("offener Betrag bei Vereinbarung (€)", **BETRAG)
    rate = models.DecimalField("monatliche Rate (€)", validators=[MinValueValidator(Decimal("0.01"))], **BETRAG)
    erste_rate = models.DateField("erste Rate fällig am")
    faelligkeitstag = models.PositiveSmallIntegerField(
        "Fälligkeitstag im Monat", validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    vereinbart_am = models.DateField("vereinbart am")
    vereinbart_von = models.ForeignKey(settings.AUTH_USER_MODEL, **BENUTZER)

    class Meta:
        verbose_name = "Ratenplan"
        verbose_name_plural = "Ratenpläne"
        ordering = ["-vereinbart_am", "-id"]

    def __str__(self) -> str:
        return f"Ratenplan {self.rate} € monatlich zu {self.forderung.nummer}"

    @property
    def zugriff_ueber(self):
        return self.forderung.bedarfsgemeinschaft


class Mahnung(Unveraenderlich):
    """A reminder for an overdue instalment: one per plan and missed due date, with the caseworker's Aufgabe."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="mahnungen")
    ratenplan = models.ForeignKey(Ratenplan, on_delete=models.PROTECT, related_name="mahnungen")
    faellig_gewesen_am = models.DateField("überfällige Rate fällig am")
    rueckstand = models.DecimalField("Rückstand (€)", **BETRAG)
    aufgabe = models.OneToOneField(Aufgabe, on_delete=models.PROTECT, related_name="mahnung")
    erstellt_am = models.DateTimeField("erstellt am", auto_now_add=True)

    class Meta:
        verbose_name = "Mahnung"
        verbose_name_plural = "Mahnungen"
        ordering = ["-faellig_gewesen_am", "-id"]
        constraints = [models.UniqueConstraint(fields=["ratenplan", "faellig_gewesen_am"], name="eine_mahnung_je_rate")]

    @property
    def zugriff_ueber(self):
        return self.forderung.bedarfsgemeinschaft


class Aufrechnungserklaerung(Unveraenderlich):
    """Aufrechnung declared by Verwaltungsakt (§ 43 Abs. 4 SGB II, § 44b Abs. 3 SGB XII): ``prozent`` of the
    person's maßgebender Regelbedarf is withheld from the BG's ongoing payment each month ``ab``–``bis`` until the
    Forderung is settled. ``regelbedarf`` and ``monatsbetrag`` show the figures at the time of the declaration; the
    Zahllauf takes the Regelbedarf of each paid month."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="aufrechnungen")
    prozent = models.DecimalField("Prozent des maßgebenden Regelbedarfs", max_digits=5, decimal_places=2)
    regelbedarf = models.DecimalField("maßgebender Regelbedarf (€)", **BETRAG)
    monatsbetrag = models.DecimalField("monatlicher Aufrechnungsbetrag (€)", **BETRAG)
    norm = models.CharField("Rechtsgrundlage", max_length=100)
    ab = models.DateField("ab Leistungsmonat")
    bis = models.DateField("längstens bis Leistungsmonat")
    begruendung = models.TextField("Begründung (Ermessen)")
    dokument = models.OneToOneField(Dokument, on_delete=models.PROTECT, related_name="aufrechnungserklaerung")
    erklaert_am = models.DateTimeField("erklärt am", auto_now_add=True)
    erklaert_von = models.ForeignKey(settings.AUTH_USER_MODEL, **BENUTZER)

    class Meta:
        verbose_name = "Aufrechnungserklärung"
        verbose_name_plural = "Aufrechnungserklärungen"
        ordering = ["erklaert_am", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(prozent__gt=0), name="aufrechnung_prozent_positiv")]

    def __str__(self) -> str:
        return f"Aufrechnung {self.prozent} % zu {self.forderung.nummer}"

    @property
    def zugriff_ueber(self):
        return self.forderung.bedarfsgemeinschaft


class OffenerZahlungseingang(models.Model):
    """An incoming payment whose Verwendungszweck names no known Kassenzeichen, kept for the Kasse to clear."""

    traeger = models.ForeignKey(Traeger, on_delete=models.PROTECT, related_name="+")
    betrag = models.DecimalField("Betrag (€)", **BETRAG)
    eingegangen_am = models.DateField("eingegangen am")
    referenz = models.CharField("Verwendungszweck", max_length=140)
    einzahler = models.CharField("Einzahler/in", max_length=140, blank=True)
    erfasst_am = models.DateTimeField("erfasst am", auto_now_add=True)
    erfasst_von = models.ForeignKey(settings.AUTH_USER_MODEL, **BENUTZER)
    zugeordnet = models.ForeignKey(Forderungsbuchung, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "nicht zugeordneter Zahlungseingang"
        verbose_name_plural = "nicht zugeordnete Zahlungseingänge"
        ordering = ["eingegangen_am", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(betrag__gt=0), name="eingang_positiv")]

    def __str__(self) -> str:
        return f"{self.betrag} € vom {self.eingegangen_am:%d.%m.%Y}: {self.referenz}"
