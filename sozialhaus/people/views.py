"""Staff UI for persons and Bedarfsgemeinschaften.

Rules every view here follows:

* access is decided by ``sozialhaus.core.permissions`` only: a record the user may not read is a 404,
  a change the user may not make is a 403 (``pruefe``);
* every page that shows a person's or BG's data writes exactly one audit entry, every write exactly one
  entry per saved record (``protokolliere``);
* a POST that fails validation saves nothing (``transaction.atomic``) and answers 400 with German messages;
* time-versioned facts are only ever added as a new version (``als_neue_version_speichern``).
"""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import AuditEintrag, protokolliere
from sozialhaus.core.permissions import (
    VERWEIGERT,
    Aktion,
    darf_anlegen,
    darf_protokoll_sehen,
    protokoll_zugriff,
    pruefe,
    sichtbare_bedarfsgemeinschaften,
    sichtbare_personen,
    zugriff,
)

from .forms import (
    FAKTEN,
    AdresseForm,
    BankverbindungForm,
    PersonAnlegenForm,
    PersonForm,
    PersonSucheForm,
    UnterkunftForm,
)
from .models import Bedarfsgemeinschaft, Person
from .services import moegliche_dubletten, person_anlegen, suche_personen

NICHT_GEFUNDEN = "Der Datensatz wurde nicht gefunden oder liegt nicht in Ihrem Zuständigkeitsbereich."
TREFFER_JE_SEITE = 25
BG_DOKUMENTE = 5
"""Newest documents shown on the BG page; the whole E-Akte is one click away."""


def eigene_404(view):
    """Answer "not found / not in your area" with the German 404 page, also when DEBUG is on (``make run``)."""

    @wraps(view)
    def _view(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return render(request, "404.html", status=404)

    return _view


def _person(kundennummer: str) -> Person:
    return get_object_or_404(Person.objects.select_related("erfasst_von"), kundennummer=kundennummer.upper())


def lesen_oder_404(benutzer, objekt):
    """Dienststelle under which ``benutzer`` reads ``objekt``; a record they may not read does not exist for them."""
    dienststelle = zugriff(benutzer, objekt, Aktion.LESEN)
    if dienststelle is None:
        raise Http404(NICHT_GEFUNDEN)
    return dienststelle


def iban_maskiert(iban: str) -> str:
    """All but the last four characters hidden, in groups of four: ``•••• •••• •••• •••• ••20 51``."""
    kompakt = iban.replace(" ", "")
    verdeckt = "•" * (len(kompakt) - 4) + kompakt[-4:]
    return " ".join(verdeckt[i : i + 4] for i in range(0, len(verdeckt), 4))


def iban_gruppiert(iban: str) -> str:
    kompakt = iban.replace(" ", "")
    return " ".join(kompakt[i : i + 4] for i in range(0, len(kompakt), 4))


def _status(fakt, heute: date) -> str:
    if fakt.gueltig_ab > heute:
        return "künftig"
    if fakt.gueltig_bis is not None and fakt.gueltig_bis < heute:
        return "beendet"
    return "aktuell"


def _verlauf(abfrage, heute: date) -> list:
    eintraege = list(abfrage)
    for fakt in eintraege:
        fakt.status = _status(fakt, heute)
    return eintraege


# --- search ---------------------------------------------------------------------------------------------------


@login_required
@require_GET
def personen_suche(request):
    form = PersonSucheForm(request.GET or None)
    seite = None
    if form.hat_kriterien():
        daten = form.cleaned_data
        treffer = (
            suche_personen(
                request.user,
                name=daten["name"],
                geburtsdatum=daten["geburtsdatum"],
                kundennummer=daten["kundennummer"],
                bg_nummer=daten["bg_nummer"],
            )
            .select_related("erfasst_von")
            .prefetch_related("adressen")
        )
        seite = Paginator(treffer, TREFFER_JE_SEITE).get_page(request.GET.get("seite"))
        heute = date.today()
        for person in seite.object_list:
            person.aktuelle_adresse = next((a for a in person.adressen.all() if a.gilt_am(heute)), None)
    abfrage = request.GET.copy()
    abfrage.pop("seite", None)
    kontext = {
        "form": form,
        "seite": seite,
        "abfrage": abfrage.urlencode(),
        "darf_anlegen": bool(darf_anlegen(request.user)),
    }
    vorlage = "people/_suchergebnis.html" if getattr(request, "htmx", False) else "people/suche.html"
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, vorlage, kontext, status=status)


