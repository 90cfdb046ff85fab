"""Forms of the staff UI for Anträge: create, status, checklist of Nachweise, preview, decisions.

Each form of the Antrag page has its own prefix, so several forms live on one page with unique field ids (the
error summary links to them). The forms check the input; the rules of the case (allowed transitions, what may be
decided when) are the services' (``cases.services``), whose ValidationErrors are shown on the form.
"""

from datetime import date
from decimal import Decimal

from django import forms

from sozialhaus.people.forms import Betrag, KernFormMixin
from sozialhaus.records.forms import hoechstens_20_mb

from .models import Antrag, Einmalleistung, Entscheidung, Nachweis


class KernForm(KernFormMixin, forms.Form):
    """A form of the Antrag page; ``antrag`` is the Antrag it acts on (used where the choices depend on it)."""

    def __init__(self, *args, antrag=None, **kwargs):
        self.antrag = antrag
        super().__init__(*args, **kwargs)
        self._kern_klassen()


def _datum(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(), **kwargs)


def _text(label: str, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), **kwargs)


class AntragForm(KernForm):
    art = forms.ChoiceField(label="Antragsart", choices=[("", "Bitte wählen"), *Antrag.Art.choices])
    eingegangen_am = _datum("Antrag eingegangen am")
    angaben_antragsteller = _text(
        "Angaben der antragstellenden Person",
        required=False,
        help_text="Eigene Angaben im Antrag; sie werden von einer Person gewürdigt (§ 31a Satz 2 SGB X).",
    )
    vorentscheidung = forms.ModelChoiceField(
        label="Bisherige Entscheidung",
        queryset=Entscheidung.objects.none(),
        required=False,
        empty_label="– keine –",
        help_text="Bei Weiterbewilligung und Änderungsmitteilung: die Entscheidung, die fortgesetzt oder geändert wird.",
        error_messages={"invalid_choice": "Diese Entscheidung gehört nicht zu dieser Bedarfsgemeinschaft."},
    )

    def __init__(self, *args, bg, **kwargs):
        kwargs.setdefault("initial", {"eingegangen_am": date.today()})
        super().__init__(*args, **kwargs)
        feld = self.fields["vorentscheidung"]
        feld.queryset = Entscheidung.objects.filter(antrag__bedarfsgemeinschaft=bg).exclude(
            art__in=(Entscheidung.Art.ABLEHNUNG, Entscheidung.Art.EINMALLEISTUNG)
        )
        feld.label_from_instance = lambda e: (
            f"{e.get_art_display()} vom {e.entschieden_am:%d.%m.%Y} zu {e.antrag.aktenzeichen}"
        )


class StatusForm(KernForm):
    """Any known status is accepted (the state machine of ``services.status_setzen`` answers with its message);
    the page offers only the allowed ones (``nur_erlaubte``)."""

    prefix = "status"
    nach = forms.ChoiceField(label="Neuer Status", choices=Antrag.Status.choices)
    grund = forms.CharField(label="Grund", max_length=300, required=False)

    def nur_erlaubte(self, erlaubt) -> "StatusForm":
        self.fields["nach"].choices = [(s.value, s.label) for s in Antrag.Status if s in erlaubt]
        return self


class NachweisAnfordernForm(KernForm):
    prefix = "anfordern"
    bezeichnung = forms.CharField(label="Nachweis", max_length=200)
    frist = _datum("Frist zur Mitwirkung", help_text="Angemessene Frist nach § 66 Abs. 3 SGB I.")


