"""Payments: the Träger's account, Haushaltsstellen, direct payments, Zahlläufe, Zahlungen and immutable Buchungen.

A Zahlung is never deleted; a correction is a Storno-Buchung. The database constraints back the services' rule that
nothing is paid twice: one regular Zahllauf per Träger and month, one Zahlung per run, BG, month and payee (per run and Einmalleistung for a
one-off benefit).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from sozialhaus.cases.models import Einmalleistung, Leistungsmonat
from sozialhaus.core.models import Dienststelle, Rechtskreis, Traeger
from sozialhaus.core.unveraenderlich import Unveraenderlich
from sozialhaus.people.models import Bedarfsgemeinschaft
from sozialhaus.people.validators import validiere_iban

BETRAG = {"max_digits": 14, "decimal_places": 2}
POSITIV = [MinValueValidator(Decimal("0.01"), "Der Betrag muss größer als 0,00 € sein.")]


class Zahlungskonto(models.Model):
    """The account of the Kreiskasse the Träger pays from (the debtor of the SEPA credit transfer)."""

    traeger = models.OneToOneField(Traeger, on_delete=models.PROTECT, related_name="zahlungskonto")
    kontoinhaber = models.CharField("Kontoinhaber", max_length=70)
    iban = models.CharField("IBAN", max_length=34, validators=[validiere_iban])
    bic = models.CharField("BIC", max_length=11)

    class Meta:
        verbose_name = "Zahlungskonto der Kreiskasse"
        verbose_name_plural = "Zahlungskonten der Kreiskasse"

    def __str__(self) -> str:
        return f"{self.kontoinhaber} ({self.iban})"


class Leistungsart(models.TextChoices):
    """What part of a month's benefit a booking belongs to; decides who finances it."""

    REGELBEDARF = "regelbedarf", "Regelbedarf und Mehrbedarfe"
    KDU = "kdu", "Unterkunft und Heizung"
    LEISTUNG = "leistung", "Leistung"


class Haushaltsstelle(models.Model):
    """Where the Kreis books a benefit in its budget: Produkt and Sachkonto per Träger × Rechtskreis × Leistungsart.

    SGB II is split: Regelbedarf and Mehrbedarfe are financed by the Bund (§ 6 Abs. 1 Nr. 1, § 46 SGB II), Unterkunft
    und Heizung by the kommunaler Träger (§ 6 Abs. 1 Nr. 2 SGB II). Every other Rechtskreis has one Leistungsart.
    """

    traeger = models.ForeignKey(Traeger, on_delete=models.PROTECT, related_name="haushaltsstellen")
    rechtskreis = models.CharField("Rechtskreis", max_length=20, choices=Rechtskreis.choices)
    leistungsart = models.CharField("Leistungsart", max_length=15, choices=Leistungsart.choices)
    bezeichnung = models.CharField("Bezeichnung", max_length=200)
    produkt = models.CharField("Produkt", max_length=30, help_text="z. B. 31.2.01")
    sachkonto = models.CharField("Sachkonto", max_length=30, help_text="z. B. 533100")
    kostentraeger = models.CharField("Kostenträger", max_length=50, help_text="z. B. Bund oder Kommune")

    class Meta:
        verbose_name = "Haushaltsstelle"
        verbose_name_plural = "Haushaltsstellen"
        constraints = [
            models.UniqueConstraint(
                fields=["traeger", "rechtskreis", "leistungsart"], name="eine_haushaltsstelle_je_leistungsart"
            )
        ]

    def __str__(self) -> str:
        return f"{self.produkt}/{self.sachkonto} {self.bezeichnung}"


class Empfaengerart(models.TextChoices):
    PERSON = "person", "Leistungsberechtigte Person"
    MIETE = "miete", "Vermieter/in (Direktzahlung Miete)"
    ENERGIE = "energie", "Energieversorger (Direktzahlung)"


