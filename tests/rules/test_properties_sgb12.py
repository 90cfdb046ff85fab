"""Property tests (hypothesis) for the SGB XII engine (3. and 4. Kapitel) on random Einsatzgemeinschaften."""

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

BETRAG = betrag(250000)
LEISTUNGEN = ["hilfe_zum_lebensunterhalt", "grundsicherung_alter_erwerbsminderung"]


@st.composite
def einkommen(draw, erwachsen: bool):
    eintraege = []
    if erwachsen and draw(st.booleans()):
        eintraege.append(erwerbseinkommen(draw, 250000))
    arten = ["rente", "zusaetzliche_altersvorsorge", "unterhalt", "arbeitslosengeld", "sonstiges"]
    for art in draw(st.lists(st.sampled_from(arten), max_size=2)):
        eintraege.append({"art": art, "betrag": draw(BETRAG)})
    return eintraege


@st.composite
def haushalte(draw):
    jahr = draw(st.integers(2024, 2026))
    mon = draw(st.integers(1, 12))
    paar = draw(st.booleans())
    anzahl_kinder = draw(st.integers(0, 3))
    personen = []
    beziehungen = []

    def mehrbedarfe():
        return {
            "behinderung_eingliederungshilfe": draw(st.booleans()),
            "kostenaufwaendige_ernaehrung": draw(st.sampled_from(["0.00", "56.30", "480.00"])),
        }

    for pid in ["a", "b"] if paar else ["a"]:
        personen.append(
            {
                "id": pid,
                "geburtsdatum": f"{jahr - draw(st.integers(18, 85))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
                "voll_erwerbsgemindert": draw(st.booleans()),
                "dauerhaft_voll_erwerbsgemindert": draw(st.booleans()),
                "merkzeichen_g": draw(st.booleans()),
                "schwanger_ab_13_woche": draw(st.booleans()),
                "grundrentenzeiten_33_jahre": draw(st.booleans()),
                "versicherungsbeitraege": draw(st.sampled_from([None, "0.00", "18.50", "45.00"])),
                "wohnform": draw(
                    st.sampled_from(["wohnung", "wohnung", "wohnung", "besondere_wohnform", "einrichtung"])
                ),
                "einkommen": draw(einkommen(True)),
                "vermoegen": draw(st.sampled_from(["0.00", "5000.00", "10000.00", "15000.00", "25000.00"])),
                "mehrbedarfe": mehrbedarfe(),
            }
        )
    if paar:
        beziehungen.append({"art": "partner", "von": "a", "zu": "b"})
    for k in range(anzahl_kinder):
        alter = draw(st.integers(0, 22))
        kid = f"k{k}"
        eink = draw(einkommen(alter >= 15))
        if draw(st.booleans()):
            eink.append({"art": "kindergeld", "betrag": draw(st.sampled_from(["250.00", "255.00", "259.00"]))})
        personen.append(
            {
                "id": kid,
                "geburtsdatum": f"{jahr - alter - 1}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}",
                "voll_erwerbsgemindert": alter >= 18 and draw(st.booleans()),
                "einkommen": eink,
                "vermoegen": "0.00",
                "mehrbedarfe": mehrbedarfe(),
            }
        )
        beziehungen.append({"art": "elternteil", "von": "a", "zu": kid})
    in_wohnung = sum(1 for x in personen if x.get("wohnform", "wohnung") != "einrichtung")
    return {
        "monat": f"{jahr}-{mon:02d}",
        "leistung": draw(st.sampled_from(LEISTUNGEN)),
        "bezug_seit": f"{draw(st.integers(2015, jahr - 1))}-{draw(st.integers(1, 12)):02d}-01",
        "unterhaltspflichtige_einkommen_ueber_100000": draw(st.booleans()),
        "personen": personen,
        "beziehungen": beziehungen,
        "unterkunft": {
            "kaltmiete": draw(BETRAG),
            "nebenkosten": draw(st.sampled_from(["0.00", "80.00", "150.00"])),
            "heizkosten": draw(st.sampled_from(["0.00", "60.00", "120.00"])),
            "personen_im_haushalt": max(1, in_wohnung + draw(st.integers(0, 1))),
            "warmwasser_dezentral": draw(st.booleans()),
            "angemessene_bruttokaltmiete": draw(st.sampled_from([None, "400.00", "650.00"])),
            "kostensenkung_ab": draw(st.sampled_from([None, "2023-06-01", "2025-01-01"])),
            "karenzzeit_sgb2_verbraucht_monate": draw(st.integers(0, 12)),
            "vor_2023_auf_angemessene_kosten_abgesenkt": draw(st.booleans()),
        },
    }


@EINSTELLUNGEN
@given(haushalte())
def test_anspruch_nie_negativ_und_positionen_summieren_sich(eingabe):
    ergebnis = berechne(eingabe)
    pruefe_anspruch_und_positionen(ergebnis)
    for werte in ergebnis["personen"].values():
        assert Decimal(werte["anspruch"]) <= Decimal(werte["bedarf"])
    pruefe_betragsformat(ergebnis, ("einkommen_erlaeuterung", "einsatzgemeinschaft"))


@EINSTELLUNGEN
@given(
    haushalte(),
    st.integers(1, 200000),
    st.sampled_from(["erwerbseinkommen", "rente", "unterhalt", "kindergeld"]),
    st.data(),
)
def test_mehr_einkommen_erhoeht_anspruch_nie(eingabe, plus_cent, art, data):
    vorher = berechne(eingabe)
    mehr = copy.deepcopy(eingabe)
    plus = Decimal(plus_cent) / 100
    person = data.draw(st.sampled_from(mehr["personen"]))
    if art == "erwerbseinkommen":
        person["einkommen"].append({"art": art, "brutto": f"{plus:.2f}", "netto": f"{plus:.2f}"})
    else:
        person["einkommen"].append({"art": art, "betrag": f"{plus:.2f}"})
    nachher = berechne(mehr)
    anspruch_nicht_hoeher(nachher, vorher)


@EINSTELLUNGEN
@given(haushalte(), st.data())
def test_wegfall_eines_mehrbedarfs_erhoeht_anspruch_nie(eingabe, data):
    pruefe_wegfall_eines_mehrbedarfs(
        eingabe, data, ["schwanger", "behinderung", "ernaehrung", "merkzeichen_g", "warmwasser"]
    )


@BELIEBIG_EINSTELLUNGEN
@given(
    st.sampled_from(LEISTUNGEN),
    BELIEBIGE_WERTE,
    st.sampled_from(["personen", "unterkunft", "beziehungen", "monat", "bezug_seit"]),
)
def test_beliebige_felder_werfen_nie(leistung, wert, feld):
    eingabe = {
        "monat": "2025-03",
        "leistung": leistung,
        "personen": [{"id": "a", "geburtsdatum": "1950-01-01"}],
        "unterkunft": {"kaltmiete": "300.00"},
    }
    eingabe[feld] = wert
    pruefe_fehlertext(berechne(eingabe))
