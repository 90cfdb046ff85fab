"""Staff UI of the Zahlstelle: Zahlläufe (prepare → preview → release, four eyes → execute in the background with
progress → SEPA file and bookings), the booking report and the import of the bank's Rückläufer (camt.054).

The views translate between HTTP and ``services`` / ``tasks``; they decide nothing themselves. Rules:

* the Zahlstelle and the Teamleitung of a Träger read its runs (``rechte.traeger_mit_zahllaeufen``, as the API);
  anyone else gets 403 on the list and the report, 404 for a run; preparing, releasing, executing and the SEPA file
  are the Zahlstelle's (checked by the services and ``rechte``);
* a page or file showing personal data (payees, BG numbers) writes one audit entry; the changes are audited by
  their services; the progress fragment and the sums show no personal data;
* malformed input answers 400, an action the run does not allow (month already paid, four eyes, wrong status) 409 —
  both with the German message on the re-rendered page, nothing saved.
"""

from collections import defaultdict
from decimal import Decimal
from io import StringIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sozialhaus.cases.zeitraum import monat_text
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Rechtskreis, Traeger
from sozialhaus.core.permissions import VERWEIGERT
from sozialhaus.people.views import eigene_404

from . import buchungen, camt, services, tasks
from .forms import JahrForm, RuecklaeuferForm, ZahllaufForm
from .models import Buchung, Empfaengerart, Ruecklaeufer, Zahllauf, Zahllauffortschritt
from .rechte import ist_zahlstelle, traeger_mit_zahllaeufen, zahllauf_zugriff

NULL = Decimal("0.00")


def _traeger(benutzer, *, sepa_datei: bool = False):
    """The Träger whose Zahlläufe ``benutzer`` may read (Zahlstelle, Teamleitung; with ``sepa_datei`` the Zahlstelle
    only, as for its actions); 403 for anyone else."""
    traeger = Traeger.objects.filter(pk__in=traeger_mit_zahllaeufen(benutzer, sepa_datei=sepa_datei))
    if not traeger.exists():
        raise PermissionDenied(VERWEIGERT)
    return traeger


def _lauf(benutzer, pk: int) -> Zahllauf:
    """The run if ``benutzer`` may read the Zahlläufe of its Träger; otherwise it does not exist for them."""
    return get_object_or_404(
        Zahllauf.objects.select_related("traeger", "vorbereitet_von", "freigegeben_von"),
        pk=pk,
        traeger_id__in=traeger_mit_zahllaeufen(benutzer),
    )


def _protokolliere_lesen(request, lauf: Zahllauf, details: dict) -> None:
    dienststelle = zahllauf_zugriff(request.user, lauf.traeger)
    protokolliere(request.user, AuditAktion.LESEN, lauf, dienststelle=dienststelle, details=details)


def _fortschritt(lauf: Zahllauf) -> Zahllauffortschritt | None:
    return Zahllauffortschritt.objects.select_related("gestartet_von").filter(zahllauf=lauf).first()


# --------------------------------------------------------------------------------------------------------------
# List and prepare
# --------------------------------------------------------------------------------------------------------------


def _liste(request, form, *, status=200):
    laeufe = Zahllauf.objects.filter(traeger__in=_traeger(request.user)).select_related("traeger", "fortschritt")
    return render(
        request,
        "payments/zahllaeufe.html",
        {"laeufe": laeufe, "form": form, "fehlerformulare": [form] if form and form.errors else []},
        status=status,
    )


def _vorbereiten_form(benutzer, daten=None) -> ZahllaufForm | None:
    """The form to prepare a run, for members of a Zahlstelle only."""
    traeger = Traeger.objects.filter(pk__in=traeger_mit_zahllaeufen(benutzer, sepa_datei=True))
    return ZahllaufForm(daten, traeger=traeger) if traeger.exists() else None


@login_required
@require_GET
def zahllaeufe(request):
    return _liste(request, _vorbereiten_form(request.user))


@login_required
@require_POST
def zahllauf_vorbereiten(request):
    form = _vorbereiten_form(request.user, request.POST)
    if form is None:
        raise PermissionDenied(VERWEIGERT)
    if not form.is_valid():
        return _liste(request, form, status=400)
    daten = form.cleaned_data
    try:
        lauf = services.zahllauf_vorbereiten(
            request.user, daten["traeger"], daten["monat"], ausfuehrungsdatum=daten["ausfuehrungsdatum"]
        )
    except ValidationError as fehler:
        form.add_error(None, " ".join(fehler.messages))
        return _liste(request, form, status=409)
    messages.success(
        request,
        f"Der Zahllauf {monat_text(lauf.monat)} ist vorbereitet. Bitte prüfen Sie die Vorschau; freigeben muss ihn "
        "eine andere Person der Zahlstelle.",
    )
    return redirect("zahllauf_detail", pk=lauf.pk)