# --- person page ----------------------------------------------------------------------------------------------


@login_required
@require_GET
@eigene_404
def person_detail(request, kundennummer):
    benutzer = request.user
    person = _person(kundennummer)
    dienststelle = lesen_oder_404(benutzer, person)
    darf_aendern = zugriff(benutzer, person, Aktion.AENDERN) is not None
    heute = date.today()

    sichtbare_bgs = sichtbare_bedarfsgemeinschaften(benutzer).values("pk")
    mitgliedschaften = _verlauf(
        person.mitgliedschaften.filter(bedarfsgemeinschaft__in=sichtbare_bgs)
        .select_related("bedarfsgemeinschaft__dienststelle")
        .prefetch_related("bedarfsgemeinschaft__antraege")
        .order_by("-gueltig_ab", "-id"),
        heute,
    )
    bankverbindungen = _verlauf(person.bankverbindungen.order_by("-gueltig_ab", "-id"), heute)
    for konto in bankverbindungen:
        konto.iban_anzeige = iban_gruppiert(konto.iban) if darf_aendern else iban_maskiert(konto.iban)

    beziehungen = []
    andere_ids = set()
    for b in person.beziehungen_von.select_related("zu"):
        beziehungen.append((b.get_art_display(), b.zu))
        andere_ids.add(b.zu_id)
    for b in person.beziehungen_zu.select_related("von"):
        art = "Partner/in" if b.art == b.Art.PARTNER else "Kind von"
        beziehungen.append((art, b.von))
        andere_ids.add(b.von_id)
    sichtbar = set(sichtbare_personen(benutzer).filter(pk__in=andere_ids).values_list("pk", flat=True))
    beziehungen = [{"art": art, "person": p, "sichtbar": p.pk in sichtbar} for art, p in beziehungen]

    protokolliere(benutzer, AuditAktion.LESEN, person, dienststelle=dienststelle)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "dienststelle": dienststelle,
            "darf_aendern": darf_aendern,
            "darf_protokoll": darf_protokoll_sehen(benutzer),
            "adressen": _verlauf(person.adressen.select_related("gemeinde").order_by("-gueltig_ab", "-id"), heute),
            "bankverbindungen": bankverbindungen,
            "mitgliedschaften": mitgliedschaften,
            "beziehungen": beziehungen,
            "einkommen": _verlauf(person.einkommen.order_by("art", "-gueltig_ab", "-id"), heute),
            "vermoegen": _verlauf(person.vermoegen.order_by("art", "bezeichnung", "-gueltig_ab", "-id"), heute),
            "alter": person.alter_am(heute),
        },
    )


# --- create and edit ------------------------------------------------------------------------------------------


def _optional_ausgefuellt(form) -> bool:
    """An optional section counts as filled in when any field other than ``gueltig_ab`` has a value."""
    return any(
        (form.data.get(form.add_prefix(name)) or "").strip()
        for name in form.fields
        if name not in ("gueltig_ab", "gemeinde")
    )


def _leer_wie(form):
    """An unbound copy of an optional section, keeping the date the user may have typed."""
    neu = type(form)(prefix=form.prefix, initial={"gueltig_ab": form.data.get(form.add_prefix("gueltig_ab"))})
    neu.use_required_attribute = False
    return neu


