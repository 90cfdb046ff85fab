"""Forms of the E-Akte: uploading a document or a new version of one."""

from datetime import date

from django import forms

from sozialhaus.people.forms import KernFormMixin

from .models import Dokument
from .services import HOECHSTGROESSE


def hoechstens_20_mb(datei):
    """Refuse an upload larger than the E-Akte accepts (``HOECHSTGROESSE``) before it is read into memory."""
    if datei is not None and datei.size > HOECHSTGROESSE:
        raise forms.ValidationError("Die Datei ist größer als 20 MB.")
    return datei


class DokumentForm(KernFormMixin, forms.Form):
    """Upload into the E-Akte of a person or a BG; ``vorgaenger`` makes it a new version of a filed document."""

    art = forms.ChoiceField(label="Dokumentart", choices=[("", "Bitte wählen"), *Dokument.Art.choices])
    titel = forms.CharField(label="Titel", max_length=200)
    datum = forms.DateField(label="Datum des Dokuments", widget=forms.DateInput())
    datei = forms.FileField(
        label="Datei",
        help_text="PDF, Bild oder Office-Dokument, höchstens 20 MB.",
        error_messages={"invalid": "Die Datei konnte nicht gelesen werden.", "empty": "Die Datei ist leer."},
    )
    vorgaenger = forms.ModelChoiceField(
        label="Neue Version von",
        queryset=Dokument.objects.none(),
        required=False,
        empty_label="– neues Dokument –",
        error_messages={"invalid_choice": "Dieses Dokument liegt nicht in dieser Akte."},
    )

    def __init__(self, *args, akte_dokumente=None, **kwargs):
        kwargs.setdefault("initial", {"datum": date.today()})
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", "Bitte wählen")] + [c for c in Dokument.Art.choices if c[0] != "bescheid"]
        if akte_dokumente is not None:
            self.fields["vorgaenger"].queryset = akte_dokumente.filter(nachfolger__isnull=True)
        self.fields["vorgaenger"].label_from_instance = lambda d: f"{d.titel} (Version {d.version}, {d.datum:%d.%m.%Y})"
        self._kern_klassen()
        self.fields["datei"].error_messages["required"] = "Bitte wählen Sie eine Datei aus."

    def clean_datei(self):
        return hoechstens_20_mb(self.cleaned_data["datei"])
