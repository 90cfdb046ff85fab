"""Serializers of the REST API v1.

Field names are the model's (German domain names). Money is a string with two decimals ("400.00"), dates are
ISO 8601. Model validators (IBAN, Steuer-ID, birth date not in the future, ...) run here and again in
``full_clean`` before anything is saved, so their German messages reach the client as 400.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sozialhaus.core.models import NUR_VERWEIS, Dienststelle, Gemeinde, Rechtskreis, Traeger, Zustaendigkeit
from sozialhaus.people.models import (
    Adresse,
    Bankverbindung,
    Bedarfsgemeinschaft,
    BGMitglied,
    Einkommen,
    Haushalt,
    Person,
    Unterkunft,
    Vermoegen,
)
from sozialhaus.people.validators import normalisiere_iban

# --- organisation -----------------------------------------------------------------------------------------------


class GemeindeFeld(serializers.SlugRelatedField):
    """A Gemeinde given by its Amtlicher Gemeindeschlüssel (AGS, eight digits)."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("Eine Gemeinde mit dem Gemeindeschlüssel „{value}“ ist nicht bekannt."),
        "invalid": gettext_lazy("Bitte den achtstelligen Amtlichen Gemeindeschlüssel angeben."),
    }

    def __init__(self, **kwargs):
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Gemeinde.objects.all())
        super().__init__(slug_field="ags", **kwargs)


class GemeindeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeinde
        fields = ["ags", "name", "postleitzahlen", "mietenstufe"]
        read_only_fields = fields  # organisation is maintained in the Verwaltung; keeps the schema independent of
        # the database's integer ranges (SQLite and PostgreSQL differ)


class TraegerSerializer(serializers.ModelSerializer):
    gemeinden = GemeindeSerializer(many=True, read_only=True)

    class Meta:
        model = Traeger
        fields = ["regionalschluessel", "name", "gemeinden"]


class ZustaendigkeitSerializer(serializers.ModelSerializer):
    gemeinde = GemeindeFeld(read_only=True)
    gemeinde_name = serializers.CharField(source="gemeinde.name", read_only=True)

    class Meta:
        model = Zustaendigkeit
        fields = ["rechtskreis", "gemeinde", "gemeinde_name"]


class DienststelleSerializer(serializers.ModelSerializer):
    traeger = serializers.SlugRelatedField(slug_field="regionalschluessel", read_only=True)
    gemeinde = GemeindeFeld(read_only=True)
    zustaendigkeiten = ZustaendigkeitSerializer(many=True, read_only=True)

    class Meta:
        model = Dienststelle
        fields = ["kuerzel", "name", "art", "traeger", "gemeinde", "anschrift", "telefon", "email", "zustaendigkeiten"]


# --- persons ----------------------------------------------------------------------------------------------------

PERSON_FELDER = [
    "kundennummer",
    "familienname",
    "vorname",
    "geburtsname",
    "geburtsdatum",
    "geschlecht",
    "staatsangehoerigkeit",
    "telefon",
    "email",
    "steuer_id",
    "aufenthalt_seit",
    "dauerhaft_voll_erwerbsgemindert_seit",
    "erfasst_von",
    "angelegt_am",
]


class PersonListeSerializer(serializers.ModelSerializer):
    erfasst_von = serializers.SlugRelatedField(slug_field="kuerzel", read_only=True)

    class Meta:
        model = Person
        fields = ["kundennummer", "familienname", "vorname", "geburtsname", "geburtsdatum", "geschlecht", "erfasst_von"]


class MitgliedschaftSerializer(serializers.ModelSerializer):
    """A person's membership in a Bedarfsgemeinschaft (only those the caller may read are listed)."""

    bg_nummer = serializers.CharField(source="bedarfsgemeinschaft.bg_nummer", read_only=True)
    rechtskreis = serializers.ChoiceField(
        source="bedarfsgemeinschaft.rechtskreis", choices=Rechtskreis.choices, read_only=True
    )

    class Meta:
        model = BGMitglied
        fields = ["bg_nummer", "rechtskreis", "rolle", "gueltig_ab", "gueltig_bis"]


class PersonSerializer(serializers.ModelSerializer):
    """A person's master data. ``mitgliedschaften`` lists only Bedarfsgemeinschaften the caller may read."""

    erfasst_von = serializers.SlugRelatedField(slug_field="kuerzel", read_only=True)
    mitgliedschaften = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [*PERSON_FELDER, "mitgliedschaften"]
        read_only_fields = ["kundennummer", "angelegt_am"]

    @extend_schema_field(MitgliedschaftSerializer(many=True))
    def get_mitgliedschaften(self, person):
        sichtbar = self.context.get("sichtbare_bgs")
        if sichtbar is None:
            return []
        mitgliedschaften = person.mitgliedschaften.filter(bedarfsgemeinschaft__in=sichtbar).select_related(
            "bedarfsgemeinschaft"
        )
        return MitgliedschaftSerializer(mitgliedschaften, many=True).data