@login_required
@require_http_methods(["GET", "POST"])
def person_neu(request):
    benutzer = request.user
    dienststellen = darf_anlegen(benutzer)
    if not dienststellen:
        raise PermissionDenied(VERWEIGERT)
    daten = request.POST if request.method == "POST" else None
    form = PersonAnlegenForm(daten, dienststellen=dienststellen)
    adresse_form = AdresseForm(daten, prefix="adresse", initial={"gueltig_ab": date.today()})
    bank_form = BankverbindungForm(daten, prefix="bank", initial={"gueltig_ab": date.today()})
    for teil in (adresse_form, bank_form):
        teil.use_required_attribute = False
    dubletten = []
    if request.method == "POST":
        mit_adresse = _optional_ausgefuellt(adresse_form)
        mit_bank = _optional_ausgefuellt(bank_form)
        gueltig = form.is_valid()
        gueltig = (adresse_form.is_valid() if mit_adresse else True) and gueltig
        gueltig = (bank_form.is_valid() if mit_bank else True) and gueltig
        # a section left empty is shown again without errors (a bound form would validate itself when rendered)
        if not mit_adresse:
            adresse_form = _leer_wie(adresse_form)
        if not mit_bank:
            bank_form = _leer_wie(bank_form)
        if gueltig:
            d = form.cleaned_data
            dubletten = list(moegliche_dubletten(d["familienname"], d["vorname"], d["geburtsdatum"]))
            if not dubletten or d.get("trotzdem_anlegen"):
                dienststelle = d["dienststelle"]
                with transaction.atomic():
                    person = person_anlegen(benutzer, form.save(commit=False), dienststelle)
                    for teil, art in ((adresse_form, "adresse"), (bank_form, "bankverbindung")):
                        if (art == "adresse" and mit_adresse) or (art == "bankverbindung" and mit_bank):
                            fakt = teil.save(commit=False)
                            fakt.person = person
                            fakt.erfasst_von = benutzer
                            fakt.als_neue_version_speichern()
                            protokolliere(
                                benutzer,
                                AuditAktion.ANLEGEN,
                                fakt,
                                dienststelle=dienststelle,
                                details={"person": person.kundennummer},
                            )
                messages.success(request, f"Die Person wurde mit der Kundennummer {person.kundennummer} angelegt.")
                return redirect("person_detail", kundennummer=person.kundennummer)
        status = 200 if gueltig else 400
    else:
        status = 200
    return render(
        request,
        "people/person_neu.html",
        {
            "form": form,
            "adresse_form": adresse_form,
            "bank_form": bank_form,
            "dubletten": dubletten,
            "fehlerformulare": [f for f in (form, adresse_form, bank_form) if f.is_bound and f.errors],
        },
        status=status,
    )


@login_required
@require_GET
def dubletten_hinweis(request):
    """htmx: warn while typing when persons with the same name and birth date are already registered."""
    if not darf_anlegen(request.user):
        raise PermissionDenied(VERWEIGERT)
    form = PersonSucheForm({"geburtsdatum": request.GET.get("geburtsdatum", "")})
    familienname = request.GET.get("familienname", "").strip()
    vorname = request.GET.get("vorname", "").strip()
    dubletten = []
    if familienname and vorname and form.is_valid() and form.cleaned_data["geburtsdatum"]:
        dubletten = list(moegliche_dubletten(familienname, vorname, form.cleaned_data["geburtsdatum"]))
        protokolliere(
            request.user,
            AuditAktion.SUCHEN,
            ("dublettenpruefung", "-", "Dublettenprüfung"),
            details={"treffer": [p.kundennummer for p in dubletten]},
        )
    return render(request, "people/_dubletten.html", {"dubletten": dubletten, "live": True})


@login_required
@require_http_methods(["GET", "POST"])
@eigene_404
def person_bearbeiten(request, kundennummer):
    benutzer = request.user
    person = _person(kundennummer)
    dienststelle = pruefe(benutzer, person, Aktion.AENDERN)
    form = PersonForm(request.POST or None, instance=person)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                form.save()
                protokolliere(
                    benutzer,
                    AuditAktion.AENDERN,
                    person,
                    dienststelle=dienststelle,
                    details={"felder": form.changed_data},
                )
            messages.success(request, "Die Stammdaten wurden gespeichert.")
            return redirect("person_detail", kundennummer=person.kundennummer)
        status = 400
    else:
        protokolliere(benutzer, AuditAktion.LESEN, person, dienststelle=dienststelle, details={"seite": "bearbeiten"})
    return render(
        request,
        "people/person_bearbeiten.html",
        {"form": form, "person": Person.objects.get(pk=person.pk), "fehlerformulare": [form] if form.errors else []},
        status=status,
    )


