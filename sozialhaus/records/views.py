"""Staff UI of the E-Akte: the documents of a person or a Bedarfsgemeinschaft, upload, new versions, download.

Reading the list or a document needs the right to read the Akte (otherwise 404), uploading the right to change
it (otherwise 403). Every list view and every download is one audit entry; every upload is one (in
``dokument_ablegen``).
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import Aktion, pruefe, zugriff
from sozialhaus.people.models import Bedarfsgemeinschaft, Person
from sozialhaus.people.views import eigene_404, lesen_oder_404

from .forms import DokumentForm
from .models import Dokument
from .services import dokument_ablegen, dokument_lesen

INLINE_TYPEN = frozenset({"application/pdf"})
"""Types shown in the browser; everything else is offered as a download (an uploaded file is never run as HTML)."""


def akte_dokumente(akte):
    """All document versions in the e-file of ``akte`` (Person or Bedarfsgemeinschaft), newest first."""
    return akte.dokumente.select_related("dienststelle", "erfasst_von").order_by("-datum", "-id")


def dokument_antwort(benutzer, dokument: Dokument, *, kanal: str = "ui") -> HttpResponse:
    """The file of ``dokument`` as an HTTP response, access checked and audited (``dokument_lesen``)."""
    inhalt = dokument_lesen(benutzer, dokument, kanal=kanal)
    antwort = HttpResponse(inhalt, content_type=dokument.mime_typ or "application/octet-stream")
    antwort["Content-Disposition"] = content_disposition_header(
        dokument.mime_typ not in INLINE_TYPEN, dokument.dateiname
    )
    antwort["Content-Length"] = str(len(inhalt))
    antwort["Cache-Control"] = "private, no-store"
    return antwort


def _akte_seite(request, akte, *, titel: str):
    """List and upload for one e-file; GET needs read access (404), POST change access (403)."""
    benutzer = request.user
    dienststelle = lesen_oder_404(benutzer, akte)
    dokumente = akte_dokumente(akte)
    darf_aendern = zugriff(benutzer, akte, Aktion.AENDERN) is not None
    form = DokumentForm(akte_dokumente=dokumente)
    status = 200
    if request.method == "POST":
        dienststelle = pruefe(benutzer, akte, Aktion.AENDERN)
        form = DokumentForm(request.POST, request.FILES, akte_dokumente=dokumente)
        if form.is_valid():
            try:
                dokument = _ablegen(benutzer, akte, dienststelle, form.cleaned_data)
            except ValidationError as fehler:
                form.add_error("datei", fehler)
            else:
                messages.success(request, f"„{dokument.titel}“ wurde als Version {dokument.version} abgelegt.")
                return redirect(request.path)
        status = 400
    else:
        protokolliere(benutzer, AuditAktion.LESEN, akte, dienststelle=dienststelle, details={"seite": "e-akte"})
    return render(
        request,
        "records/akte.html",
        {
            "akte": akte,
            "titel": titel,
            "dokumente": dokumente,
            "darf_aendern": darf_aendern,
            "form": form,
            "fehlerformulare": [form] if form.errors else [],
        },
        status=status,
    )


def _ablegen(benutzer, akte, dienststelle, daten: dict) -> Dokument:
    datei = daten["datei"]
    mime_typ = mimetypes.guess_type(datei.name)[0] or "application/octet-stream"
    return dokument_ablegen(
        akte=akte,
        art=daten["art"],
        titel=daten["titel"],
        datum=daten["datum"],
        dienststelle=dienststelle,
        dateiname=datei.name,
        mime_typ=mime_typ,
        inhalt=datei.read(),
        benutzer=benutzer,
        vorgaenger=daten["vorgaenger"],
    )


@login_required
@require_http_methods(["GET", "POST"])
@eigene_404
def akte_bg(request, bg_nummer):
    bg = get_object_or_404(Bedarfsgemeinschaft.objects.select_related("dienststelle"), bg_nummer=bg_nummer.upper())
    return _akte_seite(request, bg, titel=f"E-Akte der Bedarfsgemeinschaft {bg.bg_nummer}")


@login_required
@require_http_methods(["GET", "POST"])
@eigene_404
def akte_person(request, kundennummer):
    person = get_object_or_404(Person, kundennummer=kundennummer.upper())
    return _akte_seite(request, person, titel=f"E-Akte von {person.vorname} {person.familienname}")


@login_required
@require_GET
@eigene_404
def dokument_herunterladen(request, pk):
    dokument = get_object_or_404(Dokument.objects.select_related("person", "bedarfsgemeinschaft"), pk=pk)
    lesen_oder_404(request.user, dokument)
    return dokument_antwort(request.user, dokument)