# --------------------------------------------------------------------------------------------------------------
# One run: preview, release, execute, progress, files
# --------------------------------------------------------------------------------------------------------------


def _nach_rechtskreis(zeilen: list[dict], felder: tuple[str, ...]) -> dict:
    """Rows grouped by Rechtskreis (in the order of ``Rechtskreis``), each group and the whole with the sums of
    ``felder``: ``{"gruppen": [{"rechtskreis": label, "zeilen": [...], "summen": {...}}], "summen": {...}}``."""
    je_rechtskreis = defaultdict(list)
    for zeile in zeilen:
        je_rechtskreis[zeile["rechtskreis"]].append(zeile)
    gruppen = [
        {
            "rechtskreis": Rechtskreis(rk).label,
            "zeilen": je_rechtskreis[rk],
            "summen": {f: sum(z[f] for z in je_rechtskreis[rk]) for f in felder},
        }
        for rk in Rechtskreis.values
        if rk in je_rechtskreis
    ]
    return {"gruppen": gruppen, "summen": {f: sum(g["summen"][f] for g in gruppen) for f in felder}}


def vorschau_tabelle(lauf: Zahllauf) -> dict:
    """Count and sum of the run's payments per Rechtskreis and Dienststelle, split into payments to the persons and
    direct payments to landlords (Miete) and energy suppliers; grouped by Rechtskreis with sums."""
    je_stelle: dict[tuple[str, str], dict] = defaultdict(lambda: {"anzahl": 0, **{a: NULL for a in Empfaengerart}})
    daten = (
        lauf.zahlungen.values(
            "bedarfsgemeinschaft__rechtskreis", "bedarfsgemeinschaft__dienststelle__name", "empfaengerart"
        )
        .annotate(anzahl=Count("id"), summe=Sum("betrag"))
        .order_by()
    )
    for d in daten:
        zeile = je_stelle[(d["bedarfsgemeinschaft__rechtskreis"], d["bedarfsgemeinschaft__dienststelle__name"])]
        zeile["anzahl"] += d["anzahl"]
        zeile[d["empfaengerart"]] += d["summe"]
    zeilen = [
        {"rechtskreis": rk, "dienststelle": ds, **werte, "summe": sum((werte[a] for a in Empfaengerart), NULL)}
        for (rk, ds), werte in sorted(je_stelle.items())
    ]
    return _nach_rechtskreis(zeilen, ("anzahl", "summe", *Empfaengerart.values))


def _detail_inhalt(lauf: Zahllauf, benutzer) -> dict:
    summen = services.vorschau(lauf)
    ruecklaeufer = list(
        Ruecklaeufer.objects.filter(zahlung__zahllauf=lauf)
        .select_related("zahlung__bedarfsgemeinschaft")
        .order_by("buchungstag", "zahlung__end_to_end_id")
    )
    return {
        "lauf": lauf,
        "tabelle": vorschau_tabelle(lauf),
        "nach_art": {
            "laufend": summen["art"].get("laufend", NULL),
            "nachzahlung": summen["art"].get("nachzahlung", NULL),
            "einmalig": summen["art"].get("einmalig", NULL),
        },
        "zurueckgestellt": lauf.protokoll.get("zurueckgestellt", []),
        "ruecklaeufer": ruecklaeufer,
        "ruecklaeufer_summe": sum((r.betrag for r in ruecklaeufer), NULL),
        **_ausfuehrung_inhalt(lauf, benutzer),
    }


def _stand(lauf: Zahllauf, fortschritt: Zahllauffortschritt | None) -> str:
    """Where the execution stands, for the page: vorbereitet, bereit, eingereiht, laeuft, fehler, haengt (no sign of
    life for ``tasks.OHNE_LEBENSZEICHEN``) or ausgefuehrt."""
    if lauf.status != Zahllauf.Status.FREIGEGEBEN:
        return lauf.status
    if fortschritt is None:
        return "bereit"
    if fortschritt.status in (Zahllauffortschritt.Status.EINGEREIHT, Zahllauffortschritt.Status.LAEUFT):
        return fortschritt.status if tasks.laeuft(fortschritt) else "haengt"
    return "fehler" if fortschritt.status == Zahllauffortschritt.Status.FEHLER else "bereit"


def _ausfuehrung_inhalt(lauf: Zahllauf, benutzer) -> dict:
    fortschritt = _fortschritt(lauf)
    inhalt = {"lauf": lauf, "fortschritt": fortschritt, "laeuft": tasks.laeuft(fortschritt)}
    inhalt["darf_handeln"] = ist_zahlstelle(benutzer, lauf.traeger)
    inhalt["stand"] = _stand(lauf, fortschritt)
    if lauf.status == Zahllauf.Status.AUSGEFUEHRT:
        inhalt["buchungssummen"] = _buchungssummen(Buchung.objects.filter(zahlung__zahllauf=lauf))
    return inhalt


