"""Property tests (hypothesis) for the SGB II engine on random households."""

import copy
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sozialhaus.rules import berechne
from tests.rules.eigenschaften import (
    BELIEBIG_EINSTELLUNGEN,
    BELIEBIGE_WERTE,
    EINSTELLUNGEN,
    anspruch_nicht_hoeher,
    betrag,
    erwerbseinkommen,
    pruefe_anspruch_und_positionen,
    pruefe_betragsformat,
    pruefe_fehlertext,
    pruefe_wegfall_eines_mehrbedarfs,
)

BETRAG = betrag(300000)


@st.composite
def monate(draw):
    jahr = draw(st.integers(2023, 2026))
    return jahr, draw(st.integers(1, 12))


@st.composite
def einkommen(draw, erwachsen: bool):
    eintraege = []
    if erwachsen and draw(st.booleans()):
        eintraege.append(erwerbseinkommen(draw, 300000))
    for art in draw(st.lists(st.sampled_from(["unterhalt", "rente", "arbeitslosengeld", "sonstiges"]), max_size=2)):
        eintraege.append({"art": art, "betrag": draw(BETRAG)})
    if draw(st.booleans()):
        eintraege.append(
            {
                "art": "elterngeld",
                "betrag": draw(BETRAG),
                "vorgeburtliches_einkommen": draw(BETRAG),
                "elterngeld_plus": draw(st.booleans()),
            }
        )
    return eintraege


@st.composite
def haushalte(draw):
    jahr, mon = draw(monate())
    paar = draw(st.booleans())
    anzahl_kinder = draw(st.integers(0, 4))
    personen = []
    beziehungen = []

    def mehrbedarfe():
        return {
            "behinderung_eingliederungshilfe": draw(st.booleans()),
            "kostenaufwaendige_ernaehrung": draw(st.sampled_from(["0.00", "50.00", "120.50"])),
            "unabweisbar": draw(st.sampled_from(["0.00", "30.00"])),
        }

    for pid in ["a", "b"] if paar else ["a"]:
        personen.append(
            {
                "id": pid,
                "geburtsdatum": f"{jahr - draw(st.integers(25, 64))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
                "erwerbsfaehig": True,
                "schwanger_ab_13_woche": draw(st.booleans()),
                "einkommen": draw(einkommen(True)),
                "vermoegen": draw(st.sampled_from(["0.00", "5000.00", "14000.00", "30000.00", "90000.00"])),
                "mehrbedarfe": mehrbedarfe(),
            }
        )
    if paar:
        beziehungen.append({"art": "partner", "von": "a", "zu": "b"})
    for k in range(anzahl_kinder):
        alter = draw(st.integers(0, 23))
        kid = f"k{k}"
        eink = draw(einkommen(alter >= 15))
        if draw(st.booleans()):
            eink.append({"art": "kindergeld", "betrag": draw(st.sampled_from(["250.00", "255.00", "259.00"]))})
        personen.append(
            {
                "id": kid,
                "geburtsdatum": f"{jahr - alter - 1}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
                "erwerbsfaehig": alter >= 15,
                "einkommen": eink,
                "vermoegen": "0.00",
                "mehrbedarfe": mehrbedarfe(),
            }
        )
        beziehungen.append({"art": "elternteil", "von": "a", "zu": kid})
    bezug_seit = f"{draw(st.integers(2022, jahr))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    if bezug_seit[:7] > f"{jahr}-{mon:02d}":
        bezug_seit = f"{jahr}-{mon:02d}-{draw(st.integers(1, 28)):02d}"
    return {
        "monat": f"{jahr}-{mon:02d}",
        "leistung": draw(st.sampled_from(["buergergeld", "grundsicherungsgeld"])),
        "bezug_seit": bezug_seit,
        "personen": personen,
        "beziehungen": beziehungen,
        "unterkunft": {
            "kaltmiete": draw(BETRAG),
            "nebenkosten": draw(st.sampled_from(["0.00", "80.00", "150.00"])),
            "heizkosten": draw(st.sampled_from(["0.00", "60.00", "120.00"])),
            "personen_im_haushalt": len(personen) + draw(st.integers(0, 1)),
            "warmwasser_dezentral": draw(st.booleans()),
            "angemessene_bruttokaltmiete": draw(st.sampled_from([None, "400.00", "650.00"])),
            "kostensenkung_ab": draw(st.sampled_from([None, "2023-06-01", "2025-01-01"])),
        },
    }


@EINSTELLUNGEN
@given(haushalte())
def test_anspruch_nie_negativ_und_positionen_summieren_sich(eingabe):
    ergebnis = berechne(eingabe)
    pruefe_anspruch_und_positionen(ergebnis)
    for werte in ergebnis["personen"].values():
        assert Decimal(werte["anspruch_kdu"]) >= 0 and Decimal(werte["anspruch_regelbedarf_mehrbedarfe"]) >= 0
        assert Decimal(werte["anspruch_kdu"]) <= Decimal(werte["kdu"])
    pruefe_betragsformat(ergebnis, ("einkommen_erlaeuterung",))


@EINSTELLUNGEN
@given(haushalte(), st.integers(1, 200000), st.sampled_from(["erwerbseinkommen", "rente", "unterhalt"]))
def test_mehr_nettoeinkommen_erhoeht_anspruch_nie(eingabe, plus_cent, art):
    vorher = berechne(eingabe)
    mehr = copy.deepcopy(eingabe)
    plus = Decimal(plus_cent) / 100
    person = mehr["personen"][0]
    if art == "erwerbseinkommen":
        erwerb = [e for e in person["einkommen"] if e["art"] == "erwerbseinkommen"]
        if erwerb:
            e = erwerb[0]
            neu = Decimal(e["netto"]) + plus
            e["netto"] = f"{neu:.2f}"
            e["brutto"] = f"{max(Decimal(e['brutto']), neu):.2f}"
            if Decimal(e["brutto"]) > neu:
                pass
        else:
            person["einkommen"].append({"art": "erwerbseinkommen", "brutto": f"{plus:.2f}", "netto": f"{plus:.2f}"})
    else:
        person["einkommen"].append({"art": art, "betrag": f"{plus:.2f}"})
    nachher = berechne(mehr)
    anspruch_nicht_hoeher(nachher, vorher)


@EINSTELLUNGEN
@given(haushalte(), st.data())
def test_wegfall_eines_mehrbedarfs_erhoeht_anspruch_nie(eingabe, data):
    pruefe_wegfall_eines_mehrbedarfs(
        eingabe, data, ["schwanger", "behinderung", "ernaehrung", "unabweisbar", "warmwasser"]
    )


@BELIEBIG_EINSTELLUNGEN
@given(BELIEBIGE_WERTE)
def test_beliebige_eingabe_wirft_nie(eingabe):
    pruefe_fehlertext(berechne(eingabe))
