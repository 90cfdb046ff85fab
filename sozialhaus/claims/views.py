"""Staff UI: the claims account of a person (Forderungen, bookings, Ratenplan, Aufrechnung, Niederschlagung,
Erlass) and the entry of incoming payments. Reading needs read access to the Forderung's BG (else 404), every change
goes through the services (German message and status 400 on bad input, 403 when not allowed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sozialhaus.cases.models import Entscheidung
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import Aktion, zugriff
from sozialhaus.people.models import Person
from sozialhaus.people.views import eigene_404

from . import aufrechnung, mahnung, recht, services
from .forms import AufrechnungForm, ErlassForm, FestsetzenForm, GrundForm, RatenplanForm, ZahlungseingangForm
from .konto import salden, status
from .models import Forderung


def _person(kundennummer: str) -> Person:
    return get_object_or_404(Person, kundennummer=kundennummer.upper())


def _konto_seite(request, person: Person, *, fehler=None, status_code=200):
    benutzer = request.user
    dienststelle = services.lesbar(benutzer, person)
    forderungen = list(
        services.forderungen_der_person(benutzer, person).prefetch_related("buchungen", "ratenplaene", "aufrechnungen")
    )
    offen = salden(forderungen)
    for f in forderungen:
        f.offen = offen[f.pk]
        f.status_text = status(f, f.offen)
        f.darf_aendern = zugriff(benutzer, f, Aktion.AENDERN) is not None
        f.teamleitung = services.ist_teamleitung(benutzer, f)
        f.ratenplan = f.ratenplaene.first()
        if f.ratenplan:
            f.rueckstand, _ = mahnung.rueckstand(f.ratenplan, services._heute())
    festsetzbar = [
        (e, betrag, FestsetzenForm(gruende=recht.gruende(e.antrag.rechtskreis)))
        for e, betrag in services.offene_ueberzahlungen(benutzer, person)
    ]
    protokolliere(
        benutzer,
        AuditAktion.LESEN,
        person,
        dienststelle=dienststelle,
        details={"forderungskonto": [f.nummer for f in forderungen]},
    )
    return render(
        request,
        "claims/konto.html",
        {
            "person": person,
            "forderungen": forderungen,
            "summe_offen": sum(offen.values(), start=services.NULL),
            "festsetzbar": festsetzbar,
            "fehler": fehler or [],
            "formulare": {
                "ratenplan": RatenplanForm(),
                "aufrechnung": AufrechnungForm(),
                "grund": GrundForm(),
                "erlass": ErlassForm(),
            },
        },
        status=status_code,
    )


@login_required
@require_http_methods(["GET"])
@eigene_404
def konto(request, kundennummer):
    return _konto_seite(request, _person(kundennummer))


def _fehlerantwort(request, person, fehler: ValidationError | list[str]):
    texte = fehler.messages if isinstance(fehler, ValidationError) else fehler
    return _konto_seite(request, person, fehler=texte, status_code=400)


def _formfehler(form) -> list[str]:
    return [
        f"{form.fields[feld].label if feld in form.fields else ''}: {' '.join(f)}".lstrip(": ")
        for feld, f in form.errors.items()
    ]


@login_required
@require_POST
@eigene_404
def festsetzen(request, kundennummer, entscheidung):
    person = _person(kundennummer)
    entscheidung = get_object_or_404(Entscheidung.objects.select_related("antrag"), pk=entscheidung)
    services.lesbar(request.user, entscheidung)
    form = FestsetzenForm(request.POST, gruende=recht.gruende(entscheidung.antrag.rechtskreis))
    if not form.is_valid():
        return _fehlerantwort(request, person, _formfehler(form))
    try:
        neu = services.forderungen_festsetzen(request.user, entscheidung, grund=form.cleaned_data["grund"])
    except ValidationError as fehler:
        return _fehlerantwort(request, person, fehler)
    messages.success(
        request, f"Erstattung festgesetzt: {', '.join(f.nummer for f in neu)}. Der Bescheid liegt in der E-Akte."
    )
    return redirect("forderungskonto", person.kundennummer)


AKTIONEN = {
    "ratenplan": (RatenplanForm, lambda b, f, d: services.ratenplan_vereinbaren(b, f, **d), "Ratenplan vereinbart."),
    "aufrechnung": (
        AufrechnungForm,
        lambda b, f, d: aufrechnung.aufrechnung_erklaeren(b, f, **d),
        "Aufrechnung erklärt; der Bescheid liegt in der E-Akte.",
    ),
    "niederschlagung": (GrundForm, lambda b, f, d: services.niederschlagen(b, f, **d), "Forderung niedergeschlagen."),
    "wiederaufnahme": (GrundForm, lambda b, f, d: services.wiederaufnehmen(b, f, **d), "Forderung wieder aufgenommen."),
    "erlass": (ErlassForm, lambda b, f, d: services.erlassen(b, f, **d), "Erlass gebucht."),
}


@login_required
@require_POST
@eigene_404
def aktion(request, nummer, aktion):
    if aktion not in AKTIONEN:
        return render(request, "404.html", status=404)
    forderung = get_object_or_404(Forderung.objects.select_related("person"), nummer=nummer)
    services.lesbar(request.user, forderung)
    formular, ausfuehren, erfolg = AKTIONEN[aktion]
    form = formular(request.POST)
    if not form.is_valid():
        return _fehlerantwort(request, forderung.person, _formfehler(form))
    try:
        ausfuehren(request.user, forderung, form.cleaned_data)
    except ValidationError as fehler:
        return _fehlerantwort(request, forderung.person, fehler)
    messages.success(request, f"{forderung.nummer}: {erfolg}")
    return redirect("forderungskonto", forderung.person.kundennummer)


@login_required
@require_http_methods(["GET", "POST"])
@eigene_404
def zahlungseingang(request):
    form = ZahlungseingangForm(request.POST or None)
    status_code, fehler = 200, []
    if request.method == "POST":
        status_code = 400
        if form.is_valid():
            try:
                ergebnis = services.zahlungseingang_buchen(request.user, **form.cleaned_data)
            except ValidationError as e:
                fehler = e.messages
            else:
                if hasattr(ergebnis, "forderung"):
                    messages.success(request, f"Zahlungseingang auf Forderung {ergebnis.forderung.nummer} gebucht.")
                else:
                    messages.warning(
                        request,
                        "Kein bekanntes Kassenzeichen im Verwendungszweck: Der Zahlungseingang steht in der Liste der "
                        "nicht zugeordneten Zahlungseingänge.",
                    )
                return redirect("zahlungseingang")
        else:
            fehler = _formfehler(form)
    return render(
        request,
        "claims/zahlungseingang.html",
        {"form": form, "fehler": fehler, "offen": services.offene_zahlungseingaenge(request.user)},
        status=status_code,
    )
