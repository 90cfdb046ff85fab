"""Staff UI of the flow from Antrag to Bescheid: create, check, calculate, decide, § 31a SGB X, Bescheid PDF.

The views only translate between HTTP and the services of ``cases.services`` (state machine, checklist,
calculation, decisions) and ``cases.automatik``; they decide nothing themselves. Rules every view follows:

* access through ``core.permissions``: an Antrag the user may not read is a 404, a change the user may not make
  a 403;
* every page showing the case writes one audit entry (``protokolliere``), every change is audited by its service;
* a change rejected because the input is malformed answers 400, one the case does not allow in its current state
  (wrong transition, nothing to decide) 409 — both with the German message on the re-rendered page, nothing saved.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Dienststelle, Rolle
from sozialhaus.core.permissions import VERWEIGERT, Aktion, befugnisse, pruefe, zugriff
from sozialhaus.notices.models import Bescheid
from sozialhaus.people.models import Bedarfsgemeinschaft
from sozialhaus.people.views import eigene_404, lesen_oder_404
from sozialhaus.records.models import Dokument
from sozialhaus.records.services import dokument_ablegen
from sozialhaus.records.views import dokument_antwort

from . import automatik, services
from .forms import (
    AblehnenForm,
    AbschliessendForm,
    AendernForm,
    AntragForm,
    BerechnenForm,
    BewilligenForm,
    EinmalleistungForm,
    NachweisAnfordernForm,
    NachweisEingangForm,
    StatusForm,
    ZeitraumForm,
)
from .models import Antrag, Entscheidung
from .zeitraum import monatsanfang, monatsende, plus_monate

ABLEHNBAR = (Antrag.Status.EINGEGANGEN, Antrag.Status.IN_PRUEFUNG, Antrag.Status.ENTSCHEIDUNGSREIF)
"""Status in which an Antrag may be refused (``services.ablehnen``), e.g. for lack of cooperation (§ 66 SGB I)."""

MONATLICH_NICHT_BEWILLIGBAR = (Antrag.Art.AENDERUNG, Antrag.Art.EINMALBEDARF)
"""Antragsarten decided otherwise than by the monthly Bewilligung (Änderung; einmalige Leistung)."""

VORSCHAU_MONATE = 12
"""Default length of the preview: the usual Bewilligungszeitraum (§ 41 Abs. 3 SGB II, § 44 Abs. 3 SGB XII)."""


def _antrag(aktenzeichen: str) -> Antrag:
    return get_object_or_404(
        Antrag.objects.select_related("bedarfsgemeinschaft__haushalt", "dienststelle", "bearbeiter"),
        aktenzeichen=aktenzeichen.upper(),
    )


def _aendern_erlaubt(benutzer, antrag: Antrag):
    """Dienststelle under which ``benutzer`` changes ``antrag``: 404 if they may not read it, 403 if only that."""
    lesen_oder_404(benutzer, antrag)
    return pruefe(benutzer, antrag, Aktion.AENDERN)


# --- the Antrag page ---------------------------------------------------------------------------------------------


def _vorschau_zeitraum(antrag: Antrag) -> dict:
    von = monatsanfang(antrag.wirkt_ab)
    return {"von": von, "bis": monatsende(plus_monate(von, VORSCHAU_MONATE - 1))}


def _formulare(antrag: Antrag, gebunden=None) -> dict:
    """The forms of the Antrag page; ``gebunden`` (a bound form with errors) replaces its unbound twin."""
    formulare = {
        "status_form": StatusForm(),
        "anfordern_form": NachweisAnfordernForm(),
        "eingang_form": NachweisEingangForm(antrag=antrag),
        "berechnen_form": BerechnenForm(initial=_vorschau_zeitraum(antrag)),
        "bewilligen_form": BewilligenForm(),
        "einmalleistung_form": EinmalleistungForm(),
        "ablehnen_form": AblehnenForm(),
        "aendern_form": AendernForm(initial={"ab": monatsanfang(antrag.wirkt_ab)}),
    }
    for name, form in formulare.items():
        if gebunden is not None and type(form) is type(gebunden):
            formulare[name] = gebunden
    formulare["status_form"].nur_erlaubte(services.erlaubte_status(antrag))
    return formulare


def _abschliessbar(antrag: Antrag) -> set[int]:
    """Pks of the Antrag's vorläufige decisions not yet finally decided (§ 41a Abs. 3 SGB II)."""
    return set(
        antrag.entscheidungen.filter(verbindlichkeit=Entscheidung.Verbindlichkeit.VORLAEUFIG)
        .exclude(aenderungen__verbindlichkeit=Entscheidung.Verbindlichkeit.ABSCHLIESSEND)
        .values_list("pk", flat=True)
    )