class PersonAnlegenSerializer(PersonSerializer):
    dienststelle = serializers.SlugRelatedField(
        slug_field="kuerzel",
        queryset=Dienststelle.objects.all(),
        required=False,
        write_only=True,
        help_text="Kürzel der Dienststelle, für die die Person erfasst wird; nur nötig, wenn Sie für mehrere "
        "Dienststellen Personen anlegen dürfen.",
        error_messages={"does_not_exist": "Eine Dienststelle mit dem Kürzel „{value}“ ist nicht bekannt."},
    )
    dublette_bestaetigt = serializers.BooleanField(
        default=False,
        write_only=True,
        help_text="true, wenn geprüft wurde, dass eine gleichnamige Person mit demselben Geburtsdatum nicht "
        "dieselbe Person ist.",
    )

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "dienststelle", "dublette_bestaetigt"]


class DubletteSerializer(serializers.Serializer):
    """Answer 409: persons with the same name and birth date exist."""

    detail = serializers.CharField()
    dubletten = serializers.ListField(child=serializers.CharField(), help_text="Kundennummern")


class PersonSucheSerializer(serializers.Serializer):
    """Query parameters of the person search (all optional, combined with AND)."""

    name = serializers.CharField(
        required=False, allow_blank=True, help_text="Anfang von „Familienname Vorname“, Umlaute egal"
    )
    geburtsdatum = serializers.DateField(
        required=False, input_formats=["%Y-%m-%d", "%d.%m.%Y"], help_text="JJJJ-MM-TT oder TT.MM.JJJJ"
    )
    kundennummer = serializers.CharField(required=False, allow_blank=True)
    bg_nummer = serializers.CharField(required=False, allow_blank=True)


# --- time-versioned facts ---------------------------------------------------------------------------------------


class ModellMeldungenMixin:
    """Keep the model's own German messages for MinValueValidator/MaxValueValidator.

    DRF turns these validators into ``min_value``/``max_value`` with a generic message; we keep the model's, e.g.
    "Der Betrag darf nicht negativ sein."
    """

    def build_standard_field(self, field_name, model_field):
        klasse, kwargs = super().build_standard_field(field_name, model_field)
        if "min_value" in kwargs or "max_value" in kwargs:
            kwargs.pop("min_value", None)
            kwargs.pop("max_value", None)
            grenzen = [v for v in model_field.validators if isinstance(v, MinValueValidator | MaxValueValidator)]
            kwargs["validators"] = [*kwargs.get("validators", []), *grenzen]
        return klasse, kwargs


class ZeitraumSerializer(ModellMeldungenMixin, serializers.ModelSerializer):
    """Common fields of a time-versioned fact; a new entry ends the previous version the day before."""

    erfasst_von = serializers.SlugRelatedField(slug_field="username", read_only=True)
    ZEITRAUM_FELDER = ["id", "gueltig_ab", "gueltig_bis", "erfasst_am", "erfasst_von"]

    def validate(self, attrs):
        ab, bis = attrs.get("gueltig_ab"), attrs.get("gueltig_bis")
        if ab and bis and bis < ab:
            raise serializers.ValidationError({"gueltig_bis": ["„gültig bis“ darf nicht vor „gültig ab“ liegen."]})
        return attrs


class EinkommenSerializer(ZeitraumSerializer):
    class Meta:
        model = Einkommen
        fields = ["art", "brutto", "netto", *ZeitraumSerializer.ZEITRAUM_FELDER]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs["netto"] > attrs["brutto"]:
            raise serializers.ValidationError(
                {"netto": ["Das Nettoeinkommen darf das Bruttoeinkommen nicht übersteigen."]}
            )
        return attrs


class VermoegenSerializer(ZeitraumSerializer):
    class Meta:
        model = Vermoegen
        fields = ["art", "bezeichnung", "wert", "schonvermoegen", *ZeitraumSerializer.ZEITRAUM_FELDER]


class AdresseSerializer(ZeitraumSerializer):
    gemeinde = GemeindeFeld(required=False, allow_null=True)

    class Meta:
        model = Adresse
        fields = [
            "strasse",
            "hausnummer",
            "adresszusatz",
            "postleitzahl",
            "ort",
            "gemeinde",
            *ZeitraumSerializer.ZEITRAUM_FELDER,
        ]


class BankverbindungSerializer(ZeitraumSerializer):
    class Meta:
        model = Bankverbindung
        fields = ["kontoinhaber", "iban", "bic", *ZeitraumSerializer.ZEITRAUM_FELDER]

    def validate_iban(self, value: str) -> str:
        return normalisiere_iban(value)

    def to_representation(self, instance):
        daten = super().to_representation(instance)
        if self.context.get("iban_maskieren"):
            # as in the staff UI: who may read but not change the person sees only the last four characters
            daten["iban"] = "•" * (len(daten["iban"]) - 4) + daten["iban"][-4:]
        return daten