class Direktzahlung(models.Model):
    """Part of a BG's benefit paid to a third party instead of the person.

    Miete: § 22 Abs. 7 SGB II, § 35 Abs. 1 Satz 3 SGB XII; Energie: to the supplier. Paid each month up to
    ``betrag`` and never more than the month's amount still open.
    """

    bedarfsgemeinschaft = models.ForeignKey(
        Bedarfsgemeinschaft, on_delete=models.PROTECT, related_name="direktzahlungen"
    )
    art = models.CharField(
        "Art", max_length=10, choices=[(Empfaengerart.MIETE, "Miete"), (Empfaengerart.ENERGIE, "Energie")]
    )
    empfaenger = models.CharField("Empfänger/in", max_length=140)
    iban = models.CharField("IBAN", max_length=34, validators=[validiere_iban])
    bic = models.CharField("BIC", max_length=11, blank=True)
    betrag = models.DecimalField("Betrag monatlich (€)", validators=POSITIV, **BETRAG)
    gueltig_ab = models.DateField("gültig ab")
    gueltig_bis = models.DateField("gültig bis", null=True, blank=True)

    class Meta:
        verbose_name = "Direktzahlung"
        verbose_name_plural = "Direktzahlungen"
        ordering = ["bedarfsgemeinschaft", "art", "gueltig_ab"]

    def __str__(self) -> str:
        return f"{self.get_art_display()} an {self.empfaenger}"

    @property
    def zugriff_ueber(self):
        return self.bedarfsgemeinschaft


class Zahllauf(models.Model):
    """The regular payment run of a Träger for one month: vorbereitet → freigegeben → ausgeführt."""

    class Status(models.TextChoices):
        VORBEREITET = "vorbereitet", "vorbereitet"
        FREIGEGEBEN = "freigegeben", "freigegeben"
        AUSGEFUEHRT = "ausgefuehrt", "ausgeführt"

    traeger = models.ForeignKey(Traeger, on_delete=models.PROTECT, related_name="zahllaeufe")
    monat = models.DateField("Leistungsmonat (erster Tag)")
    ausfuehrungsdatum = models.DateField("Ausführungsdatum (ReqdExctnDt)")
    status = models.CharField("Status", max_length=15, choices=Status.choices, default=Status.VORBEREITET)
    vorbereitet_am = models.DateTimeField("vorbereitet am", auto_now_add=True)
    vorbereitet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    freigegeben_am = models.DateTimeField("freigegeben am", null=True, blank=True)
    freigegeben_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ausgefuehrt_am = models.DateTimeField("ausgeführt am", null=True, blank=True)
    anzahl = models.PositiveIntegerField("Anzahl Zahlungen", default=0)
    summe = models.DecimalField("Summe (€)", default=0, **BETRAG)
    protokoll = models.JSONField(
        "Protokoll", default=dict, help_text="Vorschau (Summen) und zurückgestellte Zahlungen mit Grund"
    )
    msg_id = models.CharField("Nachrichten-ID (MsgId)", max_length=35, blank=True)
    sepa_xml = models.TextField("SEPA-Datei (pain.001.001.09)", blank=True)
    sha256 = models.CharField("SHA-256 der SEPA-Datei", max_length=64, blank=True)

    class Meta:
        verbose_name = "Zahllauf"
        verbose_name_plural = "Zahlläufe"
        ordering = ["-monat", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["traeger", "monat"], name="ein_zahllauf_je_traeger_und_monat"),
            models.UniqueConstraint(
                fields=["msg_id"], condition=~models.Q(msg_id=""), name="eindeutige_sepa_nachrichten_id"
            ),
        ]

    def __str__(self) -> str:
        return f"Zahllauf {self.monat:%m/%Y} ({self.get_status_display()})"


