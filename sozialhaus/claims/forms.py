"""Forms of the claims account page (German labels; the services check the law)."""

from django import forms

from .models import Grund


class _Datum(forms.DateInput):
    input_type = "date"


class FestsetzenForm(forms.Form):
    grund = forms.ChoiceField(
        label="Rechtsgrund der Erstattung",
        help_text="Bestimmt, ob und in welcher Höhe aufgerechnet werden darf (§ 43 Abs. 2 SGB II, §§ 26, 44b SGB XII).",
    )

    def __init__(self, *args, gruende=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grund"].choices = [(g, Grund(g).label) for g in gruende]


class RatenplanForm(forms.Form):
    rate = forms.DecimalField(label="Monatliche Rate (€)", min_value=0.01, max_digits=12, decimal_places=2)
    erste_rate = forms.DateField(
        label="Erste Rate fällig am", widget=_Datum, help_text="Der Tag (1. bis 28.) ist der Fälligkeitstag jeder Rate."
    )


class AufrechnungForm(forms.Form):
    prozent = forms.DecimalField(
        label="Prozent des maßgebenden Regelbedarfs",
        max_digits=5,
        decimal_places=2,
        help_text="SGB II: 10 % (§ 41a, § 48 Abs. 1 Satz 2 Nr. 3 SGB X) oder 30 %; zusammen höchstens 30 %.",
    )
    ab = forms.DateField(label="Ab Leistungsmonat (erster Tag)", widget=_Datum)
    begruendung = forms.CharField(label="Begründung (Ermessenserwägungen)", widget=forms.Textarea(attrs={"rows": 3}))


class ZahlungseingangForm(forms.Form):
    referenz = forms.CharField(
        label="Verwendungszweck", max_length=140, help_text="Mit Kassenzeichen, z. B. 03461-F-2025-000001"
    )
    betrag = forms.DecimalField(label="Betrag (€)", min_value=0.01, max_digits=12, decimal_places=2)
    eingegangen_am = forms.DateField(label="Eingegangen am", widget=_Datum)
    einzahler = forms.CharField(label="Einzahler/in", max_length=140, required=False)


class GrundForm(forms.Form):
    grund = forms.CharField(label="Grund", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ErlassForm(GrundForm):
    betrag = forms.DecimalField(
        label="Betrag (€)", required=False, max_digits=12, decimal_places=2, help_text="Leer: der ganze offene Betrag."
    )
