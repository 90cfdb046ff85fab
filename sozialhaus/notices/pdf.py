"""Rendering a Bescheid as an accessible PDF/A (WeasyPrint, template ``notices/bescheid.html``).

The page holds the letterhead of the deciding Dienststelle, the recipient (Antragsteller/in of the BG with the
address valid on the Bescheiddatum), the numbers, the decision itself, the Berechnungsbogen with every position of
the stored calculation, the plain-language explanation, the Vorlage's texts and the Rechtsbehelfsbelehrung.

The output is PDF/A-2a (ISO 19005-2, level A: tagged structure, Unicode text, embedded fonts, XMP metadata),
the archival format for the E-Akte and a structure screen readers can follow.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.template.loader import render_to_string
from weasyprint import HTML

from sozialhaus.cases.models import Entscheidung
from sozialhaus.cases.zeitraum import monatsende
from sozialhaus.core.models import Rechtskreis
from sozialhaus.people.models import Adresse, BGMitglied

from . import darstellung, klartext
from .darstellung import datum, euro
from .vorlagen import absender, rendere_texte

PDF_VARIANTE = "pdf/a-2a"

LEISTUNGSNAMEN = {
    Rechtskreis.SGB2: "Bürgergeld",
    Rechtskreis.SGB12_KAP3: "Hilfe zum Lebensunterhalt",
    Rechtskreis.SGB12_KAP4: "Grundsicherung im Alter und bei Erwerbsminderung",
    Rechtskreis.ASYLBLG: "Leistungen nach dem Asylbewerberleistungsgesetz",
    Rechtskreis.WOHNGELD: "Wohngeld",
}
"""Name of the benefit when no calculation names it (e.g. an Ablehnung without months)."""

HINWEIS_AUTOMATISCH = (
    "Dieser Bescheid wurde automatisiert erlassen (§ 31a SGB X) und ist ohne Unterschrift gültig (§ 33 Abs. 5 SGB X)."
)

RECHTSGRUNDLAGEN = {
    Entscheidung.Rechtsgrundlage.SGB10_48: ("§ 48 Abs. 1 SGB X", "§ 330 Abs. 3 SGB III"),
    Entscheidung.Rechtsgrundlage.SGB10_45: ("§ 45 SGB X", "§ 330 Abs. 2 SGB III"),
}
"""Rechtsgrundlage of an Änderung/Aufhebung and, in SGB II, the rule of § 330 SGB III that § 40 Abs. 2 Nr. 3 SGB II
makes applicable (no discretion; Abs. 2 for § 45, Abs. 3 for § 48 SGB X)."""


def rechtsgrundlage(entscheidung: Entscheidung) -> str:
    """The norm on which an Änderung or Aufhebung rests, as cited in the Bescheid."""
    if entscheidung.rechtsgrundlage == Entscheidung.Rechtsgrundlage.SGB2_41A:
        return "§ 41a Abs. 3 SGB II"
    norm, sgb3 = RECHTSGRUNDLAGEN.get(entscheidung.rechtsgrundlage, ("", ""))
    if norm and entscheidung.antrag.rechtskreis == Rechtskreis.SGB2:
        return f"{norm} in Verbindung mit § 40 Abs. 1 Satz 1 und Abs. 2 Nr. 3 SGB II und {sgb3}"
    return norm


def erstattungsgrundlage(entscheidung: Entscheidung) -> str:
    """Norm of the Erstattung of an Überzahlung: § 41a Abs. 6 Satz 3 SGB II after a final decision, else § 50 SGB X."""
    if entscheidung.rechtsgrundlage == Entscheidung.Rechtsgrundlage.SGB2_41A:
        return "§ 41a Abs. 6 Satz 3 SGB II"
    if entscheidung.antrag.rechtskreis == Rechtskreis.SGB2:
        return "§ 50 Abs. 1 SGB X in Verbindung mit § 40 Abs. 1 Satz 1 SGB II"
    return "§ 50 Abs. 1 SGB X"


def antragsteller(bg, stichtag: date):
    """The Antragsteller/in of ``bg`` on ``stichtag`` (else the first member): the addressee of the Bescheid."""
    mitglieder = BGMitglied.objects.filter(bedarfsgemeinschaft=bg).select_related("person")
    gueltig = mitglieder.filter(gueltig_ab__lte=stichtag).filter(
        Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=stichtag)
    )
    zeile = (
        gueltig.filter(rolle=BGMitglied.Rolle.ANTRAGSTELLER).first()
        or mitglieder.filter(rolle=BGMitglied.Rolle.ANTRAGSTELLER).order_by("-gueltig_ab").first()
        or mitglieder.order_by("gueltig_ab", "id").first()
    )
    return zeile.person if zeile else None


def anschrift(person, stichtag: date) -> Adresse | None:
    """The address of ``person`` valid on ``stichtag`` (else the newest one)."""
    adressen = Adresse.objects.filter(person=person)
    return (
        adressen.filter(gueltig_ab__lte=stichtag)
        .filter(Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=stichtag))
        .order_by("-gueltig_ab")
        .first()
        or adressen.order_by("-gueltig_ab").first()
    )


def aenderungszeilen(monate: list) -> list[dict]:
    """Per month of an Änderung/Aufhebung: bisher, neu and Nachzahlung (+) or Überzahlung (−)."""
    return [
        {"monat": darstellung.monat(m.monat), "bisher": euro(m.bisher), "neu": euro(m.betrag), "differenz": m.differenz}
        for m in monate
        if m.bisher is not None
    ]


def leistungsname(entscheidung: Entscheidung, monate: list) -> str:
    """Name of the benefit as the law called it in the first month (e.g. "Bürgergeld"), else by Rechtskreis."""
    for m in monate:
        if m.berechnung.get("bezeichnung"):
            return m.berechnung["bezeichnung"]
    return LEISTUNGSNAMEN.get(entscheidung.antrag.rechtskreis, "Leistungen")


def zeitraum(entscheidung: Entscheidung, monate: list) -> tuple[date | None, date | None]:
    """The period of the decision: its Bewilligungszeitraum, else the months it covers."""
    if entscheidung.zeitraum_von:
        return entscheidung.zeitraum_von, entscheidung.zeitraum_bis
    if monate:
        return monate[0].monat, monatsende(monate[-1].monat)
    return None, None


def einmalleistung(entscheidung: Entscheidung):
    """The one-off benefit granted by ``entscheidung``, None for any other decision."""
    if entscheidung.art != Entscheidung.Art.EINMALLEISTUNG:
        return None
    return entscheidung.einmalleistung


def einmalleistung_platzhalter(leistung) -> dict:
    """Placeholders of a Bescheid on a one-off benefit (empty for any other decision)."""
    if leistung is None:
        return {}
    return {
        "einmalleistung": leistung.get_art_display(),
        "betrag": euro(leistung.betrag),
        "norm": leistung.norm,
        "faellig_im": darstellung.monat(leistung.faellig_im),
    }


def _zeitraum_text(von: date | None, bis: date | None) -> str:
    if von is None:
        return ""
    return f"{datum(von)} bis {datum(bis)}" if bis else f"{datum(von)} an"


def kontext(
    entscheidung: Entscheidung,
    vorlage,
    *,
    nummer: str,
    bescheiddatum: date,
    bekanntgabe: date,
    fristende: date,
    ersetzt=None,
    berichtigungsgrund: str = "",
) -> dict:
    """Everything the template ``notices/bescheid.html`` shows."""
    antrag = entscheidung.antrag
    bg = antrag.bedarfsgemeinschaft
    dienststelle = entscheidung.dienststelle
    monate = list(entscheidung.monate.order_by("monat"))
    abschnitte = darstellung.abschnitte(monate, darstellung.personennamen(monate))
    leistung = leistungsname(entscheidung, monate)
    von, bis = zeitraum(entscheidung, monate)
    person = antragsteller(bg, bescheiddatum)
    differenzen = [Decimal(m.differenz) for m in monate if m.differenz is not None]
    summe_differenz = sum(differenzen, Decimal("0.00"))
    einmalig = einmalleistung(entscheidung)
    texte = rendere_texte(
        vorlage,
        {
            **absender(dienststelle),
            "leistung": leistung,
            "rechtskreis": antrag.get_rechtskreis_display(),
            "sgb2": antrag.rechtskreis == Rechtskreis.SGB2,
            "zeitraum": _zeitraum_text(von, bis),
            "aktenzeichen": antrag.aktenzeichen,
            "bescheiddatum": datum(bescheiddatum),
            "bekanntgabe": datum(bekanntgabe),
            "fristende": datum(fristende),
            **einmalleistung_platzhalter(einmalig),
        },
    )
    return {
        "titel": f"{vorlage.get_art_display()} {nummer}",
        "texte": texte,
        "vorlage": vorlage,
        "entscheidung": entscheidung,
        "dienststelle": dienststelle,
        "traeger": dienststelle.traeger,
        "empfaenger": person,
        "anschrift": anschrift(person, bescheiddatum) if person else None,
        "nummer": nummer,
        "aktenzeichen": antrag.aktenzeichen,
        "bg_nummer": bg.bg_nummer,
        "bescheiddatum": datum(bescheiddatum),
        "fristende": datum(fristende),
        "leistung": leistung,
        "zeitraum": _zeitraum_text(von, bis),
        "vorlaeufig": entscheidung.verbindlichkeit == Entscheidung.Verbindlichkeit.VORLAEUFIG,
        "abschliessend": entscheidung.verbindlichkeit == Entscheidung.Verbindlichkeit.ABSCHLIESSEND,
        "abschnitte": abschnitte,
        "einmalleistung": einmalig,
        "aenderungszeilen": aenderungszeilen(monate),
        "rechtsgrundlage": rechtsgrundlage(entscheidung),
        "summe_differenz": summe_differenz,
        "ueberzahlung": -summe_differenz if summe_differenz < 0 else None,
        "nachzahlung": summe_differenz if summe_differenz > 0 else None,
        "erstattung": erstattungsgrundlage(entscheidung) if summe_differenz < 0 else "",
        "erklaerung": klartext.erklaerung(
            entscheidung, monate, abschnitte, leistung=leistung, fristende=datum(fristende), einmalig=einmalig
        ),
        "automatisch": entscheidung.automatisch,
        "hinweis_automatisch": HINWEIS_AUTOMATISCH,
        "ersetzt": ersetzt,
        "berichtigungsgrund": berichtigungsgrund,
    }


def als_pdf(vorlage: str, kontext_: dict) -> bytes:
    """Render the letter template ``vorlage`` (extending ``notices/brief.html``) as tagged PDF/A-2a bytes."""
    return HTML(string=render_to_string(vorlage, kontext_)).write_pdf(pdf_variant=PDF_VARIANTE, pdf_tags=True)


def bescheid_pdf(**daten) -> bytes:
    """Render the Bescheid described by ``kontext(**daten)`` as PDF/A-2a bytes."""
    return als_pdf("notices/bescheid.html", kontext(**daten))