class NachweisEingangForm(KernForm):
    prefix = "eingang"
    nachweis = forms.ModelChoiceField(
        label="Nachweis",
        queryset=Nachweis.objects.none(),
        empty_label="Bitte wählen",
        error_messages={"invalid_choice": "Dieser Nachweis ist bereits eingegangen oder gehört nicht zum Antrag."},
    )
    eingegangen_am = _datum("Eingegangen am")
    datei = forms.FileField(
        label="Dokument (wird in der E-Akte abgelegt)", required=False, help_text="Höchstens 20 MB."
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"eingegangen_am": date.today()})
        super().__init__(*args, **kwargs)
        self.fields["nachweis"].queryset = self.antrag.nachweise.filter(eingegangen_am__isnull=True)

    def clean_datei(self):
        return hoechstens_20_mb(self.cleaned_data.get("datei"))


class ZeitraumForm(KernForm):
    von = _datum("von")
    bis = _datum("bis")

    def clean(self):
        daten = super().clean()
        if daten.get("von") and daten.get("bis") and daten["bis"] < daten["von"]:
            self.add_error("bis", "„bis“ darf nicht vor „von“ liegen.")
        return daten


class BewilligenForm(KernForm):
    prefix = "bewilligung"
    vorlaeufig = forms.BooleanField(label="vorläufig entscheiden (§ 41a Abs. 1 SGB II)", required=False)
    vorlaeufig_grund = forms.CharField(label="Grund der Vorläufigkeit", max_length=300, required=False)

    def clean(self):
        daten = super().clean()
        if daten.get("vorlaeufig") and not daten.get("vorlaeufig_grund", "").strip():
            self.add_error("vorlaeufig_grund", "Bitte geben Sie den Grund der vorläufigen Entscheidung an.")
        return daten


class EinmalleistungForm(KernForm):
    """Grant a one-off benefit on an Antrag auf einmalige Leistung (§ 24 Abs. 3 SGB II, § 31 SGB XII)."""

    prefix = "einmalleistung"
    art = forms.ChoiceField(label="Art der Leistung", choices=[("", "Bitte wählen"), *Einmalleistung.Art.choices])
    betrag = Betrag(
        label="Betrag in Euro",
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text="Auch als Pauschalbetrag (§ 24 Abs. 3 Satz 5 SGB II, § 31 Abs. 3 SGB XII), z. B. 420,00.",
        error_messages={
            "min_value": "Der Betrag der einmaligen Leistung muss größer als 0,00 € sein.",
            "invalid": "Bitte den Betrag als Zahl angeben, z. B. 420,00.",
            "max_decimal_places": "Bitte den Betrag in Euro mit höchstens zwei Nachkommastellen angeben.",
            "max_digits": "Der Betrag der einmaligen Leistung ist unplausibel hoch.",
            "max_whole_digits": "Der Betrag der einmaligen Leistung ist unplausibel hoch.",
        },
    )
    begruendung = _text(
        "Begründung",
        required=False,
        help_text="Nicht nötig, wenn wie beantragt bewilligt wird (§ 35 Abs. 2 Nr. 1 SGB X).",
    )


class AblehnenForm(KernForm):
    prefix = "ablehnung"
    begruendung = _text("Begründung der Ablehnung")


class AendernForm(KernForm):
    prefix = "aenderung"
    ab = _datum("Ändern ab")
    rechtsgrundlage = forms.ChoiceField(
        label="Rechtsgrundlage",
        choices=[("", "Bitte wählen")]
        + [(w, t) for w, t in Entscheidung.Rechtsgrundlage.choices if w in ("sgb10_48", "sgb10_45")],
    )
    begruendung = _text("Begründung")


class AbschliessendForm(KernForm):
    """Final decision on the Antrag's vorläufige Bewilligung (§ 41a Abs. 3 SGB II, § 44a Abs. 5 SGB XII)."""

    prefix = "abschliessend"
    entscheidung = forms.ModelChoiceField(
        queryset=Entscheidung.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Diese Entscheidung ist keine vorläufige Entscheidung dieses Antrags."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entscheidung"].queryset = self.antrag.entscheidungen.filter(
            verbindlichkeit=Entscheidung.Verbindlichkeit.VORLAEUFIG
        )


class BerechnenForm(ZeitraumForm):
    prefix = "berechnung"