def _neue_version(form, subjekt: dict) -> bool:
    """Validate that the new version starts after every existing version of the same subject; add an error if not."""
    fakt = form.instance
    for feld, wert in subjekt.items():
        setattr(fakt, feld, wert)
    if fakt.gueltig_ab is None or any(
        getattr(fakt, f, None) in (None, "") and f != "bezeichnung" for f in fakt.VERSION_NACH
    ):
        return True  # the form already reports the missing field
    filter_ = {feld: getattr(fakt, feld) for feld in fakt.VERSION_NACH}
    spaeter = type(fakt).objects.filter(**filter_, gueltig_ab__gte=fakt.gueltig_ab).order_by("-gueltig_ab").first()
    if spaeter is not None:
        form.add_error(
            "gueltig_ab",
            f"Es gibt bereits eine Angabe, die am {spaeter.gueltig_ab:%d.%m.%Y} beginnt. "
            "Eine neue Version muss nach der letzten beginnen; der Verlauf wird nicht überschrieben.",
        )
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
@eigene_404
def fakt_neu(request, kundennummer, art):
    if art not in FAKTEN:
        raise Http404(NICHT_GEFUNDEN)
    form_klasse, titel, anker = FAKTEN[art]
    benutzer = request.user
    person = _person(kundennummer)
    dienststelle = pruefe(benutzer, person, Aktion.AENDERN)
    form = form_klasse(request.POST or None)
    status = 200
    if request.method == "POST":
        gueltig = form.is_valid()
        if _neue_version(form, {"person": person}) and gueltig:
            with transaction.atomic():
                fakt = form.save(commit=False)
                fakt.person = person
                fakt.erfasst_von = benutzer
                fakt.als_neue_version_speichern()
                protokolliere(
                    benutzer,
                    AuditAktion.AENDERN,
                    person,
                    dienststelle=dienststelle,
                    details={"fakt": art, "id": fakt.pk, "gueltig_ab": fakt.gueltig_ab.isoformat()},
                )
            messages.success(request, "Die Angabe wurde als neue Version gespeichert; der Verlauf bleibt erhalten.")
            return redirect(f"{reverse('person_detail', args=[person.kundennummer])}#{anker}")
        status = 400
    else:
        protokolliere(benutzer, AuditAktion.LESEN, person, dienststelle=dienststelle, details={"seite": f"{art}_neu"})
    return render(
        request,
        "people/fakt_neu.html",
        {
            "form": form,
            "titel": titel,
            "person": person,
            "zurueck": f"{reverse('person_detail', args=[person.kundennummer])}#{anker}",
            "fehlerformulare": [form] if form.errors else [],
        },
        status=status,
    )


# --- Bedarfsgemeinschaft --------------------------------------------------------------------------------------


def _bg(bg_nummer: str) -> Bedarfsgemeinschaft:
    return get_object_or_404(
        Bedarfsgemeinschaft.objects.select_related("dienststelle", "haushalt__gemeinde"), bg_nummer=bg_nummer.upper()
    )


