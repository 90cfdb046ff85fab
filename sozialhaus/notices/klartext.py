"""The plain-language part of a Bescheid: "Was bedeutet dieser Bescheid für Sie?".

Short sentences in simple German (level B1), generated from the same Berechnungsbogen sections as the PDF, so the
explanation always matches the legally binding part: how much, for which months, what was counted as need, which
income was deducted, what to do now and until when a Widerspruch is possible. The legally binding text remains the
Bescheid itself; this part only explains it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from sozialhaus.cases.models import Entscheidung

from .darstellung import Abschnitt, euro, monat, monatsspanne


@dataclass
class Absatz:
    """A paragraph of the explanation, optionally followed by a bullet list."""

    text: str
    punkte: list[str] = field(default_factory=list)


def _satz(text: str) -> str:
    """``text`` as a sentence ending with a full stop."""
    return text.strip().rstrip(".") + "."


def _zeile(position) -> str:
    return f"{position.person}: {position.text} – {euro(abs(position.betrag))}"


def _betrag_saetze(abschnitt: Abschnitt) -> list[Absatz]:
    """How much for which months, what counted as need and which income was deducted."""
    wann = f"jeden Monat {euro(abschnitt.anspruch)}" if abschnitt.mehrere_monate else euro(abschnitt.anspruch)
    absaetze = [Absatz(f"Für {abschnitt.titel} bekommen Sie {wann}.")]
    if abschnitt.bedarfe:
        absaetze.append(
            Absatz(
                f"Das haben wir als Bedarf gezählt, zusammen {euro(abschnitt.summe_bedarfe)}:",
                [_zeile(p) for p in abschnitt.bedarfe],
            )
        )
    if abschnitt.abzuege:
        absaetze.append(
            Absatz(
                f"Das haben wir abgezogen, zusammen {euro(abs(abschnitt.summe_abzuege))}:",
                [_zeile(p) for p in abschnitt.abzuege],
            )
        )
    return absaetze


def _verbindlichkeit(entscheidung: Entscheidung) -> list[Absatz]:
    if entscheidung.verbindlichkeit == Entscheidung.Verbindlichkeit.VORLAEUFIG:
        return [
            Absatz(
                f"Diese Entscheidung ist vorläufig. Der Grund: {_satz(entscheidung.vorlaeufig_grund)} "
                "Wenn wir alles wissen, entscheiden wir endgültig. Dann bekommen Sie vielleicht Geld nach. "
                "Oder Sie müssen Geld zurückzahlen."
            )
        ]
    if entscheidung.verbindlichkeit == Entscheidung.Verbindlichkeit.ABSCHLIESSEND:
        return [Absatz("Wir haben jetzt endgültig entschieden. Die vorläufige Entscheidung gilt nicht mehr.")]
    return []


def _differenz_saetze(monate: list) -> list[Absatz]:
    """Nachzahlung or Überzahlung of an Änderung or Aufhebung."""
    mit_differenz = [m for m in monate if m.differenz is not None]
    if not mit_differenz:
        return []
    summe = sum((Decimal(m.differenz) for m in mit_differenz), Decimal("0.00"))
    spanne = monatsspanne(mit_differenz[0].monat, mit_differenz[-1].monat)
    if summe > 0:
        return [Absatz(f"Für {spanne} bekommen Sie {euro(summe)} nachgezahlt.")]
    if summe < 0:
        return [
            Absatz(
                f"Für {spanne} haben Sie {euro(-summe)} zu viel bekommen. Dieses Geld müssen Sie zurückzahlen. "
                "Wie und wann Sie zahlen, schreiben wir Ihnen in einem eigenen Brief."
            )
        ]
    return [Absatz(f"Für {spanne} ändert sich der Betrag insgesamt nicht.")]


def _schluss_saetze(fristende: str, dienststelle) -> list[Absatz]:
    absaetze = [
        Absatz(
            "Was müssen Sie jetzt tun? Bitte sagen Sie uns sofort Bescheid, wenn sich etwas ändert. "
            "Zum Beispiel: Sie haben eine neue Arbeit, Ihre Miete ändert sich, oder jemand zieht bei Ihnen ein "
            "oder aus."
        ),
        Absatz(
            "Sind Sie nicht einverstanden? Dann können Sie Widerspruch einlegen. "
            f"Ihr Widerspruch muss bis zum {fristende} bei uns sein."
        ),
    ]
    kontakt = [text for text in (dienststelle.telefon, dienststelle.email) if text]
    if kontakt:
        absaetze.append(Absatz(f"Haben Sie Fragen? Sie erreichen uns so: {', '.join(kontakt)}."))
    return absaetze


def erklaerung(
    entscheidung: Entscheidung,
    monate: list,
    abschnitte: list[Abschnitt],
    *,
    leistung: str,
    fristende: str,
    einmalig=None,
) -> list[Absatz]:
    """The paragraphs of "Was bedeutet dieser Bescheid für Sie?" for ``entscheidung`` (``einmalig``: the
    ``cases.Einmalleistung`` of a decision on a one-off benefit)."""
    if einmalig is not None:
        absaetze = [
            Absatz(
                f"Sie bekommen einmal {euro(einmalig.betrag)} für: {einmalig.get_art_display()}. Wir überweisen das "
                f"Geld im {monat(einmalig.faellig_im)}. Ihre monatliche Leistung ändert sich dadurch nicht."
            )
        ]
    elif entscheidung.art == Entscheidung.Art.ABLEHNUNG:
        absaetze = [
            Absatz(f"Wir haben Ihren Antrag auf {leistung} abgelehnt. Das heißt: Sie bekommen kein Geld."),
            Absatz(f"Der Grund: {_satz(entscheidung.begruendung)}"),
        ]
    else:
        absaetze = [a for abschnitt in abschnitte for a in _betrag_saetze(abschnitt)]
        absaetze += _differenz_saetze(monate)
    absaetze += _verbindlichkeit(entscheidung)
    return absaetze + _schluss_saetze(fristende, entscheidung.dienststelle)
