"""Staff UI of the Postkorb: my open Anträge, due Mitwirkungsfristen, my tasks and the team's unassigned ones."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.people.views import eigene_404

from .services import aufgabe_erledigen, aufgabe_uebernehmen, postkorb, sichtbare_aufgaben


@login_required
@require_GET
def postkorb_ansicht(request):
    benutzer = request.user
    inhalt = postkorb(benutzer, date.today())
    protokolliere(
        benutzer,
        AuditAktion.LESEN,
        ("postkorb", benutzer.pk, f"Postkorb {benutzer.get_username()}"),
        details={"antraege": [a.aktenzeichen for a in inhalt["antraege"]]},
    )
    return render(request, "worklist/postkorb.html", inhalt)


def _aufgabe_aendern(request, pk, aendern, erfolg: str):
    aufgabe = get_object_or_404(sichtbare_aufgaben(request.user), pk=pk)
    try:
        aendern(request.user, aufgabe)
    except ValidationError as fehler:
        messages.error(request, " ".join(fehler.messages))
        return redirect("postkorb")
    messages.success(request, erfolg)
    return redirect("postkorb")


@login_required
@require_POST
@eigene_404
def aufgabe_uebernehmen_ansicht(request, pk):
    return _aufgabe_aendern(request, pk, aufgabe_uebernehmen, "Sie haben die Aufgabe übernommen.")


@login_required
@require_POST
@eigene_404
def aufgabe_erledigen_ansicht(request, pk):
    return _aufgabe_aendern(request, pk, aufgabe_erledigen, "Die Aufgabe ist erledigt.")