def _antrag_seite(request, antrag: Antrag, *, gebunden=None, status: int = 200, fehler: str = ""):
    """Render the Antrag page (after a failed change with the form and the message); one audit entry."""
    benutzer = request.user
    dienststelle = lesen_oder_404(benutzer, antrag)
    darf_aendern = zugriff(benutzer, antrag, Aktion.AENDERN) is not None
    entscheidungen = antrag.entscheidungen.select_related(
        "entschieden_von", "aendert", "einmalleistung"
    ).prefetch_related("monate", "bescheide")
    entscheidungsreif = antrag.status == Antrag.Status.ENTSCHEIDUNGSREIF
    nachweise = list(antrag.nachweise.select_related("dokument"))
    protokolliere(
        benutzer,
        AuditAktion.LESEN,
        antrag,
        dienststelle=dienststelle,
        details={"fehler": True} if status >= 400 else {},
    )
    kontext = {
        "antrag": antrag,
        "bg": antrag.bedarfsgemeinschaft,
        "mitglieder": antrag.bedarfsgemeinschaft.mitgliedschaften.select_related("person").order_by("gueltig_ab"),
        "nachweise": nachweise,
        "nachweise_offen": any(n.eingegangen_am is None for n in nachweise),
        "entscheidungen": entscheidungen,
        "statuswechsel": antrag.statuswechsel.select_related("benutzer"),
        "automatikpruefung": antrag.automatikpruefungen.first(),
        "darf_aendern": darf_aendern,
        "offen": antrag.status not in (Antrag.Status.ENTSCHIEDEN, Antrag.Status.ZURUECKGENOMMEN),
        "kann_bewilligen": darf_aendern and entscheidungsreif and antrag.art not in MONATLICH_NICHT_BEWILLIGBAR,
        "kann_einmalig_bewilligen": darf_aendern and entscheidungsreif and antrag.art == Antrag.Art.EINMALBEDARF,
        "kann_ablehnen": darf_aendern and antrag.art != Antrag.Art.AENDERUNG and antrag.status in ABLEHNBAR,
        "kann_aendern": darf_aendern and entscheidungsreif and antrag.art == Antrag.Art.AENDERUNG,
        "abschliessbar": _abschliessbar(antrag) if darf_aendern else set(),
        "fehler": fehler,
        "fehlerformulare": [gebunden] if gebunden is not None and gebunden.errors else [],
        **_formulare(antrag, gebunden),
    }
    return render(request, "cases/antrag.html", kontext, status=status)


@login_required
@require_GET
@eigene_404
def antrag_detail(request, aktenzeichen):
    return _antrag_seite(request, _antrag(aktenzeichen))


def _aenderung(request, aktenzeichen, form_klasse, ausfuehren, erfolg: str):
    """Run one change of an Antrag from a POSTed form: 400 for malformed input, 409 when the service refuses.

    ``ausfuehren(benutzer, antrag, dienststelle, cleaned_data)`` calls the service; it returns a success message
    suffix or None.
    """
    antrag = _antrag(aktenzeichen)
    dienststelle = _aendern_erlaubt(request.user, antrag)
    form = form_klasse(request.POST, request.FILES, antrag=antrag)
    if not form.is_valid():
        return _antrag_seite(request, antrag, gebunden=form, status=400)
    try:
        with transaction.atomic():
            zusatz = ausfuehren(request.user, antrag, dienststelle, form.cleaned_data)
    except ValidationError as fehler:
        meldung = " ".join(fehler.messages)
        return _antrag_seite(request, _antrag(aktenzeichen), gebunden=form, status=409, fehler=meldung)
    messages.success(request, f"{erfolg}{zusatz or ''}")
    return redirect("antrag_detail", aktenzeichen=antrag.aktenzeichen)