@login_required
@require_GET
@eigene_404
def bg_detail(request, bg_nummer):
    benutzer = request.user
    bg = _bg(bg_nummer)
    dienststelle = lesen_oder_404(benutzer, bg)
    heute = date.today()
    mitglieder = _verlauf(bg.mitgliedschaften.select_related("person").order_by("gueltig_ab", "id"), heute)
    mitglied_ids = {m.person_id for m in mitglieder}
    weitere_im_haushalt = bg.haushalt.mitglieder.exclude(pk__in=mitglied_ids).count()
    protokolliere(benutzer, AuditAktion.LESEN, bg, dienststelle=dienststelle)
    return render(
        request,
        "people/bg_detail.html",
        {
            "bg": bg,
            "mitglieder": mitglieder,
            "weitere_im_haushalt": weitere_im_haushalt,
            "unterkuenfte": _verlauf(
                bg.haushalt.unterkuenfte.select_related("gemeinde").order_by("-gueltig_ab"), heute
            ),
            "darf_aendern": zugriff(benutzer, bg, Aktion.AENDERN) is not None,
            "darf_antrag_anlegen": zugriff(benutzer, bg, Aktion.ANLEGEN) is not None,
            "antraege": bg.antraege.select_related("bearbeiter").prefetch_related("entscheidungen__bescheide"),
            "dokumente": bg.dokumente.select_related("dienststelle")[:BG_DOKUMENTE],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@eigene_404
def unterkunft_neu(request, bg_nummer):
    benutzer = request.user
    bg = _bg(bg_nummer)
    dienststelle = pruefe(benutzer, bg, Aktion.AENDERN)
    form = UnterkunftForm(request.POST or None, initial={"gemeinde": bg.haushalt.gemeinde_id})
    status = 200
    if request.method == "POST":
        gueltig = form.is_valid()
        if _neue_version(form, {"haushalt": bg.haushalt}) and gueltig:
            with transaction.atomic():
                fakt = form.save(commit=False)
                fakt.haushalt = bg.haushalt
                fakt.erfasst_von = benutzer
                fakt.als_neue_version_speichern()
                protokolliere(
                    benutzer,
                    AuditAktion.AENDERN,
                    bg,
                    dienststelle=dienststelle,
                    details={"fakt": "unterkunft", "id": fakt.pk, "gueltig_ab": fakt.gueltig_ab.isoformat()},
                )
            messages.success(request, "Die Unterkunftskosten wurden als neue Version gespeichert.")
            return redirect(f"{reverse('bg_detail', args=[bg.bg_nummer])}#unterkunft")
        status = 400
    else:
        protokolliere(benutzer, AuditAktion.LESEN, bg, dienststelle=dienststelle, details={"seite": "unterkunft_neu"})
    return render(
        request,
        "people/fakt_neu.html",
        {
            "form": form,
            "titel": "Neue Unterkunftskosten",
            "bg": bg,
            "zurueck": f"{reverse('bg_detail', args=[bg.bg_nummer])}#unterkunft",
            "fehlerformulare": [form] if form.errors else [],
        },
        status=status,
    )


# --- audit: who looked at this person -------------------------------------------------------------------------


FAKT_NAMEN = {
    "adresse": "Anschrift",
    "bankverbindung": "Bankverbindung",
    "einkommen": "Einkommen",
    "vermoegen": "Vermögen",
    "unterkunft": "Unterkunftskosten",
}


def _beschreibung(eintrag) -> str:
    """What an audit entry of a person means, in German, e.g. "geändert: neue Version Einkommen ab 01.07.2025"."""
    text = eintrag.get_aktion_display()
    details = eintrag.details or {}
    seite = details.get("seite", "")
    if seite == "bearbeiten":
        return f"{text} (Formular Stammdaten)"
    if seite.endswith("_neu"):
        return f"{text} (Formular {FAKT_NAMEN.get(seite[:-4], seite[:-4])})"
    if "fakt" in details:
        ab = details.get("gueltig_ab", "")
        ab = f" ab {ab[8:10]}.{ab[5:7]}.{ab[:4]}" if len(ab) == 10 else ""
        return f"{text}: neue Version {FAKT_NAMEN.get(details['fakt'], details['fakt'])}{ab}"
    if details.get("felder"):
        namen = [str(Person._meta.get_field(f).verbose_name) for f in details["felder"] if _ist_feld(f)]
        return f"{text}: {', '.join(namen)}"
    return text


def _ist_feld(name: str) -> bool:
    try:
        Person._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


@login_required
@require_GET
@eigene_404
def person_protokoll(request, kundennummer):
    """ "Wer hat diese Person wann gesehen?" for Teamleitung (persons in their scope) and Administration (any, by number).

    Administration reads no Sozialdaten: the page then shows nothing of the person beyond the Kundennummer.
    """
    benutzer = request.user
    if not darf_protokoll_sehen(benutzer):
        raise PermissionDenied(VERWEIGERT)
    person = _person(kundennummer)
    dienststelle = protokoll_zugriff(benutzer, person)
    if dienststelle is None:
        raise Http404(NICHT_GEFUNDEN)
    mit_personendaten = zugriff(benutzer, person, Aktion.LESEN) is not None
    eintraege = AuditEintrag.objects.filter(objekt_typ="person", objekt_id=str(person.pk)).select_related(
        "dienststelle"
    )
    seite = Paginator(eintraege.order_by("-zeitpunkt", "-id"), 50).get_page(request.GET.get("seite"))
    for eintrag in seite.object_list:
        eintrag.beschreibung = _beschreibung(eintrag)
    protokolliere(
        benutzer,
        AuditAktion.LESEN,
        ("personenprotokoll", person.pk, person.kundennummer),
        dienststelle=dienststelle,
        details={"kundennummer": person.kundennummer},
    )
    return render(
        request,
        "people/person_protokoll.html",
        {
            "kundennummer": person.kundennummer,
            "person": person if mit_personendaten else None,
            "seite": seite,
            "gesamt": eintraege.count(),
        },
    )


@login_required
@require_GET
def protokoll_suche(request):
    """Entry point for Administration: open the protocol of a person by Kundennummer."""
    if not darf_protokoll_sehen(request.user):
        raise PermissionDenied(VERWEIGERT)
    kundennummer = request.GET.get("kundennummer", "").strip().upper()
    fehler = ""
    if kundennummer:
        if Person.objects.filter(kundennummer=kundennummer).exists():
            return redirect("person_protokoll", kundennummer=kundennummer)
        fehler = "Zu dieser Kundennummer gibt es keine Person."
    return render(
        request,
        "people/protokoll_suche.html",
        {"kundennummer": kundennummer, "fehler": fehler},
        status=404 if fehler else 200,
    )
