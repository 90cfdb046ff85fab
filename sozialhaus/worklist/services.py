"""Postkorb: what a caseworker has to do today, and the reminder tasks for missed Mitwirkungsfristen.

Open Anträge and Mitwirkungsfristen come straight from the cases; an ``Aufgabe`` is what needs a person's attention
beyond that. Everything shown is limited to the Bedarfsgemeinschaften the user may read
(``core.permissions.sichtbare_bedarfsgemeinschaften``).
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sozialhaus.cases.models import Antrag, AutomatikPruefung, Nachweis
from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Dienststelle
from sozialhaus.core.permissions import VERWEIGERT, Aktion, befugnisse, sichtbare_bedarfsgemeinschaften, zugriff

from .models import Aufgabe

OFFENE_STATUS = (
    Antrag.Status.EINGEGANGEN,
    Antrag.Status.IN_PRUEFUNG,
    Antrag.Status.ENTSCHEIDUNGSREIF,
    Antrag.Status.RUHEND,
)
"""Status of an Antrag that still needs a decision (everything but entschieden and zurückgenommen)."""

VORLAUF_FRIST = timedelta(days=7)
"""Mitwirkungsfristen ending within this many days are shown as due in the Postkorb."""


def _fehlende_nachweise() -> Exists:
    return Exists(Nachweis.objects.filter(antrag=OuterRef("pk"), erforderlich=True, eingegangen_am__isnull=True))


def _mitwirkung_text(antrag: Antrag) -> str:
    """German task text: the Frist, the legal consequence to consider and the missing Nachweise (cut to 300)."""
    fehlend = list(
        antrag.nachweise.filter(erforderlich=True, eingegangen_am__isnull=True).values_list("bezeichnung", flat=True)
    )
    text = (
        f"Mitwirkungsfrist zu {antrag.aktenzeichen} am {antrag.mitwirkungsfrist:%d.%m.%Y} abgelaufen. Versagung erst "
        f"nach schriftlichem Hinweis auf die Folgen (§ 66 Abs. 3 SGB I). Es fehlen {len(fehlend)} Nachweis(e): "
        + "; ".join(fehlend)
    )
    return text if len(text) <= 300 else text[:299] + "…"


def mitwirkung_pruefen(heute: date) -> int:
    """Create one Aufgabe (art ``mitwirkung``) per open Antrag whose Mitwirkungsfrist has passed with required
    Nachweise missing; returns how many were created.

    §§ 60, 66 SGB I: benefits may be refused for lack of cooperation only after the person was told in writing of
    the consequences and given a reasonable period (§ 66 Abs. 3 SGB I), so the caseworker gets a task to decide on
    the reminder. The task is due on the Frist it is about; it is created once per Antrag and Frist (a new Frist
    gives a new task).
    """
    schon_erinnert = Aufgabe.objects.filter(
        antrag=OuterRef("pk"), art=Aufgabe.Art.MITWIRKUNG, faellig_am=OuterRef("mitwirkungsfrist")
    )
    faellig = (
        Antrag.objects.filter(status__in=OFFENE_STATUS, mitwirkungsfrist__lt=heute)
        .filter(_fehlende_nachweise())
        .exclude(Exists(schon_erinnert))
        .select_related("bedarfsgemeinschaft")
    )
    anzahl = 0
    for antrag in faellig:
        with transaction.atomic():
            aufgabe = Aufgabe.objects.create(
                dienststelle_id=antrag.dienststelle_id,
                bearbeiter_id=antrag.bearbeiter_id,
                art=Aufgabe.Art.MITWIRKUNG,
                text=_mitwirkung_text(antrag),
                faellig_am=antrag.mitwirkungsfrist,
                antrag=antrag,
                bedarfsgemeinschaft=antrag.bedarfsgemeinschaft,
            )
            protokolliere(
                None,
                AuditAktion.ANLEGEN,
                aufgabe,
                dienststelle=antrag.dienststelle,
                kanal="system",
                details={"antrag": antrag.aktenzeichen, "frist": antrag.mitwirkungsfrist.isoformat()},
            )
        anzahl += 1
    return anzahl


def _automatik_text(pruefung: AutomatikPruefung) -> str:
    """German task text: why § 31a SGB X did not apply (the criteria not met or not checkable, cut to 300)."""
    gruende = [k["text"] for k in pruefung.kriterien if k["erfuellt"] is not True]
    text = f"{pruefung.antrag.aktenzeichen} nicht automatisch entschieden (§ 31a SGB X): " + "; ".join(gruende)
    return text if len(text) <= 300 else text[:299] + "…"


def automatik_uebergeben(sender, instance: AutomatikPruefung, created: bool, **kwargs) -> None:
    """``post_save`` of an ``AutomatikPruefung``: a case not decided automatically goes to its caseworker.

    One open Aufgabe (art ``automatik``) per Antrag: a second check that fails again adds nothing.
    """
    antrag = instance.antrag
    if not created or instance.automatisch_entschieden:
        return
    if Aufgabe.objects.filter(antrag=antrag, art=Aufgabe.Art.AUTOMATIK, erledigt_am__isnull=True).exists():
        return
    aufgabe = Aufgabe.objects.create(
        dienststelle_id=antrag.dienststelle_id,
        bearbeiter_id=antrag.bearbeiter_id,
        art=Aufgabe.Art.AUTOMATIK,
        text=_automatik_text(instance),
        faellig_am=timezone.localdate(),
        antrag=antrag,
        bedarfsgemeinschaft=antrag.bedarfsgemeinschaft,
    )
    protokolliere(
        None,
        AuditAktion.ANLEGEN,
        aufgabe,
        dienststelle=antrag.dienststelle,
        kanal="automatik",
        details={"antrag": antrag.aktenzeichen, "pruefung": instance.pk},
    )


def sichtbare_aufgaben(benutzer) -> QuerySet:
    """Aufgaben about a case the user may read, or about no case and for one of the user's Dienststellen."""
    sichtbar = sichtbare_bedarfsgemeinschaften(benutzer).values("pk")
    return Aufgabe.objects.filter(
        Q(bedarfsgemeinschaft__in=sichtbar)
        | Q(bedarfsgemeinschaft__isnull=True, antrag__bedarfsgemeinschaft__in=sichtbar)
        | Q(bedarfsgemeinschaft__isnull=True, antrag__isnull=True, dienststelle_id__in=team_dienststellen(benutzer))
    )