def _buchungssummen(qs) -> dict:
    """``buchungen.buchungssummen`` (per Rechtskreis, Dienststelle and month) grouped by Rechtskreis with sums."""
    return _nach_rechtskreis(buchungen.buchungssummen(qs.order_by()), ("summe",))


def _detail(request, lauf: Zahllauf, *, fehler: str = "", status: int = 200):
    inhalt = _detail_inhalt(lauf, request.user)
    _protokolliere_lesen(
        request,
        lauf,
        {
            "zurueckgestellt": [z["bg"] for z in inhalt["zurueckgestellt"]],
            "ruecklaeufer": [r.zahlung.bedarfsgemeinschaft.bg_nummer for r in inhalt["ruecklaeufer"]],
        },
    )
    return render(request, "payments/zahllauf.html", {**inhalt, "fehler": fehler}, status=status)


@login_required
@require_GET
@eigene_404
def zahllauf_detail(request, pk):
    return _detail(request, _lauf(request.user, pk))


def _aktion(request, pk, ausfuehren, erfolg: str):
    lauf = _lauf(request.user, pk)
    try:
        ausfuehren(request.user, lauf)
    except ValidationError as fehler:
        lauf.refresh_from_db()
        return _detail(request, lauf, fehler=" ".join(fehler.messages), status=409)
    messages.success(request, erfolg.format(monat=monat_text(lauf.monat)))
    return redirect("zahllauf_detail", pk=lauf.pk)


@login_required
@require_POST
@eigene_404
def zahllauf_freigeben(request, pk):
    return _aktion(
        request, pk, services.zahllauf_freigeben, "Der Zahllauf {monat} ist freigegeben und kann ausgeführt werden."
    )


@login_required
@require_POST
@eigene_404
def zahllauf_ausfuehren(request, pk):
    return _aktion(
        request,
        pk,
        tasks.ausfuehrung_starten,
        "Die Ausführung des Zahllaufs {monat} wurde gestartet; den Stand sehen Sie unten unter »Ausführung«.",
    )


@login_required
@require_GET
@eigene_404
def zahllauf_fortschritt(request, pk):
    """The execution section alone, polled by htmx while the run is queued or running."""
    lauf = _lauf(request.user, pk)
    inhalt = {**_ausfuehrung_inhalt(lauf, request.user), "aktualisierung": True, "vorher": request.GET.get("stand", "")}
    return render(request, "payments/_ausfuehrung.html", inhalt)


def _datei(request, lauf: Zahllauf, art: str, inhalt: str, typ: str, name: str) -> HttpResponse:
    _protokolliere_lesen(request, lauf, {"datei": art, "sha256": lauf.sha256})
    antwort = HttpResponse(inhalt, content_type=typ)
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    return antwort


def _ohne_datei(request, lauf: Zahllauf):
    fehler = f"Der Zahllauf {monat_text(lauf.monat)} ist noch nicht ausgeführt; es gibt noch keine Datei."
    return _detail(request, lauf, fehler=fehler, status=409)


@login_required
@require_GET
@eigene_404
def sepa_datei(request, pk):
    """The pain.001 file; it names every payee with IBAN across all Rechtskreise, so only for the Zahlstelle."""
    lauf = _lauf(request.user, pk)
    if not zahllauf_zugriff(request.user, lauf.traeger, sepa_datei=True):
        raise PermissionDenied(VERWEIGERT)
    if lauf.status != Zahllauf.Status.AUSGEFUEHRT:
        return _ohne_datei(request, lauf)
    return _datei(request, lauf, "sepa", lauf.sepa_xml, "application/xml; charset=utf-8", f"{lauf.msg_id}.xml")


@login_required
@require_GET
@eigene_404
def buchungen_datei(request, pk):
    lauf = _lauf(request.user, pk)
    if lauf.status != Zahllauf.Status.AUSGEFUEHRT:
        return _ohne_datei(request, lauf)
    ausgabe = StringIO()
    buchungen.buchungen_csv(Buchung.objects.filter(zahlung__zahllauf=lauf), ausgabe)
    name = f"buchungen-{lauf.traeger.regionalschluessel}-{lauf.monat:%Y-%m}-lauf{lauf.pk}.csv"
    return _datei(request, lauf, "buchungen", ausgabe.getvalue(), "text/csv; charset=utf-8", name)


# --------------------------------------------------------------------------------------------------------------
# Booking report
# --------------------------------------------------------------------------------------------------------------