class UnterkunftSerializer(ZeitraumSerializer):
    gemeinde = GemeindeFeld(required=False, help_text="AGS; ohne Angabe die Gemeinde des Haushalts")
    bruttokaltmiete = serializers.DecimalField(max_digits=13, decimal_places=2, read_only=True)

    class Meta:
        model = Unterkunft
        fields = [
            "kaltmiete",
            "nebenkosten",
            "heizkosten",
            "bruttokaltmiete",
            "wohnflaeche",
            "gemeinde",
            "warmwasser_dezentral",
            "angemessene_bruttokaltmiete",
            "angemessene_heizkosten",
            "kostensenkung_ab",
            *ZeitraumSerializer.ZEITRAUM_FELDER,
        ]


# --- Haushalte and Bedarfsgemeinschaften ------------------------------------------------------------------------


class BGMitgliedSerializer(serializers.ModelSerializer):
    kundennummer = serializers.CharField(source="person.kundennummer", read_only=True)
    familienname = serializers.CharField(source="person.familienname", read_only=True)
    vorname = serializers.CharField(source="person.vorname", read_only=True)
    geburtsdatum = serializers.DateField(source="person.geburtsdatum", read_only=True)

    class Meta:
        model = BGMitglied
        fields = ["kundennummer", "familienname", "vorname", "geburtsdatum", "rolle", "gueltig_ab", "gueltig_bis"]


class HaushaltSerializer(serializers.ModelSerializer):
    gemeinde = GemeindeFeld(read_only=True)
    gemeinde_name = serializers.CharField(source="gemeinde.name", read_only=True)
    unterkuenfte = UnterkunftSerializer(many=True, read_only=True, help_text="Unterkunftskosten mit Verlauf")

    class Meta:
        model = Haushalt
        fields = ["nummer", "gemeinde", "gemeinde_name", "unterkuenfte"]


class BGListeSerializer(serializers.ModelSerializer):
    dienststelle = serializers.SlugRelatedField(slug_field="kuerzel", read_only=True)
    haushalt = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    gemeinde = GemeindeFeld(source="haushalt.gemeinde", read_only=True)

    class Meta:
        model = Bedarfsgemeinschaft
        fields = ["bg_nummer", "rechtskreis", "dienststelle", "haushalt", "gemeinde", "angelegt_am"]


class BGSerializer(BGListeSerializer):
    haushalt = HaushaltSerializer(read_only=True)
    mitglieder = BGMitgliedSerializer(source="mitgliedschaften", many=True, read_only=True)

    class Meta(BGListeSerializer.Meta):
        fields = [*BGListeSerializer.Meta.fields, "mitglieder"]


class NeuesMitgliedSerializer(serializers.Serializer):
    kundennummer = serializers.CharField()
    rolle = serializers.ChoiceField(choices=BGMitglied.Rolle.choices)
    gueltig_ab = serializers.DateField()


class BGAnlegenSerializer(serializers.Serializer):
    """A new Bedarfsgemeinschaft; the responsible Dienststelle follows from the Zuständigkeitsmatrix."""

    rechtskreis = serializers.ChoiceField(choices=Rechtskreis.choices)
    gemeinde = GemeindeFeld(help_text="AGS der Gemeinde, in der der Haushalt wohnt")
    haushalt = serializers.CharField(
        required=False, help_text="Nummer eines bestehenden Haushalts; ohne Angabe wird ein neuer Haushalt angelegt"
    )
    mitglieder = NeuesMitgliedSerializer(many=True, allow_empty=False)

    def validate_rechtskreis(self, value: str) -> str:
        if value in NUR_VERWEIS:
            raise serializers.ValidationError(
                f"Im Rechtskreis {Rechtskreis(value).label} werden hier keine Leistungen erbracht (nur Verweisung)."
            )
        return value

    def validate_mitglieder(self, value: list[dict]) -> list[dict]:
        nummern = [m["kundennummer"].strip().upper() for m in value]
        if len(set(nummern)) != len(nummern):
            raise serializers.ValidationError("Jede Person darf nur einmal Mitglied sein.")
        if sum(m["rolle"] == BGMitglied.Rolle.ANTRAGSTELLER for m in value) != 1:
            raise serializers.ValidationError("Genau eine Person muss Antragsteller/in sein.")
        return value


class TokenAnfrageSerializer(serializers.Serializer):
    username = serializers.CharField(label="Benutzername")
    password = serializers.CharField(label="Passwort", style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.CharField(
        required=False,
        help_text="Sechsstelliger TOTP-Code; Pflicht für Konten mit zweitem Faktor (immer für die Administration)",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