def team_dienststellen(benutzer) -> list[int]:
    """Ids of the Dienststellen in which the user may work on cases (their team's unassigned tasks)."""
    return sorted({b.dienststelle_id for b in befugnisse(benutzer, Aktion.AENDERN)})


def postkorb(benutzer, heute: date) -> dict:
    """Everything the Postkorb of ``benutzer`` shows on ``heute``, with the counts for the top of the page.

    Open Anträge are ordered oldest first: the time since the application is what the law measures (a decision
    is due within six months, otherwise an Untätigkeitsklage is admissible, § 88 Abs. 1 SGG).
    """
    sichtbar = sichtbare_bedarfsgemeinschaften(benutzer).values("pk")
    antraege = list(
        Antrag.objects.filter(bearbeiter=benutzer, status__in=OFFENE_STATUS, bedarfsgemeinschaft__in=sichtbar)
        .annotate(fehlt_nachweis=_fehlende_nachweise())
        .select_related("bedarfsgemeinschaft", "dienststelle")
        .order_by("eingegangen_am", "id")
    )
    for antrag in antraege:
        antrag.tage_offen = (heute - antrag.eingegangen_am).days
    fristen = sorted(
        (
            a
            for a in antraege
            if a.fehlt_nachweis and a.mitwirkungsfrist and a.mitwirkungsfrist <= heute + VORLAUF_FRIST
        ),
        key=lambda a: a.mitwirkungsfrist,
    )
    for antrag in fristen:
        antrag.frist_abgelaufen = antrag.mitwirkungsfrist < heute
    offen = (
        sichtbare_aufgaben(benutzer)
        .filter(erledigt_am__isnull=True)
        .select_related("antrag", "bedarfsgemeinschaft", "dienststelle")
    )
    meine = list(offen.filter(bearbeiter=benutzer))
    team = list(offen.filter(bearbeiter__isnull=True, dienststelle_id__in=team_dienststellen(benutzer)))
    for aufgabe in (*meine, *team):
        aufgabe.ueberfaellig = aufgabe.faellig_am < heute
    return {
        "antraege": antraege,
        "fristen": fristen,
        "meine_aufgaben": meine,
        "team_aufgaben": team,
        "zahlen": {
            "antraege": len(antraege),
            "fristen": len(fristen),
            "fristen_abgelaufen": sum(a.frist_abgelaufen for a in fristen),
            "meine_aufgaben": len(meine),
            "team_aufgaben": len(team),
        },
    }


def _aufgabe_dienststelle(benutzer, aufgabe: Aufgabe) -> Dienststelle:
    """The Dienststelle under which ``benutzer`` may work on ``aufgabe`` (PermissionDenied otherwise)."""
    if aufgabe.zugriff_ueber is not None:
        dienststelle = zugriff(benutzer, aufgabe, Aktion.AENDERN)
    else:
        dienststelle = aufgabe.dienststelle if aufgabe.dienststelle_id in team_dienststellen(benutzer) else None
    if dienststelle is None:
        raise PermissionDenied(VERWEIGERT)
    return dienststelle


def aufgabe_uebernehmen(benutzer, aufgabe: Aufgabe) -> Aufgabe:
    """Take over an unassigned task of the team."""
    with transaction.atomic():
        aufgabe = Aufgabe.objects.select_for_update().get(pk=aufgabe.pk)
        dienststelle = _aufgabe_dienststelle(benutzer, aufgabe)
        if aufgabe.erledigt_am is not None:
            raise ValidationError("Die Aufgabe ist bereits erledigt.")
        if aufgabe.bearbeiter_id is not None:
            raise ValidationError("Die Aufgabe wurde bereits von jemandem übernommen.")
        aufgabe.bearbeiter = benutzer
        aufgabe.save(update_fields=["bearbeiter"])
        protokolliere(benutzer, AuditAktion.AENDERN, aufgabe, dienststelle=dienststelle, details={"uebernommen": True})
    return aufgabe


def aufgabe_erledigen(benutzer, aufgabe: Aufgabe) -> Aufgabe:
    """Mark one's own task (or an unassigned one of the team) as done."""
    with transaction.atomic():
        aufgabe = Aufgabe.objects.select_for_update().get(pk=aufgabe.pk)
        dienststelle = _aufgabe_dienststelle(benutzer, aufgabe)
        if aufgabe.erledigt_am is not None:
            raise ValidationError("Die Aufgabe ist bereits erledigt.")
        if aufgabe.bearbeiter_id not in (None, benutzer.pk):
            raise ValidationError("Die Aufgabe ist einer anderen Person zugewiesen.")
        aufgabe.erledigt_am = timezone.now()
        aufgabe.erledigt_von = benutzer
        aufgabe.save(update_fields=["erledigt_am", "erledigt_von"])
        protokolliere(benutzer, AuditAktion.AENDERN, aufgabe, dienststelle=dienststelle, details={"erledigt": True})
    return aufgabe
