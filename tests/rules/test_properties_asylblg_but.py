"""Property tests (hypothesis) for AsylbLG and Bildung und Teilhabe on random households."""

import copy
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sozialhaus.rules import EingabeFehler, asylblg, berechne, but

EINSTELLUNGEN = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BETRAG = st.integers(min_value=0, max_value=200000).map(lambda c: f"{Decimal(c) / 100:.2f}")


def _datum(draw, von: int, bis: int) -> str:
    return f"{draw(st.integers(von, bis))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"


@st.composite
def asyl_haushalte(draw):
    jahr = draw(st.integers(2023, 2026))
    mon = draw(st.integers(1, 12))
    personen = []
    beziehungen = []
    erwachsene = draw(st.integers(1, 2))
    for i in range(erwachsene + draw(st.integers(0, 3))):
        erwachsen = i < erwachsene
        pid = f"p{i}"
        einkommen = []
        if erwachsen and draw(st.booleans()):
            brutto = draw(st.integers(0, 200000))
            netto = draw(st.integers(0, brutto))
            einkommen.append(
                {
                    "art": "erwerbseinkommen",
                    "brutto": f"{Decimal(brutto) / 100:.2f}",
                    "netto": f"{Decimal(netto) / 100:.2f}",
                }
            )
        for art in draw(st.lists(st.sampled_from(["kindergeld", "unterhalt", "rente", "sonstiges"]), max_size=2)):
            einkommen.append({"art": art, "betrag": draw(BETRAG)})
        personen.append(
            {
                "id": pid,
                "geburtsdatum": _datum(draw, 1950, 2004) if erwachsen else _datum(draw, 2005, jahr - 1),
                "aufenthalt_seit": _datum(draw, 2018, jahr - 1),
                "analogleistungen_vor_2024_02_27": draw(st.booleans()),
                "rechtsmissbrauch": draw(st.booleans()),
                "schwanger_ab_13_woche": erwachsen and draw(st.booleans()),
                "einkommen": einkommen,
                "vermoegen": draw(st.sampled_from(["0.00", "150.00", "900.00", "12000.00"])),
                "sachleistung_notwendiger_bedarf_wert": draw(st.sampled_from(["0.00", "50.00", "400.00"])),
            }
        )
        if not erwachsen:
            beziehungen.append({"art": "elternteil", "von": "p0", "zu": pid})
    if erwachsene == 2 and draw(st.booleans()):
        beziehungen.append({"art": "partner", "von": "p0", "zu": "p1"})
    return {
        "monat": f"{jahr}-{mon:02d}",
        "leistung": "asylblg",
        "personen": personen,
        "beziehungen": beziehungen,
        "unterkunft": {
            "art": draw(st.sampled_from(["wohnung", "gemeinschaftsunterkunft", "aufnahmeeinrichtung"])),
            "kaltmiete": draw(BETRAG),
            "nebenkosten": draw(BETRAG),
            "heizkosten": draw(BETRAG),
            "haushaltsenergie": draw(BETRAG),
            "angemessene_bruttokaltmiete": draw(st.sampled_from([None, "400.00", "700.00"])),
            "kostensenkung_ab": draw(st.sampled_from([None, "2023-01-01", "2027-01-01"])),
            "personen_im_haushalt": len(personen) + draw(st.integers(0, 2)),
        },
        "sachleistungen": {"notwendiger_persoenlicher_bedarf": draw(st.booleans())},
    }


@st.composite
def but_haushalte(draw):
    jahr = draw(st.integers(2023, 2026))
    mon = draw(st.integers(1, 12))
    kinder = []
    for i in range(draw(st.integers(1, 4))):
        kind = {
            "id": f"k{i}",
            "geburtsdatum": _datum(draw, 1995, jahr - 1),
            "schueler": draw(st.booleans()),
            "kita": draw(st.booleans()),
            "ausbildungsverguetung": draw(st.booleans()),
            "teilhabe": draw(st.booleans()),
        }
        for feld in (
            "kosten_ausfluege",
            "kosten_klassenfahrt",
            "kosten_schuelerbefoerderung",
            "kosten_schuelerbefoerderung_dritte",
            "kosten_lernfoerderung",
            "kosten_mittagessen",
        ):
            if draw(st.booleans()):
                kind[feld] = draw(BETRAG)
        kinder.append(kind)
    return {
        "monat": f"{jahr}-{mon:02d}",
        "leistung": "but",
        "rechtskreis": draw(st.sampled_from(["sgb2", "sgb12", "wohngeld", "kinderzuschlag", "asylblg"])),
        "kinder": kinder,
    }


def _pruefe_summen(ergebnis: dict) -> None:
    assert "fehler" not in ergebnis, ergebnis.get("fehler")
    anspruch = Decimal(ergebnis["anspruch"])
    assert anspruch >= 0
    summe = sum((Decimal(z["betrag"]) for z in ergebnis["positionen"]), Decimal("0"))
    assert summe == anspruch, (summe, anspruch)
    for pid, werte in ergebnis["personen"].items():
        eigener = Decimal(werte["anspruch"])
        assert eigener >= 0
        zeilen = sum((Decimal(z["betrag"]) for z in ergebnis["positionen"] if z["person"] == pid), Decimal("0"))
        assert zeilen == eigener, (pid, zeilen, eigener)


@EINSTELLUNGEN
@given(asyl_haushalte())
def test_asylblg_nie_negativ_und_zeilen_summieren(eingabe):
    _pruefe_summen(berechne(eingabe))


@EINSTELLUNGEN
@given(asyl_haushalte(), st.integers(1, 100000), st.integers(0, 1))
def test_asylblg_mehr_einkommen_erhoeht_nie(eingabe, cent, wer):
    vorher = berechne(eingabe)
    mehr = copy.deepcopy(eingabe)
    zuschlag = Decimal(cent) / 100
    person = mehr["personen"][min(wer, len(mehr["personen"]) - 1)]
    erwerb = [e for e in person["einkommen"] if e["art"] == "erwerbseinkommen"]
    if erwerb:
        erwerb[0]["brutto"] = f"{Decimal(erwerb[0]['brutto']) + zuschlag:.2f}"
        erwerb[0]["netto"] = f"{Decimal(erwerb[0]['netto']) + zuschlag:.2f}"
    else:
        person["einkommen"].append({"art": "sonstiges", "betrag": f"{zuschlag:.2f}"})
    nachher = berechne(mehr)
    assert Decimal(nachher["anspruch"]) <= Decimal(vorher["anspruch"])


@EINSTELLUNGEN
@given(but_haushalte())
def test_but_nie_negativ_und_zeilen_summieren(eingabe):
    _pruefe_summen(berechne(eingabe))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda kinder: st.lists(kinder, max_size=4) | st.dictionaries(st.text(max_size=10), kinder, max_size=4),
    max_leaves=20,
)


@EINSTELLUNGEN
@given(
    st.sampled_from(["asylblg", "but"]),
    st.dictionaries(
        st.sampled_from(["monat", "personen", "kinder", "unterkunft", "rechtskreis", "beziehungen", "sachleistungen"]),
        JSON,
    ),
)
def test_beliebige_eingabe_wirft_nur_eingabefehler(leistung, rest):
    """The modules themselves raise only EingabeFehler (German message), never TypeError & Co."""
    eingabe = {"leistung": leistung, "monat": "2025-03", **rest}
    funktion = asylblg.berechne if leistung == "asylblg" else but.berechne
    try:
        ergebnis = funktion(eingabe)
    except EingabeFehler as fehler:
        assert str(fehler).startswith("Feld ")
    else:
        assert isinstance(ergebnis, dict)
