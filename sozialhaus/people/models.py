"""Persons, Haushalte, Bedarfsgemeinschaften, relationships and time-versioned facts."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction

from sozialhaus.core.models import Dienststelle, Gemeinde, Rechtskreis

from .validators import validiere_iban, validiere_nicht_in_zukunft, validiere_steuer_id

UMLAUTE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "á": "a", "à": "a"})


def suchform(text: str) -> str:
    """Lower case, umlauts folded (Müller → mueller), single spaces: the form persons are searched by."""
    return " ".join(text.lower().translate(UMLAUTE).split())


GELD = {
    "max_digits": 12,
    "decimal_places": 2,
    "validators": [MinValueValidator(0, "Der Betrag darf nicht negativ sein.")],
}


class Nummernkreis(models.Model):
    """Counter for Kundennummern and BG-Nummern; locked while a number is drawn."""

    name = models.CharField(max_length=30, unique=True)
    letzte = models.PositiveBigIntegerField(default=0)

    @classmethod
    def naechste(cls, name: str) -> int:
        with transaction.atomic():
            kreis, _ = cls.objects.select_for_update().get_or_create(name=name)
            kreis.letzte += 1
            kreis.save(update_fields=["letzte"])
            return kreis.letzte


class Person(models.Model):
    class Geschlecht(models.TextChoices):
        WEIBLICH = "w", "weiblich"
        MAENNLICH = "m", "männlich"
        DIVERS = "d", "divers"
        OHNE = "x", "ohne Angabe"

    kundennummer = models.CharField("Kundennummer", max_length=12, unique=True, editable=False)
    familienname = models.CharField("Familienname", max_length=100, db_index=True)
    vorname = models.CharField("Vorname(n)", max_length=100)
    geburtsname = models.CharField("Geburtsname", max_length=100, blank=True)
    geburtsdatum = models.DateField("Geburtsdatum", validators=[validiere_nicht_in_zukunft], db_index=True)
    geschlecht = models.CharField("Geschlecht", max_length=1, choices=Geschlecht.choices)
    staatsangehoerigkeit = models.CharField(
        "Staatsangehörigkeit",
        max_length=2,
        default="DE",
        validators=[RegexValidator(r"^[A-Z]{2}$", "Bitte den zweistelligen Ländercode angeben (z. B. DE, SY, UA).")],
    )
    telefon = models.CharField("Telefon", max_length=50, blank=True)
    email = models.EmailField("E-Mail", blank=True)
    steuer_id = models.CharField(
        "Steuer-Identifikationsnummer", max_length=11, blank=True, validators=[validiere_steuer_id]
    )
    aufenthalt_seit = models.DateField(
        "Aufenthalt im Bundesgebiet seit",
        null=True,
        blank=True,
        validators=[validiere_nicht_in_zukunft],
        help_text="Nur bei Leistungen nach dem AsylbLG: Beginn des ununterbrochenen Aufenthalts; nach 36 Monaten "
        "Analogleistungen (§ 2 Abs. 1 AsylbLG).",
    )
    dauerhaft_voll_erwerbsgemindert_seit = models.DateField(
        "dauerhaft voll erwerbsgemindert seit",
        null=True,
        blank=True,
        help_text="Nach Feststellung des Rentenversicherungsträgers (§ 43 Abs. 2 SGB VI, § 45 SGB XII); begründet "
        "ab 18 Jahren Grundsicherung bei Erwerbsminderung (§ 41 Abs. 3 SGB XII) und schließt das SGB II aus (§ 8 "
        "SGB II).",
    )
    erfasst_von = models.ForeignKey(
        Dienststelle,
        on_delete=models.PROTECT,
        related_name="erfasste_personen",
        verbose_name="erfasst von Dienststelle",
    )
    angelegt_am = models.DateTimeField("angelegt am", auto_now_add=True)
    suchname = models.CharField(max_length=210, editable=False, db_index=True)

    class Meta:
        verbose_name = "Person"
        verbose_name_plural = "Personen"
        ordering = ["familienname", "vorname"]
        indexes = [models.Index(fields=["familienname", "vorname", "geburtsdatum"])]

    def __str__(self) -> str:
        return f"{self.familienname}, {self.vorname} ({self.kundennummer})"

    def clean(self):
        super().clean()
        if self.aufenthalt_seit and self.geburtsdatum and self.aufenthalt_seit < self.geburtsdatum:
            raise ValidationError({"aufenthalt_seit": "Der Aufenthalt kann nicht vor der Geburt beginnen."})

    def save(self, *args, **kwargs):
        if not self.kundennummer:
            self.kundennummer = f"K{Nummernkreis.naechste('kunde'):08d}"
        self.suchname = suchform(f"{self.familienname} {self.vorname}")
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        return f"{self.vorname} {self.familienname}"

    def alter_am(self, stichtag: date) -> int:
        jahre = stichtag.year - self.geburtsdatum.year
        return jahre - ((stichtag.month, stichtag.day) < (self.geburtsdatum.month, self.geburtsdatum.day))

    def dauerhaft_voll_erwerbsgemindert_am(self, stichtag: date) -> bool:
        seit = self.dauerhaft_voll_erwerbsgemindert_seit
        return seit is not None and seit <= stichtag


class Zeitraum(models.Model):
    """A fact valid from ``gueltig_ab`` up to and including ``gueltig_bis`` (open-ended when empty)."""

    gueltig_ab = models.DateField("gültig ab")
    gueltig_bis = models.DateField("gültig bis", null=True, blank=True)
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
        abstract = True
        ordering = ["-gueltig_ab"]

    def gilt_am(self, stichtag: date) -> bool:
        return self.gueltig_ab <= stichtag and (self.gueltig_bis is None or stichtag <= self.gueltig_bis)

    def vorgaenger(self) -> models.QuerySet:
        """Versions this one supersedes: open or overlapping entries of the same subject (see ``VERSION_NACH``)."""
        filter_ = {feld: getattr(self, feld) for feld in self.VERSION_NACH}
        return (
            type(self)
            .objects.filter(**filter_)
            .exclude(pk=self.pk)
            .filter(gueltig_ab__lt=self.gueltig_ab)
            .filter(models.Q(gueltig_bis__isnull=True) | models.Q(gueltig_bis__gte=self.gueltig_ab))
        )

    def als_neue_version_speichern(self) -> None:
        """Save and end the previous version the day before this one starts (history is kept, never overwritten)."""
        with transaction.atomic():
            self.vorgaenger().update(gueltig_bis=self.gueltig_ab - timedelta(days=1))
            self.save()


class Adresse(Zeitraum):
    VERSION_NACH = ("person_id",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="adressen")
    strasse = models.CharField("Straße", max_length=150)
    hausnummer = models.CharField("Hausnummer", max_length=20)
    adresszusatz = models.CharField("Adresszusatz", max_length=150, blank=True)
    postleitzahl = models.CharField(
        "Postleitzahl", max_length=5, validators=[RegexValidator(r"^\d{5}$", "Die Postleitzahl hat fünf Ziffern.")]
    )
    ort = models.CharField("Ort", max_length=100)
    gemeinde = models.ForeignKey(Gemeinde, on_delete=models.PROTECT, null=True, blank=True, verbose_name="Gemeinde")

    class Meta(Zeitraum.Meta):
        verbose_name = "Anschrift"
        verbose_name_plural = "Anschriften"

    def __str__(self) -> str:
        return f"{self.strasse} {self.hausnummer}, {self.postleitzahl} {self.ort}"


class Bankverbindung(Zeitraum):
    VERSION_NACH = ("person_id",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="bankverbindungen")
    kontoinhaber = models.CharField("Kontoinhaber/in", max_length=150)
    iban = models.CharField("IBAN", max_length=34, validators=[validiere_iban])
    bic = models.CharField("BIC", max_length=11, blank=True)

    class Meta(Zeitraum.Meta):
        verbose_name = "Bankverbindung"
        verbose_name_plural = "Bankverbindungen"

    def __str__(self) -> str:
        return f"{self.iban} ({self.kontoinhaber})"


class Haushalt(models.Model):
    """People living together in one dwelling (Wohngemeinschaft or family)."""

    nummer = models.CharField("Haushaltsnummer", max_length=14, unique=True, editable=False)
    gemeinde = models.ForeignKey(Gemeinde, on_delete=models.PROTECT, related_name="haushalte", verbose_name="Gemeinde")
    mitglieder = models.ManyToManyField(Person, related_name="haushalte", blank=True, verbose_name="Mitglieder")

    class Meta:
        verbose_name = "Haushalt"
        verbose_name_plural = "Haushalte"

    def __str__(self) -> str:
        return f"Haushalt {self.nummer}"

    def save(self, *args, **kwargs):
        if not self.nummer:
            self.nummer = f"H{Nummernkreis.naechste('haushalt'):08d}"
        super().save(*args, **kwargs)


class Bedarfsgemeinschaft(models.Model):
    """Bedarfsgemeinschaft (§ 7 Abs. 3 SGB II) or, by Rechtskreis, Einsatzgemeinschaft (§ 27 SGB XII) or Wohngeldhaushalt.

    The responsible Dienststelle is taken from the Zuständigkeitsmatrix when the BG is created.
    """

    bg_nummer = models.CharField("BG-Nummer", max_length=16, unique=True, editable=False)
    rechtskreis = models.CharField("Rechtskreis", max_length=20, choices=Rechtskreis.choices)
    haushalt = models.ForeignKey(
        Haushalt, on_delete=models.PROTECT, related_name="bedarfsgemeinschaften", verbose_name="Haushalt"
    )
    dienststelle = models.ForeignKey(
        Dienststelle,
        on_delete=models.PROTECT,
        related_name="bedarfsgemeinschaften",
        verbose_name="zuständige Dienststelle",
    )
    angelegt_am = models.DateTimeField("angelegt am", auto_now_add=True)

    class Meta:
        verbose_name = "Bedarfsgemeinschaft"
        verbose_name_plural = "Bedarfsgemeinschaften"
        indexes = [models.Index(fields=["dienststelle", "rechtskreis"])]

    def __str__(self) -> str:
        return f"BG {self.bg_nummer}"

    def save(self, *args, **kwargs):
        if not self.bg_nummer:
            self.bg_nummer = f"{self.dienststelle.traeger.regionalschluessel}BG{Nummernkreis.naechste('bg'):07d}"
        super().save(*args, **kwargs)


class BGMitglied(Zeitraum):
    VERSION_NACH = ("bedarfsgemeinschaft_id", "person_id")

    class Rolle(models.TextChoices):
        ANTRAGSTELLER = "antragsteller", "Antragsteller/in"
        PARTNER = "partner", "Partner/in"
        KIND = "kind", "Kind"
        SONSTIGE = "sonstige", "sonstige Person"

    bedarfsgemeinschaft = models.ForeignKey(
        Bedarfsgemeinschaft, on_delete=models.CASCADE, related_name="mitgliedschaften"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mitgliedschaften")
    rolle = models.CharField("Rolle", max_length=15, choices=Rolle.choices)

    class Meta(Zeitraum.Meta):
        verbose_name = "Mitglied der Bedarfsgemeinschaft"
        verbose_name_plural = "Mitglieder der Bedarfsgemeinschaft"
        ordering = ["gueltig_ab", "id"]


class Beziehung(models.Model):
    """A relationship between two persons: ``von`` is Partner/in of, or Elternteil of, ``zu``."""

    class Art(models.TextChoices):
        PARTNER = "partner", "Partner/in"
        ELTERNTEIL = "elternteil", "Elternteil von"

    von = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="beziehungen_von")
    zu = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="beziehungen_zu")
    art = models.CharField("Art", max_length=15, choices=Art.choices)

    class Meta:
        verbose_name = "Beziehung"
        verbose_name_plural = "Beziehungen"
        constraints = [
            models.UniqueConstraint(fields=["von", "zu", "art"], name="beziehung_einmalig"),
            models.CheckConstraint(condition=~models.Q(von=models.F("zu")), name="beziehung_nicht_zu_sich_selbst"),
        ]


class Einkommen(Zeitraum):
    VERSION_NACH = ("person_id", "art")

    class Art(models.TextChoices):
        ERWERBSEINKOMMEN = "erwerbseinkommen", "Erwerbseinkommen"
        SELBSTAENDIG = "selbstaendig", "Einkommen aus selbständiger Tätigkeit"
        KINDERGELD = "kindergeld", "Kindergeld"
        UNTERHALT = "unterhalt", "Unterhalt"
        UNTERHALTSVORSCHUSS = "unterhaltsvorschuss", "Unterhaltsvorschuss"
        RENTE = "rente", "Rente"
        ARBEITSLOSENGELD = "arbeitslosengeld", "Arbeitslosengeld"
        ELTERNGELD = "elterngeld", "Elterngeld"
        WOHNGELD = "wohngeld", "Wohngeld"
        KINDERZUSCHLAG = "kinderzuschlag", "Kinderzuschlag"
        SONSTIGES = "sonstiges", "sonstiges Einkommen"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="einkommen")
    art = models.CharField("Art", max_length=25, choices=Art.choices)
    brutto = models.DecimalField("brutto (€ monatlich)", **GELD)
    netto = models.DecimalField("netto (€ monatlich)", **GELD)

    class Meta(Zeitraum.Meta):
        verbose_name = "Einkommen"
        verbose_name_plural = "Einkommen"


class Vermoegen(Zeitraum):
    VERSION_NACH = ("person_id", "art", "bezeichnung")

    class Art(models.TextChoices):
        BARGELD_KONTO = "konto", "Bankguthaben und Bargeld"
        KRAFTFAHRZEUG = "kfz", "Kraftfahrzeug"
        IMMOBILIE = "immobilie", "Immobilie"
        VERSICHERUNG = "versicherung", "Lebens- oder Rentenversicherung"
        SONSTIGES = "sonstiges", "sonstiges Vermögen"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="vermoegen")
    art = models.CharField("Art", max_length=15, choices=Art.choices)
    bezeichnung = models.CharField("Bezeichnung", max_length=150, blank=True)
    wert = models.DecimalField("Verkehrswert (€)", **GELD)
    schonvermoegen = models.BooleanField(
        "Schonvermögen (wird nicht berücksichtigt)",
        default=False,
        help_text="Z. B. angemessenes Kraftfahrzeug, selbst genutztes Wohneigentum, Altersvorsorge (§ 12 Abs. 1 "
        "Satz 2 SGB II, § 90 Abs. 2 SGB XII).",
    )

    class Meta(Zeitraum.Meta):
        verbose_name = "Vermögen"
        verbose_name_plural = "Vermögen"


class Unterkunft(Zeitraum):
    """Housing costs of a Haushalt per month (§ 22 SGB II, § 35 SGB XII, § 9 WoGG)."""

    VERSION_NACH = ("haushalt_id",)

    haushalt = models.ForeignKey(Haushalt, on_delete=models.CASCADE, related_name="unterkuenfte")
    kaltmiete = models.DecimalField("Kaltmiete (€)", **GELD)
    nebenkosten = models.DecimalField("kalte Nebenkosten (€)", **GELD)
    heizkosten = models.DecimalField("Heizkosten (€)", **GELD)
    wohnflaeche = models.DecimalField(
        "Wohnfläche (m²)",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(1, "Die Wohnfläche muss mindestens 1 m² betragen.")],
    )
    gemeinde = models.ForeignKey(Gemeinde, on_delete=models.PROTECT, verbose_name="Gemeinde")
    warmwasser_dezentral = models.BooleanField("Warmwasser dezentral (z. B. Durchlauferhitzer)", default=False)
    angemessene_bruttokaltmiete = models.DecimalField(
        "angemessene Bruttokaltmiete (€)",
        null=True,
        blank=True,
        help_text="Angemessenheitsgrenze des Trägers für diesen Haushalt (§ 22 Abs. 1 Satz 1 SGB II, § 35 SGB XII); "
        "leer, solange nicht geprüft.",
        **GELD,
    )
    angemessene_heizkosten = models.DecimalField(
        "angemessene Heizkosten (€)", null=True, blank=True, help_text="Leer, solange nicht geprüft.", **GELD
    )
    kostensenkung_ab = models.DateField(
        "Kostensenkung ab",
        null=True,
        blank=True,
        help_text="Ablauf der Frist aus der Kostensenkungsaufforderung: ab diesem Tag werden nur die angemessenen "
        "Kosten anerkannt (§ 22 Abs. 1 Satz 7 SGB II, § 35 Abs. 3 SGB XII), nicht vor Ende der Karenzzeit "
        "(§ 22 Abs. 1 Satz 2 SGB II, § 35 Abs. 1 Satz 2 SGB XII).",
    )

    class Meta(Zeitraum.Meta):
        verbose_name = "Unterkunftskosten"
        verbose_name_plural = "Unterkunftskosten"

    def clean(self):
        super().clean()
        if self.kostensenkung_ab and self.angemessene_bruttokaltmiete is None and self.angemessene_heizkosten is None:
            raise ValidationError(
                {
                    "kostensenkung_ab": "Eine Kostensenkung setzt eine angemessene Bruttokaltmiete oder angemessene "
                    "Heizkosten voraus."
                }
            )

    @property
    def bruttokaltmiete(self):
        return self.kaltmiete + self.nebenkosten
