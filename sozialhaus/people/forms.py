"""Forms of the staff UI for persons, their facts and the Unterkunft of a Haushalt.

Validation comes from the models (German messages of the model validators); the forms only add the
KERN UX markup attributes and the fields that are not model fields (Dienststelle, duplicate confirmation).
"""

from django import forms
from django.core.exceptions import ValidationError

from sozialhaus.core.models import Dienststelle

from .models import Adresse, Bankverbindung, Einkommen, Person, Unterkunft, Vermoegen

PFLICHT = "Bitte füllen Sie dieses Feld aus."
UNGUELTIGES_DATUM = "Bitte geben Sie ein gültiges Datum ein (TT.MM.JJJJ)."
UNGUELTIGE_ZAHL = "Bitte geben Sie einen Betrag ein, z. B. 450,00."


class Betrag(forms.DecimalField):
    """Decimal input in German notation: "1.250,50", "1250,50" and "1250.50" are all accepted."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u202f", "").replace("€", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {}


class KernFormMixin:
    """Give widgets the KERN classes and, after validation, ``aria-invalid``/``aria-describedby`` for errors."""

    def _kern_klassen(self) -> None:
        for name, feld in list(self.fields.items()):
            if isinstance(feld, forms.DecimalField) and not isinstance(feld, Betrag):
                feld = self.fields[name] = Betrag(
                    max_digits=feld.max_digits,
                    decimal_places=feld.decimal_places,
                    required=feld.required,
                    label=feld.label,
                    help_text=feld.help_text,
                    initial=feld.initial,
                )
            widget = feld.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "kern-form-check__checkbox")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "kern-form-input__select")
            else:
                widget.attrs.setdefault("class", "kern-form-input__input")
            if isinstance(widget, forms.DateInput):
                # A text field in German notation: typing is faster than a date picker, and the format does not
                # depend on the browser's locale.
                widget.input_type = "text"
                widget.format = "%d.%m.%Y"
                widget.attrs["inputmode"] = "numeric"
                widget.attrs.setdefault("autocomplete", "off")
                if "TT.MM.JJJJ" not in str(feld.label):
                    feld.label = f"{feld.label} (TT.MM.JJJJ)"
            if feld.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}_hinweis"
            feld.error_messages.setdefault("required", PFLICHT)
            feld.error_messages["required"] = PFLICHT
            if isinstance(feld, forms.DateField):
                feld.error_messages["invalid"] = UNGUELTIGES_DATUM
                feld.input_formats = ["%d.%m.%Y", "%Y-%m-%d"]
            if isinstance(feld, forms.DecimalField):
                feld.error_messages["invalid"] = UNGUELTIGE_ZAHL
                feld.error_messages["max_decimal_places"] = "Bitte höchstens zwei Nachkommastellen angeben."
                feld.error_messages["max_digits"] = "Der Betrag ist zu groß."
                feld.error_messages["max_whole_digits"] = "Der Betrag ist zu groß."

    def full_clean(self):
        super().full_clean()
        self._markiere_fehler()

    def add_error(self, field, error):
        super().add_error(field, error)
        if hasattr(self, "cleaned_data"):
            self._markiere_fehler()

    def _markiere_fehler(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            ids = [f"id_{self.add_prefix(name)}_fehler"]
            if self.fields[name].help_text:
                ids.append(f"id_{self.add_prefix(name)}_hinweis")
            widget.attrs["aria-describedby"] = " ".join(ids)
            klasse = widget.attrs.get("class", "")
            if klasse and "--error" not in klasse:
                widget.attrs["class"] = f"{klasse} {klasse.split()[0]}--error"


class PersonForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
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
        ]
        widgets = {
            "geburtsdatum": forms.DateInput(),
            "aufenthalt_seit": forms.DateInput(),
            "dauerhaft_voll_erwerbsgemindert_seit": forms.DateInput(),
        }
        help_texts = {
            "staatsangehoerigkeit": "Ländercode, z. B. DE, SY, UA",
            "steuer_id": "11 Ziffern",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["geschlecht"].choices = [("", "Bitte wählen")] + list(Person.Geschlecht.choices)
        self.fields["email"].error_messages["invalid"] = "Bitte geben Sie eine gültige E-Mail-Adresse ein."
        self.fields["familienname"].widget.attrs["autocomplete"] = "off"
        self.fields["vorname"].widget.attrs["autocomplete"] = "off"
        self._kern_klassen()

    def clean_staatsangehoerigkeit(self):
        return (self.cleaned_data.get("staatsangehoerigkeit") or "").strip().upper()

    def clean_steuer_id(self):
        return (self.cleaned_data.get("steuer_id") or "").replace(" ", "")


class PersonAnlegenForm(PersonForm):
    """Master data plus the registering Dienststelle (from ``darf_anlegen``) and the duplicate confirmation."""

    dienststelle = forms.ModelChoiceField(
        label="Erfassende Dienststelle",
        queryset=Dienststelle.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Für diese Dienststelle dürfen Sie keine Personen anlegen."},
    )
    trotzdem_anlegen = forms.BooleanField(
        label="Es handelt sich um eine andere Person – trotzdem anlegen",
        required=False,
    )

    class Meta(PersonForm.Meta):
        fields = ["dienststelle", *PersonForm.Meta.fields]

    def __init__(self, *args, dienststellen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dienststelle"].queryset = Dienststelle.objects.filter(pk__in=[d.pk for d in dienststellen])
        self.order_fields(["dienststelle", *PersonForm.Meta.fields])


class FaktForm(KernFormMixin, forms.ModelForm):
    """Base for a new version of a time-versioned fact: ``gueltig_ab`` is required, ``gueltig_bis`` is set later."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, feld in self.fields.items():
            if isinstance(feld, forms.TypedChoiceField) and name == "art":
                feld.choices = [("", "Bitte wählen")] + [c for c in feld.choices if c[0]]
        self._kern_klassen()


