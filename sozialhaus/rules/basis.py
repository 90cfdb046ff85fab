"""Shared building blocks of all legal areas: money, rounding, input checks, explanation lines."""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NULL = Decimal("0.00")
CENT = Decimal("0.01")
_HOECHSTBETRAG = Decimal("100000000")
_ZIFFERN = "0123456789"


class EingabeFehler(ValueError):
    """Input that cannot be calculated; the message is German and names the field."""


# The rounding mode is passed positionally: ``quantize(CENT, rounding=...)`` parses keywords and is four times slower.


def runden(betrag: Decimal) -> Decimal:
    """Round to two decimals, half up (§ 41 Abs. 2 SGB II: a 5 to 9 in the third decimal raises the second)."""
    return betrag.quantize(CENT, ROUND_HALF_UP)


def fmt(betrag: Decimal) -> str:
    """Amount as a string with two decimals (output format); amounts are already rounded, so str() is the fast path.

    ``str`` of a Decimal with exactly two decimals ends in ".dd" (an exponent form such as "1E+2" never does).
    """
    if betrag is NULL:
        return "0.00"
    s = str(betrag)
    if s[-3:-2] == ".":
        return s
    return str(betrag.quantize(CENT, ROUND_HALF_UP))


def euro(betrag: Decimal) -> str:
    """German display of an amount: 1.234,56 €."""
    s = fmt(betrag)
    ganz, dez = s[:-3], s[-2:]
    if len(ganz) < 4:
        return f"{ganz},{dez} €"  # below 1.000 €: no thousands separator
    if len(ganz) < 7 and ganz[0] != "-":
        return f"{ganz[:-3]}.{ganz[-3:]},{dez} €"  # 1.000 € to 999.999,99 €
    if len(ganz) > 3 and (ganz[0] != "-" or len(ganz) > 4):
        vorzeichen = "-" if ganz[0] == "-" else ""
        ziffern = ganz.lstrip("-")
        gruppen = []
        while len(ziffern) > 3:
            gruppen.insert(0, ziffern[-3:])
            ziffern = ziffern[:-3]
        ganz = vorzeichen + ".".join([ziffern, *gruppen])
    return f"{ganz},{dez} €"


_PROZENT: dict[Decimal, str] = {}


def prozent(anteil: Decimal) -> str:
    """German display of a share: Decimal("0.023") -> "2,3 %" (cached, the shares are few)."""
    text = _PROZENT.get(anteil)
    if text is None:
        text = f"{(anteil * 100).normalize():f}".replace(".", ",") + " %"
        if len(_PROZENT) < 1000:
            _PROZENT[anteil] = text
    return text


def feldname(feld) -> str:
    """Field names are passed lazily as tuples (built into a string only for an error message)."""
    if isinstance(feld, str):
        return feld
    return "".join(feldname(t) if isinstance(t, tuple) else str(t) for t in feld)


def geld(wert, feld, *, pflicht: bool = True, negativ: bool = False) -> Decimal | None:
    """Parse a money value given as string (or number) into Decimal with two decimals."""
    if wert == "0.00":
        return NULL
    if wert.__class__ is str and len(wert) < 12 and wert[-3:-2] == "." and wert[0] in _ZIFFERN and wert[-1] != " ":
        # Fast path for the usual "450.00": a valid number of this shape starting with a digit is finite, not
        # negative, has two decimals and (at most 11 characters) stays below the plausibility limit.
        try:
            return Decimal(wert)
        except InvalidOperation:
            pass  # the general path below names the field
    if wert.__class__ is str and wert:
        try:
            betrag = Decimal(wert)
        except InvalidOperation:
            raise EingabeFehler(
                f"Feld '{feldname(feld)}': '{wert}' ist kein gültiger Betrag (erwartet z. B. \"450.00\")."
            )
        if betrag.is_finite() and (negativ or betrag >= 0) and betrag <= _HOECHSTBETRAG:
            if len(wert) > 3 and wert[-3] == "." and wert[-1] != " ":
                return betrag  # already two decimals
            return betrag.quantize(CENT, ROUND_HALF_UP)
    if wert is None or wert == "":
        if pflicht:
            raise EingabeFehler(
                f"Feld '{feldname(feld)}' fehlt: Betrag in Euro als Zeichenkette erwartet, z. B. \"450.00\"."
            )
        return None
    if isinstance(wert, bool) or not isinstance(wert, str | int | float | Decimal):
        raise EingabeFehler(f"Feld '{feldname(feld)}': Betrag in Euro als Zeichenkette erwartet, z. B. \"450.00\".")
    try:
        betrag = Decimal(str(wert).strip())
    except InvalidOperation:
        raise EingabeFehler(f"Feld '{feldname(feld)}': '{wert}' ist kein gültiger Betrag (erwartet z. B. \"450.00\").")
    if not betrag.is_finite():
        raise EingabeFehler(f"Feld '{feldname(feld)}': '{wert}' ist kein gültiger Betrag.")
    if betrag < 0 and not negativ:
        raise EingabeFehler(f"Feld '{feldname(feld)}': Betrag darf nicht negativ sein.")
    if betrag > _HOECHSTBETRAG:
        raise EingabeFehler(f"Feld '{feldname(feld)}': Betrag ist unplausibel hoch.")
    return runden(betrag)


def datum(wert, feld, *, pflicht: bool = True) -> _dt.date | None:
    if wert.__class__ is str and len(wert) == 10:
        try:
            return _dt.date.fromisoformat(wert)
        except ValueError:
            pass
    if wert is None or wert == "":
        if pflicht:
            raise EingabeFehler(f"Feld '{feldname(feld)}' fehlt: Datum im Format JJJJ-MM-TT erwartet.")
        return None
    if not isinstance(wert, str):
        raise EingabeFehler(f"Feld '{feldname(feld)}': Datum im Format JJJJ-MM-TT erwartet.")
    try:
        return _dt.date.fromisoformat(wert)
    except ValueError:
        raise EingabeFehler(f"Feld '{feldname(feld)}': '{wert}' ist kein gültiges Datum im Format JJJJ-MM-TT.")


def wahrheitswert(wert, feld, standard: bool = False) -> bool:
    if wert is None:
        return standard
    if wert is True or wert is False:
        return wert
    if not isinstance(wert, bool):
        raise EingabeFehler(f"Feld '{feldname(feld)}': true oder false erwartet.")
    return wert


def monat(wert) -> tuple[int, int]:
    if not isinstance(wert, str) or len(wert) != 7 or wert[4] != "-":
        raise EingabeFehler("Feld 'monat': Monat im Format JJJJ-MM erwartet, z. B. \"2026-03\".")
    try:
        jahr, mon = int(wert[:4]), int(wert[5:])
    except ValueError:
        raise EingabeFehler("Feld 'monat': Monat im Format JJJJ-MM erwartet, z. B. \"2026-03\".")
    if not 1 <= mon <= 12:
        raise EingabeFehler(f"Feld 'monat': '{wert}' ist kein gültiger Monat.")
    return jahr, mon


def position(person: str | None, text: str, betrag: Decimal, norm: str) -> dict:
    """One explanation line of the Berechnungsbogen."""
    return {"person": person, "text": text, "betrag": fmt(betrag), "norm": norm}
