"""Shared helpers of the property tests (hypothesis) for SGB II and SGB XII: settings, strategies, assertions."""

import copy
import re
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from sozialhaus.rules import berechne

BETRAGSFORMAT = re.compile(r"-?[0-9]+\.[0-9]{2}")
EINSTELLUNGEN = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BELIEBIG_EINSTELLUNGEN = settings(max_examples=200, deadline=None)
# Arbitrary JSON-like values for the "never raises" tests.
BELIEBIGE_WERTE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=4),
)


def betrag(hoechstens_cent: int):
    """Strategy for a money string from 0.00 up to ``hoechstens_cent`` cents."""
    return st.integers(min_value=0, max_value=hoechstens_cent).map(lambda c: f"{Decimal(c) / 100:.2f}")


def erwerbseinkommen(draw, hoechstens_cent: int) -> dict:
    """One Erwerbseinkommen entry with netto not above brutto."""
    brutto = draw(st.integers(0, hoechstens_cent))
    netto = draw(st.integers(0, brutto))
    return {"art": "erwerbseinkommen", "brutto": f"{Decimal(brutto) / 100:.2f}", "netto": f"{Decimal(netto) / 100:.2f}"}


def summe(positionen, person=None) -> Decimal:
    return sum((Decimal(z["betrag"]) for z in positionen if person is None or z["person"] == person), Decimal(0))


def pruefe_anspruch_und_positionen(ergebnis: dict) -> None:
    """No error; household and person claims are not negative and equal the sum of their positions."""
    assert "fehler" not in ergebnis, ergebnis
    assert Decimal(ergebnis["anspruch"]) >= 0
    assert summe(ergebnis["positionen"]) == Decimal(ergebnis["anspruch"])
    for pid, werte in ergebnis["personen"].items():
        assert Decimal(werte["anspruch"]) >= 0
        assert summe(ergebnis["positionen"], pid) == Decimal(werte["anspruch"])


def pruefe_betragsformat(ergebnis: dict, ausgenommen: tuple[str, ...]) -> None:
    """Every amount of the result (except the person text fields ``ausgenommen``) has exactly two decimals."""
    betraege = [ergebnis[f] for f in ("anspruch", "bedarf", "angerechnetes_einkommen")]
    betraege += [z["betrag"] for z in ergebnis["positionen"]]
    for werte in ergebnis["personen"].values():
        betraege += [v for k, v in werte.items() if isinstance(v, str) and k not in ausgenommen]
    for b in betraege:
        assert BETRAGSFORMAT.fullmatch(b), b


def mehrbedarf_weglassen(eingabe: dict, person: dict, welcher: str) -> None:
    """Remove one Mehrbedarf (``welcher``) of ``person`` or, for "warmwasser", of the household."""
    if welcher == "schwanger":
        person["schwanger_ab_13_woche"] = False
    elif welcher == "behinderung":
        person["mehrbedarfe"]["behinderung_eingliederungshilfe"] = False
    elif welcher == "ernaehrung":
        person["mehrbedarfe"]["kostenaufwaendige_ernaehrung"] = "0.00"
    elif welcher == "unabweisbar":
        person["mehrbedarfe"]["unabweisbar"] = "0.00"
    elif welcher == "merkzeichen_g":
        person["merkzeichen_g"] = False
    elif welcher == "warmwasser":
        eingabe["unterkunft"]["warmwasser_dezentral"] = False
    else:
        raise AssertionError(f"unbekannter Mehrbedarf {welcher!r}")


def pruefe_wegfall_eines_mehrbedarfs(eingabe: dict, data, arten: list[str]) -> None:
    """Dropping one Mehrbedarf (drawn from ``arten``) of a drawn person never raises the claim."""
    vorher = berechne(eingabe)
    weniger = copy.deepcopy(eingabe)
    person = data.draw(st.sampled_from(weniger["personen"]))
    welcher = data.draw(st.sampled_from(arten))
    mehrbedarf_weglassen(weniger, person, welcher)
    anspruch_nicht_hoeher(berechne(weniger), vorher)


def anspruch_nicht_hoeher(nachher: dict, vorher: dict) -> None:
    assert Decimal(nachher["anspruch"]) <= Decimal(vorher["anspruch"])


def pruefe_fehlertext(ergebnis) -> None:
    """Any input gives a dict; an error message names a field (or the input) and shows no internal tuple."""
    assert isinstance(ergebnis, dict)
    if "fehler" in ergebnis:
        assert ergebnis["fehler"].startswith(("Feld", "Eingabe")) and "('" not in ergebnis["fehler"]