class AdresseForm(FaktForm):
    class Meta:
        model = Adresse
        fields = ["gueltig_ab", "strasse", "hausnummer", "adresszusatz", "postleitzahl", "ort", "gemeinde"]
        widgets = {"gueltig_ab": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeinde"].empty_label = "außerhalb des Kreises"


class BankverbindungForm(FaktForm):
    class Meta:
        model = Bankverbindung
        fields = ["gueltig_ab", "kontoinhaber", "iban", "bic"]
        widgets = {"gueltig_ab": forms.DateInput()}
        help_texts = {"iban": "z. B. DE02 1203 0000 0000 2020 51"}

    def clean_iban(self):
        return (self.cleaned_data.get("iban") or "").replace(" ", "").upper()

    def clean_bic(self):
        return (self.cleaned_data.get("bic") or "").replace(" ", "").upper()


class EinkommenForm(FaktForm):
    class Meta:
        model = Einkommen
        fields = ["gueltig_ab", "art", "brutto", "netto"]
        widgets = {"gueltig_ab": forms.DateInput()}

    def clean(self):
        daten = super().clean()
        brutto, netto = daten.get("brutto"), daten.get("netto")
        if brutto is not None and netto is not None and netto > brutto:
            self.add_error(
                "netto", ValidationError("Das Nettoeinkommen darf nicht höher als das Bruttoeinkommen sein.")
            )
        return daten


class VermoegenForm(FaktForm):
    class Meta:
        model = Vermoegen
        fields = ["gueltig_ab", "art", "bezeichnung", "wert", "schonvermoegen"]
        widgets = {"gueltig_ab": forms.DateInput()}
        help_texts = {
            "bezeichnung": "Zur Unterscheidung mehrerer Gegenstände gleicher Art, z. B. „Girokonto Sparkasse“."
        }


class UnterkunftForm(FaktForm):
    class Meta:
        model = Unterkunft
        fields = [
            "gueltig_ab",
            "kaltmiete",
            "nebenkosten",
            "heizkosten",
            "wohnflaeche",
            "gemeinde",
            "warmwasser_dezentral",
            "angemessene_bruttokaltmiete",
            "angemessene_heizkosten",
            "kostensenkung_ab",
        ]
        widgets = {"gueltig_ab": forms.DateInput(), "kostensenkung_ab": forms.DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeinde"].empty_label = "Bitte wählen"


FAKTEN = {
    "adresse": (AdresseForm, "Neue Anschrift", "adressen"),
    "bankverbindung": (BankverbindungForm, "Neue Bankverbindung", "bankverbindungen"),
    "einkommen": (EinkommenForm, "Neues Einkommen", "einkommen"),
    "vermoegen": (VermoegenForm, "Neues Vermögen", "vermoegen"),
}


class PersonSucheForm(forms.Form):
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=100,
        help_text="Familienname und Vorname, Anfang genügt",
    )
    geburtsdatum = forms.DateField(label="Geburtsdatum", required=False, widget=forms.DateInput())
    kundennummer = forms.CharField(label="Kundennummer", required=False, max_length=12)
    bg_nummer = forms.CharField(label="BG-Nummer", required=False, max_length=16)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for feld in self.fields.values():
            feld.widget.attrs["class"] = "kern-form-input__input"
            feld.widget.attrs["autocomplete"] = "off"
        self.fields["name"].widget.attrs["aria-describedby"] = "id_name_hinweis"
        self.fields["geburtsdatum"].label = "Geburtsdatum (TT.MM.JJJJ)"
        self.fields["geburtsdatum"].widget.format = "%d.%m.%Y"
        self.fields["geburtsdatum"].widget.attrs["inputmode"] = "numeric"
        self.fields["geburtsdatum"].input_formats = ["%d.%m.%Y", "%Y-%m-%d"]
        self.fields["geburtsdatum"].error_messages["invalid"] = UNGUELTIGES_DATUM

    def hat_kriterien(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.get(f) for f in self.fields)