# --- create ------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@eigene_404
def antrag_neu(request, bg_nummer):
    benutzer = request.user
    bg = get_object_or_404(Bedarfsgemeinschaft.objects.select_related("dienststelle"), bg_nummer=bg_nummer.upper())
    lesen_oder_404(benutzer, bg)
    dienststelle = pruefe(benutzer, bg, Aktion.ANLEGEN)
    form = AntragForm(request.POST or None, bg=bg)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                antrag = services.antrag_anlegen(benutzer, bg, **form.cleaned_data)
            except ValidationError as fehler:
                form.add_error(None, fehler)
            else:
                messages.success(request, f"Der Antrag wurde mit dem Aktenzeichen {antrag.aktenzeichen} angelegt.")
                return redirect("antrag_detail", aktenzeichen=antrag.aktenzeichen)
        status = 400
    else:
        protokolliere(benutzer, AuditAktion.LESEN, bg, dienststelle=dienststelle, details={"seite": "antrag_neu"})
    return render(
        request,
        "cases/antrag_neu.html",
        {"form": form, "bg": bg, "fehlerformulare": [form] if form.errors else []},
        status=status,
    )


# --- status and checklist ----------------------------------------------------------------------------------------


@login_required
@require_POST
@eigene_404
def antrag_status(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        services.status_setzen(benutzer, antrag, daten["nach"], grund=daten["grund"])

    return _aenderung(request, aktenzeichen, StatusForm, ausfuehren, "Der Status wurde geändert.")


@login_required
@require_POST
@eigene_404
def nachweis_anfordern(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        services.nachweis_anfordern(benutzer, antrag, bezeichnung=daten["bezeichnung"], frist=daten["frist"])

    return _aenderung(request, aktenzeichen, NachweisAnfordernForm, ausfuehren, "Der Nachweis wurde angefordert.")


@login_required
@require_POST
@eigene_404
def nachweis_eingang(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        nachweis = daten["nachweis"]
        dokument = None
        if daten["datei"] is not None:
            dokument = _nachweis_ablegen(benutzer, antrag, dienststelle, nachweis, daten)
        services.nachweis_eingegangen(benutzer, nachweis, eingegangen_am=daten["eingegangen_am"], dokument=dokument)
        return " Das Dokument liegt in der E-Akte." if dokument else None

    return _aenderung(request, aktenzeichen, NachweisEingangForm, ausfuehren, "Der Nachweis ist eingetragen.")


def _nachweis_ablegen(benutzer, antrag, dienststelle, nachweis, daten) -> Dokument:
    datei = daten["datei"]
    return dokument_ablegen(
        akte=antrag.bedarfsgemeinschaft,
        art=Dokument.Art.NACHWEIS,
        titel=f"{nachweis.bezeichnung} ({antrag.aktenzeichen})",
        datum=daten["eingegangen_am"],
        dienststelle=dienststelle,
        dateiname=datei.name,
        mime_typ=datei.content_type or "application/octet-stream",
        inhalt=datei.read(),
        benutzer=benutzer,
    )


# --- calculation preview (htmx partial) --------------------------------------------------------------------------


@login_required
@require_GET
@eigene_404
def antrag_berechnen(request, aktenzeichen):
    """Preview of the months with amounts and Berechnungsbogen, calculated from the facts as they stood."""
    benutzer = request.user
    antrag = _antrag(aktenzeichen)
    dienststelle = lesen_oder_404(benutzer, antrag)
    form = BerechnenForm(request.GET)
    monate, fehler = [], ""
    if form.is_valid():
        try:
            monate = services.berechne_monate(antrag, form.cleaned_data["von"], form.cleaned_data["bis"])
        except ValidationError as e:
            fehler = " ".join(e.messages)
    protokolliere(benutzer, AuditAktion.LESEN, antrag, dienststelle=dienststelle, details={"seite": "berechnung"})
    vorlage = "cases/_berechnung.html" if request.htmx else "cases/berechnung.html"
    return render(
        request,
        vorlage,
        {"antrag": antrag, "monate": monate, "fehler": fehler, "berechnen_form": form},
        status=400 if form.errors or fehler else 200,
    )


# --- decisions ---------------------------------------------------------------------------------------------------


@login_required
@require_POST
@eigene_404
def antrag_bewilligen(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        services.bewilligen(
            benutzer, antrag, vorlaeufig=daten["vorlaeufig"], vorlaeufig_grund=daten["vorlaeufig_grund"]
        )

    return _aenderung(request, aktenzeichen, BewilligenForm, ausfuehren, "Der Antrag wurde bewilligt.")


@login_required
@require_POST
@eigene_404
def antrag_einmalleistung(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        services.einmalleistung_bewilligen(benutzer, antrag, **daten)

    return _aenderung(request, aktenzeichen, EinmalleistungForm, ausfuehren, "Die einmalige Leistung wurde bewilligt.")


@login_required
@require_POST
@eigene_404
def antrag_ablehnen(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        services.ablehnen(benutzer, antrag, begruendung=daten["begruendung"])

    return _aenderung(request, aktenzeichen, AblehnenForm, ausfuehren, "Der Antrag wurde abgelehnt.")


@login_required
@require_POST
@eigene_404
def antrag_aendern(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        services.aendern(benutzer, antrag, **daten)

    return _aenderung(request, aktenzeichen, AendernForm, ausfuehren, "Die Entscheidung wurde erlassen.")


@login_required
@require_POST
@eigene_404
def antrag_abschliessen(request, aktenzeichen):
    def ausfuehren(benutzer, antrag, dienststelle, daten):
        entscheidung = services.abschliessend_entscheiden(benutzer, daten["entscheidung"])
        saldo = services.saldo(entscheidung)
        if saldo > 0:
            return f" Nachzahlung: {formats.number_format(saldo, 2, use_l10n=True, force_grouping=True)} €."
        if saldo < 0:
            return f" Überzahlung: {formats.number_format(-saldo, 2, use_l10n=True, force_grouping=True)} €."
        return None

    return _aenderung(
        request, aktenzeichen, AbschliessendForm, ausfuehren, "Die abschließende Entscheidung wurde erlassen."
    )


@login_required
@require_POST
@eigene_404
def antrag_automatik(request, aktenzeichen):
    """§ 31a SGB X: check the Antrag against the Träger's criteria; it is decided only if all are met."""
    antrag = _antrag(aktenzeichen)
    dienststelle = _aendern_erlaubt(request.user, antrag)
    pruefung = automatik.pruefe_automatik(antrag)
    protokolliere(
        request.user,
        AuditAktion.AENDERN,
        antrag,
        dienststelle=dienststelle,
        details={"automatik": pruefung.pk, "entschieden": pruefung.automatisch_entschieden},
    )
    if pruefung.automatisch_entschieden:
        messages.success(request, "Alle Kriterien sind erfüllt: Der Antrag wurde automatisch entschieden.")
    else:
        messages.info(request, "Nicht automatisch entscheidbar: Der Antrag bleibt bei Ihnen (Gründe siehe unten).")
    return redirect(f"{reverse('antrag_detail', args=[antrag.aktenzeichen])}#automatik")


# --- Bescheid PDF ------------------------------------------------------------------------------------------------


@login_required
@require_GET
@eigene_404
def bescheid_pdf(request, nummer):
    bescheid = get_object_or_404(Bescheid.objects.select_related("dokument", "entscheidung__antrag"), nummer=nummer)
    lesen_oder_404(request.user, bescheid)
    return dokument_antwort(request.user, bescheid.dokument)


# --- § 31a report for Teamleitung --------------------------------------------------------------------------------


def _teamleitung_traeger(benutzer):
    """The Träger whose report ``benutzer`` may see (Teamleitung only); PermissionDenied otherwise."""
    ids = [b.dienststelle_id for b in befugnisse(benutzer, Aktion.LESEN) if b.rolle == Rolle.TEAMLEITUNG]
    if not ids:
        raise PermissionDenied(VERWEIGERT)
    return Dienststelle.objects.select_related("traeger").get(pk=ids[0]).traeger


@login_required
@require_GET
def automatik_bericht(request):
    traeger = _teamleitung_traeger(request.user)
    heute = date.today()
    form = ZeitraumForm(request.GET or None, initial={"von": heute.replace(month=1, day=1), "bis": heute})
    von, bis = (form.cleaned_data["von"], form.cleaned_data["bis"]) if form.is_valid() else (form.initial["von"], heute)
    bericht = automatik.automatik_bericht(traeger, von, bis)
    protokolliere(request.user, AuditAktion.LESEN, ("automatikbericht", traeger.pk, str(traeger)), details={})
    return render(
        request,
        "cases/automatik_bericht.html",
        {
            "form": form,
            "bericht": bericht,
            "traeger": traeger,
            "von": von,
            "bis": bis,
            "fehlerformulare": [form] if form.errors else [],
        },
        status=400 if form.errors else 200,
    )