class Zahllauffortschritt(models.Model):
    """Where the background execution of a Zahllauf stands (``payments.tasks``): queued, running with the number of
    payments booked, done or failed with the German reason. One row per run, reused when it is started again."""

    class Status(models.TextChoices):
        EINGEREIHT = "eingereiht", "wartet auf Ausführung"
        LAEUFT = "laeuft", "wird ausgeführt"
        FERTIG = "fertig", "ausgeführt"
        FEHLER = "fehler", "fehlgeschlagen"

    zahllauf = models.OneToOneField(Zahllauf, on_delete=models.PROTECT, related_name="fortschritt")
    status = models.CharField("Status", max_length=15, choices=Status.choices, default=Status.EINGEREIHT)
    erledigt = models.PositiveIntegerField("gebuchte Zahlungen", default=0)
    gesamt = models.PositiveIntegerField("Zahlungen insgesamt", default=0)
    meldung = models.TextField("Meldung", blank=True, help_text="Grund, wenn die Ausführung fehlgeschlagen ist")
    aufgabe = models.CharField("Hintergrundaufgabe (ID)", max_length=64, blank=True)
    gestartet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gestartet_am = models.DateTimeField("gestartet am", null=True, blank=True)
    aktualisiert_am = models.DateTimeField("zuletzt aktualisiert", null=True, blank=True)

    class Meta:
        verbose_name = "Fortschritt eines Zahllaufs"
        verbose_name_plural = "Fortschritt der Zahlläufe"

    def __str__(self) -> str:
        return f"{self.zahllauf}: {self.get_status_display()} ({self.erledigt}/{self.gesamt})"

    @property
    def prozent(self) -> int:
        """Share of the payments booked, 0–100 (100 only when the run is done)."""
        if self.status == self.Status.FERTIG:
            return 100
        return min(99, self.erledigt * 100 // self.gesamt) if self.gesamt else 0


class Zahlung(models.Model):
    """One credit transfer of a Zahllauf: a BG's benefit for one month to one payee (``leistungsmonat``), or one
    one-off benefit (``einmalleistung``) to the Antragsteller/in; exactly one of the two is set."""

    class Art(models.TextChoices):
        LAUFEND = "laufend", "laufende Leistung"
        NACHZAHLUNG = "nachzahlung", "Nachzahlung"
        EINMALIG = "einmalig", "einmalige Leistung"

    class Status(models.TextChoices):
        VORGEMERKT = "vorgemerkt", "vorgemerkt"
        AUSGEFUEHRT = "ausgefuehrt", "ausgeführt"
        FEHLGESCHLAGEN = "fehlgeschlagen", "fehlgeschlagen"
        STORNIERT = "storniert", "storniert"

    zahllauf = models.ForeignKey(Zahllauf, on_delete=models.PROTECT, related_name="zahlungen")
    bedarfsgemeinschaft = models.ForeignKey(Bedarfsgemeinschaft, on_delete=models.PROTECT, related_name="zahlungen")
    leistungsmonat = models.ForeignKey(
        Leistungsmonat, on_delete=models.PROTECT, null=True, blank=True, related_name="zahlungen"
    )
    einmalleistung = models.ForeignKey(
        Einmalleistung, on_delete=models.PROTECT, null=True, blank=True, related_name="zahlungen"
    )
    monat = models.DateField("Leistungsmonat (erster Tag)")
    art = models.CharField("Art", max_length=15, choices=Art.choices)
    empfaengerart = models.CharField("Empfänger", max_length=10, choices=Empfaengerart.choices)
    direktzahlung = models.ForeignKey(
        Direktzahlung, on_delete=models.PROTECT, null=True, blank=True, related_name="zahlungen"
    )
    empfaenger = models.CharField("Empfänger/in", max_length=140)
    iban = models.CharField("IBAN", max_length=34)
    bic = models.CharField("BIC", max_length=11, blank=True)
    betrag = models.DecimalField("Betrag (€)", validators=POSITIV, **BETRAG)
    end_to_end_id = models.CharField("Ende-zu-Ende-Referenz", max_length=35, unique=True)
    verwendungszweck = models.CharField("Verwendungszweck", max_length=140)
    status = models.CharField("Status", max_length=15, choices=Status.choices, default=Status.VORGEMERKT)

    class Meta:
        verbose_name = "Zahlung"
        verbose_name_plural = "Zahlungen"
        ordering = ["zahllauf", "id"]
        indexes = [models.Index(fields=["bedarfsgemeinschaft", "monat", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["zahllauf", "bedarfsgemeinschaft", "monat", "empfaengerart"],
                condition=models.Q(einmalleistung__isnull=True),
                name="eine_zahlung_je_lauf_bg_monat_empfaenger",
            ),
            models.UniqueConstraint(
                fields=["zahllauf", "einmalleistung"],
                condition=models.Q(einmalleistung__isnull=False),
                name="eine_zahlung_je_lauf_und_einmalleistung",
            ),
            models.CheckConstraint(
                condition=models.Q(leistungsmonat__isnull=True) ^ models.Q(einmalleistung__isnull=True),
                name="zahlung_fuer_monat_oder_einmalleistung",
            ),
            models.CheckConstraint(condition=models.Q(betrag__gt=0), name="zahlung_positiv"),
        ]

    def __str__(self) -> str:
        return f"{self.end_to_end_id}: {self.betrag} € an {self.empfaenger}"

    @property
    def zugriff_ueber(self):
        return self.bedarfsgemeinschaft


class Buchung(Unveraenderlich):
    """An immutable booking of (part of) a Zahlung on a Haushaltsstelle; a Storno has the negative amount."""

    class Art(models.TextChoices):
        ZAHLUNG = "zahlung", "Zahlung"
        STORNO = "storno", "Storno"

    zahlung = models.ForeignKey(Zahlung, on_delete=models.PROTECT, related_name="buchungen")
    haushaltsstelle = models.ForeignKey(Haushaltsstelle, on_delete=models.PROTECT, related_name="buchungen")
    rechtskreis = models.CharField("Rechtskreis", max_length=20, choices=Rechtskreis.choices)
    dienststelle = models.ForeignKey(Dienststelle, on_delete=models.PROTECT, related_name="+")
    monat = models.DateField("Leistungsmonat (erster Tag)")
    betrag = models.DecimalField("Betrag (€, Storno negativ)", **BETRAG)
    art = models.CharField("Art", max_length=10, choices=Art.choices, default=Art.ZAHLUNG)
    gebucht_am = models.DateTimeField("gebucht am", auto_now_add=True)

    class Meta:
        verbose_name = "Buchung"
        verbose_name_plural = "Buchungen"
        ordering = ["id"]
        indexes = [models.Index(fields=["rechtskreis", "dienststelle", "monat"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(art="zahlung", betrag__gt=0) | models.Q(art="storno", betrag__lt=0)),
                name="buchung_vorzeichen_nach_art",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.betrag} € {self.haushaltsstelle}"


class Ruecklaeufer(Unveraenderlich):
    """A credit transfer the payee's bank sent back (SEPA return, read from a camt.054 notification).

    One per Zahlung (the database keeps a second import of the same return from doing anything); the Zahlung becomes
    ``fehlgeschlagen``, its Buchungen are reversed and its amount is due again.
    """

    zahlung = models.OneToOneField(Zahlung, on_delete=models.PROTECT, related_name="ruecklaeufer")
    grund_code = models.CharField("Rückgabegrund (ISO-Code)", max_length=4, help_text="z. B. AC04")
    grund = models.CharField("Rückgabegrund", max_length=140)
    betrag = models.DecimalField("zurückgekommener Betrag (€)", **BETRAG)
    buchungstag = models.DateField("Buchungstag der Rückgabe", null=True, blank=True)
    bankreferenz = models.CharField("Referenz der Bank (AcctSvcrRef)", max_length=35, blank=True)
    nachricht = models.CharField("Nachrichten-ID der camt.054-Datei", max_length=35)
    sha256 = models.CharField("SHA-256 der camt.054-Datei", max_length=64)
    eingelesen_am = models.DateTimeField("eingelesen am", auto_now_add=True)
    eingelesen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Rückläufer"
        verbose_name_plural = "Rückläufer"
        ordering = ["-eingelesen_am", "-id"]

    def __str__(self) -> str:
        return f"Rückläufer {self.zahlung.end_to_end_id}: {self.grund_code} {self.grund}"

    @property
    def zugriff_ueber(self):
        return self.zahlung.bedarfsgemeinschaft
