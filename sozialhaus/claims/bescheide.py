"""Erstattungsbescheid (§ 50 Abs. 3 SGB X) and Aufrechnungsbescheid (§ 43 Abs. 4 SGB II, § 44b Abs. 3 SGB XII) as
PDF/A, filed in the E-Akte of the Bedarfsgemeinschaft.

The notices machinery is reused: the Träger's versioned ``Bescheidvorlage`` (Arten ``erstattung`` and
``aufrechnung``), its restricted placeholder rendering, the deadlines of ``notices.fristen`` (Bekanntgabe § 37 Abs. 2
SGB X, Widerspruchsfrist § 84 SGG), the Bescheidnummer and the layout's CSS. The letter is addressed to the debtor;
a minor debtor is addressed through the Antragsteller/in as gesetzliche/r Vertreter/in (§ 1629 BGB).
"""

from dataclasses import dataclass, field
from datetime import date

from sozialhaus.core.models import Rechtskreis
from sozialhaus.notices import fristen
from sozialhaus.notices.darstellung import datum
from sozialhaus.notices.pdf import als_pdf, anschrift, antragsteller
from sozialhaus.notices.services import aktuelle_vorlage, bescheidnummer, standardvorlagen_anlegen
from sozialhaus.notices.vorlagen import absender, rendere_texte
from sozialhaus.payments.models import Zahlungskonto
from sozialhaus.records.models import Dokument
from sozialhaus.records.services import dokument_ablegen

VOLLJAEHRIG = 18


@dataclass
class Briefdaten:
    """What one Bescheid of the claims app needs besides its Vorlage."""

    art: str
    person: object
    bedarfsgemeinschaft: object
    dienststelle: object
    aktenzeichen: str
    leistung: str
    zeitraum: str
    kassenzeichen: str
    betrag: str
    faellig_am: str = ""
    """Due date as text; empty: the end of the Widerspruchsfrist."""
    zeilen: list[dict] = field(default_factory=list)
    angaben: list[tuple[str, str]] = field(default_factory=list)
    begruendung: str = ""
    unterzeichnet_von: object = None


@dataclass
class Bescheiddaten:
    nummer: str
    vorlage: object
    bescheiddatum: date
    bekanntgabe: date
    fristende: date
    dokument: Dokument


def _konto(traeger) -> str:
    konto = Zahlungskonto.objects.filter(traeger=traeger).first()
    return f"{konto.kontoinhaber}, IBAN {konto.iban}" if konto else "der Kreiskasse"


def _empfang(person, bg, stichtag: date) -> tuple[object, object]:
    """(Vertreter/in or None, address): a minor is addressed through the Antragsteller/in of the BG."""
    vertreter = None
    if person.alter_am(stichtag) < VOLLJAEHRIG:
        vertreter = antragsteller(bg, stichtag)
        vertreter = vertreter if vertreter and vertreter.pk != person.pk else None
    return vertreter, anschrift(person, stichtag) or (anschrift(vertreter, stichtag) if vertreter else None)


def erstellen(daten: Briefdaten, *, heute: date, benutzer=None, kanal: str = "ui") -> Bescheiddaten:
    """Render the Bescheid described by ``daten`` dated ``heute`` as PDF/A and file it in the BG's E-Akte."""
    traeger = daten.dienststelle.traeger
    standardvorlagen_anlegen(traeger, benutzer=benutzer)
    vorlage = aktuelle_vorlage(traeger, daten.art, heute)
    bekanntgabe = fristen.bekanntgabe(heute)
    fristende = fristen.widerspruchsfrist_ende(bekanntgabe)
    nummer = bescheidnummer(traeger, heute.year)
    dienststelle = daten.dienststelle
    texte = rendere_texte(
        vorlage,
        {
            **absender(dienststelle),
            "leistung": daten.leistung,
            "rechtskreis": Rechtskreis(daten.bedarfsgemeinschaft.rechtskreis).label,
            "sgb2": daten.bedarfsgemeinschaft.rechtskreis == Rechtskreis.SGB2,
            "zeitraum": daten.zeitraum,
            "aktenzeichen": daten.aktenzeichen,
            "bescheiddatum": datum(heute),
            "bekanntgabe": datum(bekanntgabe),
            "fristende": datum(fristende),
            "kassenzeichen": daten.kassenzeichen,
            "betrag": daten.betrag,
            "faellig_am": daten.faellig_am or datum(fristende),
            "konto": _konto(traeger),
        },
    )
    vertreter, adresse = _empfang(daten.person, daten.bedarfsgemeinschaft, heute)
    inhalt = als_pdf(
        "claims/bescheid.html",
        {
            "titel": f"{vorlage.get_art_display()} {nummer}",
            "texte": texte,
            "vorlage": vorlage,
            "daten": daten,
            "traeger": traeger,
            "dienststelle": dienststelle,
            "empfaenger": daten.person,
            "vertreter": vertreter,
            "anschrift": adresse,
            "nummer": nummer,
            "bescheiddatum": datum(heute),
        },
    )
    dokument = dokument_ablegen(
        akte=daten.bedarfsgemeinschaft,
        art=Dokument.Art.BESCHEID,
        titel=f"{vorlage.get_art_display()} {nummer} vom {datum(heute)} ({daten.person.name})",
        datum=heute,
        dienststelle=dienststelle,
        dateiname=f"Bescheid_{nummer}.pdf",
        mime_typ="application/pdf",
        inhalt=inhalt,
        benutzer=benutzer,
        kanal=kanal,
    )
    return Bescheiddaten(nummer, vorlage, heute, bekanntgabe, fristende, dokument)
