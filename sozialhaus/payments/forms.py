"""Forms of the Zahlstelle's pages: prepare a Zahllauf (Träger, Leistungsmonat, Ausführungsdatum), the booking
report's year and the upload of a camt.054 file with Rückläufer. The forms check the input; whether a run may be
prepared is decided by ``services``, what a return file books by ``camt``."""

import re
from datetime import date

from django import forms

from sozialhaus.people.forms import KernFormMixin

from . import camt

MONAT = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{4})\s*$|^\s*(\d{4})-(\d{2})\s*$")


class MonatFeld(forms.CharField):
    """A month as ``MM/JJJJ`` (also ``JJJJ-MM``) → its first day."""

    def to_python(self, value) -> date | None:
        text = super().to_python(value)
        if not text:
            return None
        treffer = MONAT.match(text)
        if treffer:
            monat, jahr = (treffer[1], treffer[2]) if treffer[1] else (treffer[4], treffer[3])
            if 1 <= int(monat) <= 12 and 2000 <= int(jahr) <= 2099:
                return date(int(jahr), int(monat), 1)
        raise forms.ValidationError("Bitte geben Sie den Monat als MM/JJJJ ein, z. B. 12/2026.")


class ZahllaufForm(KernFormMixin, forms.Form):
    traeger = forms.ModelChoiceField(label="Träger", queryset=None, empty_label=None)
    monat = MonatFeld(
        label="Leistungsmonat (MM/JJJJ)",
        help_text="Gezahlt wird der Monat im Voraus und was aus früheren Monaten noch offen ist (Nachzahlungen).",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "12/2026"}),
    )
    ausfuehrungsdatum = forms.DateField(
        label="Ausführungsdatum",
        required=False,
        help_text="Ohne Angabe: der letzte Werktag vor dem Monat (frühestens heute).",
        widget=forms.DateInput(),
    )

    def __init__(self, *args, traeger, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["traeger"].queryset = traeger
        if traeger.count() == 1:
            self.fields["traeger"].widget = forms.HiddenInput()
            self.fields["traeger"].initial = traeger.first()
        self._kern_klassen()


class JahrForm(KernFormMixin, forms.Form):
    jahr = forms.IntegerField(label="Jahr", min_value=2000, max_value=2099)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jahr"].error_messages["invalid"] = "Bitte geben Sie ein Jahr ein, z. B. 2026."
        self.fields["jahr"].error_messages["min_value"] = "Bitte ein Jahr zwischen 2000 und 2099 angeben."
        self.fields["jahr"].error_messages["max_value"] = "Bitte ein Jahr zwischen 2000 und 2099 angeben."
        self._kern_klassen()


CAMT_HOECHSTGROESSE = 10 * 1024 * 1024
"""Largest camt.054 file accepted (10 MiB: a day's notification of the Kreiskasse is a few kB per return)."""


RICHTIGE_DATEI = (
    "Bitte wählen Sie die camt.054-Datei der Bank, nicht den Kontoauszug (camt.053, MT940 oder PDF) oder die "
    "SEPA-Datei eines Zahllaufs."
)


class RuecklaeuferForm(KernFormMixin, forms.Form):
    """Upload of the bank's camt.054 notification. Valid when the file is a schema-valid camt.054.001.08 message;
    ``cleaned_data`` then holds its bytes (``inhalt``) and the returns it reports (``rueckgaben``)."""

    datei = forms.FileField(
        label="camt.054-Datei der Bank (XML)",
        help_text="Die Datei »camt.054« aus dem Online-Banking der Kreiskasse, Version 08, höchstens 10 MB.",
        error_messages={"invalid": "Die Datei konnte nicht gelesen werden.", "empty": "Die Datei ist leer."},
        widget=forms.FileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kern_klassen()
        self.fields["datei"].error_messages["required"] = "Bitte wählen Sie die camt.054-Datei aus."

    def clean_datei(self):
        datei = self.cleaned_data["datei"]
        if datei.size > CAMT_HOECHSTGROESSE:
            raise forms.ValidationError(f"Die Datei ist größer als 10 MB. {RICHTIGE_DATEI}")
        inhalt = datei.read()
        try:
            self.cleaned_data["rueckgaben"] = camt.lies_camt054(inhalt)[1]
        except forms.ValidationError as fehler:
            raise forms.ValidationError(
                "Das ist keine Rückläuferdatei im Format camt.054 (Version 08). "
                f"{RICHTIGE_DATEI} Technische Angabe: {' '.join(fehler.messages)}"
            ) from fehler
        self.cleaned_data["inhalt"] = inhalt
        return datei