@login_required
@require_GET
def buchungsbericht(request):
    """Sums of the Buchungen (Storno included) of the user's Träger per Rechtskreis, Dienststelle and month of one
    year (by default the newest year with bookings)."""
    qs = Buchung.objects.filter(haushaltsstelle__traeger__in=_traeger(request.user))
    jahre = sorted({d.year for d in qs.dates("monat", "year")}, reverse=True)
    form = JahrForm(request.GET or {"jahr": jahre[0] if jahre else timezone.localdate().year})
    jahr = form.cleaned_data["jahr"] if form.is_valid() else None
    summen = _buchungssummen(qs.filter(monat__year=jahr) if jahr else qs.none())
    status = 200 if form.is_valid() else 400
    return render(
        request,
        "payments/buchungsbericht.html",
        {
            "form": form,
            "jahr": jahr,
            "summen": summen,
            "jahre": jahre,
            "fehlerformulare": [form] if form.errors else [],
        },
        status=status,
    )


# --------------------------------------------------------------------------------------------------------------
# Rückläufer (camt.054)
# --------------------------------------------------------------------------------------------------------------


def _kompakt(iban: str) -> str:
    return iban.replace(" ", "").upper()


def _ruecklaeufer_der_datei(rueckgaben: list[camt.Rueckgabe]) -> list[Ruecklaeufer]:
    """The Rückläufer recorded (by this or an earlier import) for the returns of a file: the Zahlung with the
    end-to-end reference, paid from the account the file reports on."""
    paare = {(_kompakt(r.konto), r.end_to_end_id) for r in rueckgaben}
    qs = Ruecklaeufer.objects.filter(zahlung__end_to_end_id__in={e2e for _, e2e in paare}).select_related(
        "zahlung__zahllauf__traeger__zahlungskonto", "zahlung__bedarfsgemeinschaft", "eingelesen_von"
    )
    treffer = [
        r for r in qs if (_kompakt(r.zahlung.zahllauf.traeger.zahlungskonto.iban), r.zahlung.end_to_end_id) in paare
    ]
    return sorted(treffer, key=lambda r: (r.buchungstag or r.eingelesen_am.date(), r.zahlung.end_to_end_id))


def _ruecklaeufer_seite(request, form, *, status=200, **inhalt):
    return render(
        request,
        "payments/ruecklaeufer.html",
        {"form": form, "fehlerformulare": [form] if form.errors else [], **inhalt},
        status=status,
    )


def _ergebnis(request, bericht: camt.Bericht, vorher: set[int], rueckgaben: list[camt.Rueckgabe]) -> dict:
    """What the import did, for the page: the Rückläufer booked now and those booked before (with BG and run), the
    returns not processed (German reasons of ``camt``), the runs concerned. Showing them is one audit entry."""
    alle = _ruecklaeufer_der_datei(rueckgaben)
    laeufe = sorted({r.zahlung.zahllauf for r in alle}, key=lambda lauf: (lauf.monat, lauf.pk), reverse=True)
    traeger = laeufe[0].traeger if laeufe else _traeger(request.user, sepa_datei=True).first()
    protokolliere(
        request.user,
        AuditAktion.LESEN,
        ("camt054", bericht.nachricht, f"Rückläuferdatei {bericht.nachricht}"),
        dienststelle=zahllauf_zugriff(request.user, traeger, sepa_datei=True),
        details={"bg": sorted({r.zahlung.bedarfsgemeinschaft.bg_nummer for r in alle})},
    )
    return {
        "bericht": bericht,
        "verbucht": [r for r in alle if r.pk not in vorher],
        "bereits": [r for r in alle if r.pk in vorher],
        "laeufe": laeufe,
    }


@login_required
@require_http_methods(["GET", "POST"])
def ruecklaeufer_einlesen(request):
    """GET: the upload form. POST: book the returns of the uploaded camt.054 file (``camt.ruecklaeufer_einlesen``)
    and show its report. An invalid file → 400, a file with payments of another Träger's Kasse → 409; both change
    nothing. Zahlstelle only (403 for anyone else, the Teamleitung too)."""
    _traeger(request.user, sepa_datei=True)
    if request.method != "POST":
        return _ruecklaeufer_seite(request, RuecklaeuferForm())
    form = RuecklaeuferForm(request.POST, request.FILES)
    if not form.is_valid():
        return _ruecklaeufer_seite(request, form, status=400)
    rueckgaben = form.cleaned_data["rueckgaben"]
    vorher = {r.pk for r in _ruecklaeufer_der_datei(rueckgaben)}
    try:
        bericht = camt.ruecklaeufer_einlesen(request.user, form.cleaned_data["inhalt"], kanal="ui")
    except ValidationError as fehler:
        return _ruecklaeufer_seite(request, RuecklaeuferForm(), status=409, fehler=" ".join(fehler.messages))
    ergebnis = _ergebnis(request, bericht, vorher, rueckgaben)
    return _ruecklaeufer_seite(request, RuecklaeuferForm(), dateiname=form.cleaned_data["datei"].name, **ergebnis)
