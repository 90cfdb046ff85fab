"""Creating Bescheide and Bescheidvorlagen: the only way the UI, the API and the decisions write them.

Every Entscheidung gets its Bescheid in the decision's own transaction (receiver ``bei_entscheidung`` of
``cases.signals.entscheidung_erlassen``): the newest Vorlage of its Art, the deadlines of § 37 Abs. 2 SGB X and
§ 84 SGG, a readable Bescheidnummer, the PDF/A filed in the E-Akte of the Bedarfsgemeinschaft. A Berichtigung
(§ 38 SGB X) is a new Bescheid for the same Entscheidung; the old one stays.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.permissions import Aktion, pruefe, zugriff
from sozialhaus.people.models import Nummernkreis
from sozialhaus.records.models import Dokument
from sozialhaus.records.services import dokument_ablegen

from . import fristen, pdf
from .darstellung import datum
from .models import Bescheid, Bescheidvorlage
from .vorlagen import STANDARD_GUELTIG_AB, STANDARDTEXTE

NUMMERNKREIS = "bescheid"


def standardvorlagen_anlegen(traeger, *, benutzer=None) -> list[Bescheidvorlage]:
    """Create version 1 of every Art that the Träger has no Vorlage for yet (idempotent); return the new ones."""
    neu = []
    with transaction.atomic():
        vorhanden = set(Bescheidvorlage.objects.filter(traeger=traeger).values_list("art", flat=True))
        for art, texte in STANDARDTEXTE.items():
            if art in vorhanden:
                continue
            vorlage = Bescheidvorlage(
                traeger=traeger, art=art, version=1, gueltig_ab=STANDARD_GUELTIG_AB, erstellt_von=benutzer, **texte
            )
            vorlage.save()
            neu.append(vorlage)
    return neu


def naechste_version(traeger, art: str) -> int:
    """Number of the next version of the Vorlage ``art`` of ``traeger``."""
    hoechste = Bescheidvorlage.objects.filter(traeger=traeger, art=art).aggregate(h=Max("version"))["h"]
    return (hoechste or 0) + 1


def aktuelle_vorlage(traeger, art: str, stichtag: date) -> Bescheidvorlage:
    """The newest version of ``art`` valid on ``stichtag`` (``gueltig_ab`` ≤ ``stichtag``)."""
    vorlage = (
        Bescheidvorlage.objects.filter(traeger=traeger, art=art, gueltig_ab__lte=stichtag).order_by("-version").first()
    )
    if vorlage is None:
        art_text = Bescheidvorlage.Art(art).label
        raise ValidationError(
            f"Für den {art_text} gibt es am {datum(stichtag)} keine gültige Bescheidvorlage. "
            "Bitte legen Sie in der Verwaltung eine Vorlage an."
        )
    return vorlage


def bescheidnummer(traeger, jahr: int) -> str:
    """A unique readable number such as ``03461-2026-B0000042`` (Kreisschlüssel, year, running number)."""
    return f"{traeger.regionalschluessel}-{jahr}-B{Nummernkreis.naechste(NUMMERNKREIS):07d}"


def bescheid_erstellen(
    entscheidung,
    *,
    benutzer=None,
    ersetzt: Bescheid | None = None,
    aufgabe_zur_post: date | None = None,
    berichtigungsgrund: str = "",
    kanal: str = "ui",
) -> Bescheid:
    """Render the Bescheid of ``entscheidung`` as PDF/A, file it in the E-Akte of the BG and return it.

    The Bescheiddatum is today; the Bescheid counts as posted that day unless ``aufgabe_zur_post`` says otherwise.
    Bekanntgabe by § 37 Abs. 2 Satz 1 SGB X, end of the Widerspruchsfrist by §§ 84, 64 SGG. Runs in the caller's
    transaction (the decision's), so decision and Bescheid are saved together or not at all.
    """
    dienststelle = entscheidung.dienststelle
    traeger = dienststelle.traeger
    bescheiddatum = timezone.localdate()
    aufgabe_zur_post = aufgabe_zur_post or bescheiddatum
    if aufgabe_zur_post < bescheiddatum:
        raise ValidationError("Ein Bescheid kann nicht vor seinem Datum zur Post gegeben werden.")
    with transaction.atomic():
        if not Bescheidvorlage.objects.filter(traeger=traeger, art=entscheidung.art).exists():
            standardvorlagen_anlegen(traeger, benutzer=benutzer)  # also a standard Art added after the others
        vorlage = aktuelle_vorlage(traeger, entscheidung.art, bescheiddatum)
        bekanntgabe = fristen.bekanntgabe(aufgabe_zur_post)
        fristende = fristen.widerspruchsfrist_ende(bekanntgabe)
        nummer = bescheidnummer(traeger, bescheiddatum.year)
        inhalt = pdf.bescheid_pdf(
            entscheidung=entscheidung,
            vorlage=vorlage,
            nummer=nummer,
            bescheiddatum=bescheiddatum,
            bekanntgabe=bekanntgabe,
            fristende=fristende,
            ersetzt=ersetzt,
            berichtigungsgrund=berichtigungsgrund,
        )
        dokument = dokument_ablegen(
            akte=entscheidung.antrag.bedarfsgemeinschaft,
            art=Dokument.Art.BESCHEID,
            titel=f"{vorlage.get_art_display()} {nummer} vom {datum(bescheiddatum)}",
            datum=bescheiddatum,
            dienststelle=dienststelle,
            dateiname=f"Bescheid_{nummer}.pdf",
            mime_typ="application/pdf",
            inhalt=inhalt,
            benutzer=benutzer,
            kanal=kanal,
        )
        bescheid = Bescheid(
            nummer=nummer,
            entscheidung=entscheidung,
            vorlage=vorlage,
            dienststelle=dienststelle,
            ersetzt=ersetzt,
            berichtigungsgrund=berichtigungsgrund,
            bescheiddatum=bescheiddatum,
            aufgabe_zur_post=aufgabe_zur_post,
            bekanntgabe=bekanntgabe,
            widerspruchsfrist_ende=fristende,
            dokument=dokument,
            erstellt_von=benutzer if benutzer is not None and benutzer.is_authenticated else None,
        )
        bescheid.save()
        protokolliere(
            benutzer,
            AuditAktion.ANLEGEN,
            bescheid,
            dienststelle=dienststelle,
            kanal=kanal,
            details={
                "entscheidung": entscheidung.pk,
                "vorlage_version": vorlage.version,
                "ersetzt": ersetzt and ersetzt.nummer,
            },
        )
    return bescheid


def bescheid_berichtigen(benutzer, bescheid: Bescheid, *, grund: str, kanal: str = "ui") -> Bescheid:
    """Correct an obvious error (§ 38 SGB X): a new Bescheid for the same Entscheidung replacing ``bescheid``.

    The old Bescheid and its document stay unchanged in the E-Akte. Not readable → 404, not changeable → 403.
    """
    if zugriff(benutzer, bescheid, Aktion.LESEN) is None:
        raise Http404
    pruefe(benutzer, bescheid, Aktion.AENDERN)
    if not grund.strip():
        raise ValidationError("Bitte geben Sie den Grund der Berichtigung an.")
    if bescheid.ersetzt_durch.exists():
        raise ValidationError("Dieser Bescheid wurde bereits berichtigt. Bitte berichtigen Sie den neuesten Bescheid.")
    return bescheid_erstellen(
        bescheid.entscheidung, benutzer=benutzer, ersetzt=bescheid, berichtigungsgrund=grund.strip(), kanal=kanal
    )


def bei_entscheidung(sender, *, entscheidung, benutzer=None, kanal: str = "ui", **kwargs) -> None:
    """Receiver of ``cases.signals.entscheidung_erlassen``: every Entscheidung gets its Bescheid."""
    bescheid_erstellen(entscheidung, benutzer=benutzer, kanal=kanal)
