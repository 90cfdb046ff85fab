"""How a Bescheid shows amounts, dates and months, and the Berechnungsbogen built from the stored calculation.

Both the PDF (``pdf.py``) and the plain-language part (``klartext.py``) read the same ``Abschnitt`` objects, so the
explanation can never say something other than the Berechnungsbogen.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sozialhaus.cases.zeitraum import plus_monate
from sozialhaus.people.models import Person

MONATSNAMEN = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def euro(betrag) -> str:
    """German money format: ``Decimal("1234.5")`` → ``"1.234,50 €"``, negatives with a leading minus."""
    wert = Decimal(str(betrag)).quantize(Decimal("0.01"))
    text = f"{abs(wert):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"-{text} €" if wert < 0 else f"{text} €"


def datum(tag: date) -> str:
    """``date(2026, 3, 1)`` → ``"01.03.2026"``."""
    return f"{tag:%d.%m.%Y}"


def monat(tag: date) -> str:
    """``date(2026, 3, 1)`` → ``"März 2026"``."""
    return f"{MONATSNAMEN[tag.month - 1]} {tag.year}"


def monatsspanne(von: date, bis: date) -> str:
    """``"März 2026"``, ``"März bis Mai 2026"`` or ``"Dezember 2025 bis Februar 2026"``."""
    if (von.year, von.month) == (bis.year, bis.month):
        return monat(von)
    if von.year == bis.year:
        return f"{MONATSNAMEN[von.month - 1]} bis {monat(bis)}"
    return f"{monat(von)} bis {monat(bis)}"


@dataclass(frozen=True)
class Position:
    """One line of the Berechnungsbogen: needs positive, income and reductions negative."""

    person: str
    text: str
    betrag: Decimal
    norm: str


@dataclass
class Abschnitt:
    """Consecutive months whose calculation has identical positions, shown once in the Berechnungsbogen."""

    von: date
    bis: date
    positionen: list[Position]
    anspruch: Decimal
    hinweise: list[str] = field(default_factory=list)
    einkommen: list[tuple[str, str]] = field(default_factory=list)
    """(name, how the engine got from gross income to the amount counted), for each person with income."""

    @property
    def titel(self) -> str:
        return monatsspanne(self.von, self.bis)

    @property
    def bedarfe(self) -> list[Position]:
        return [p for p in self.positionen if p.betrag > 0]

    @property
    def abzuege(self) -> list[Position]:
        return [p for p in self.positionen if p.betrag < 0]

    @property
    def summe_bedarfe(self) -> Decimal:
        return sum((p.betrag for p in self.bedarfe), Decimal("0.00"))

    @property
    def summe_abzuege(self) -> Decimal:
        return sum((p.betrag for p in self.abzuege), Decimal("0.00"))

    @property
    def mehrere_monate(self) -> bool:
        return self.von != self.bis


def personennamen(monate: Iterable) -> dict[str, str]:
    """Names of the persons in the calculations (the engine's person id is the Kundennummer)."""
    nummern = {p.get("person") for m in monate for p in m.berechnung.get("positionen", [])}
    return {p.kundennummer: p.name for p in Person.objects.filter(kundennummer__in=nummern - {None})}


def _positionen(berechnung: dict, namen: dict[str, str]) -> list[Position]:
    return [
        Position(
            person=namen.get(p.get("person"), "Bedarfsgemeinschaft"),
            text=p["text"],
            betrag=Decimal(p["betrag"]),
            norm=p.get("norm", ""),
        )
        for p in berechnung.get("positionen", [])
    ]


def _einkommen(berechnung: dict, namen: dict[str, str]) -> list[tuple[str, str]]:
    """The engine's explanation of the income counted: per person, or for the household (Wohngeld)."""
    je_person = [
        (namen.get(nummer, "Bedarfsgemeinschaft"), daten["einkommen_erlaeuterung"])
        for nummer, daten in berechnung.get("personen", {}).items()
        if daten.get("einkommen_erlaeuterung")
    ]
    haushalt = berechnung.get("einkommen_erlaeuterung")
    return [*je_person, ("Haushalt", haushalt)] if haushalt else je_person


def abschnitte(monate: list, namen: dict[str, str]) -> list[Abschnitt]:
    """Group the Leistungsmonate (ordered by month) into sections of consecutive months with equal positions."""
    ergebnis: list[Abschnitt] = []
    for leistungsmonat in monate:
        positionen = _positionen(leistungsmonat.berechnung, namen)
        hinweise = list(leistungsmonat.berechnung.get("hinweise", []))
        einkommen = _einkommen(leistungsmonat.berechnung, namen)
        letzter = ergebnis[-1] if ergebnis else None
        if (
            letzter
            and plus_monate(letzter.bis, 1) == leistungsmonat.monat
            and letzter.positionen == positionen
            and letzter.anspruch == leistungsmonat.betrag
            and letzter.hinweise == hinweise
            and letzter.einkommen == einkommen
        ):
            letzter.bis = leistungsmonat.monat
            continue
        ergebnis.append(
            Abschnitt(
                von=leistungsmonat.monat,
                bis=leistungsmonat.monat,
                positionen=positionen,
                anspruch=Decimal(leistungsmonat.betrag),
                hinweise=hinweise,
                einkommen=einkommen,
            )
        )
    return ergebnis
