"""Property tests (hypothesis) for the SGB II engine on random households."""

import copy
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sozialhaus.rules import berechne

BETRAGSFORMAT = re.compile(r"-?[0-9]+\.[0-9]{2}")
EINSTELLUNGEN = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BETRAG = st.integers(min_value=0, max_value=300000).map(lambda c: f"{Decimal(c) / 100:.2f}")


@st.composite
def monate(draw):
    jahr = draw(st.integers(2023, 2026))
    return jahr, draw(st.integers(1, 12))


@st.composite
def einkommen(draw, erwachsen: bool):
    eintraege = []
    if erwachsen and draw(st.booleans()):
        brutto = draw(st.integers(0, 300000))
        netto = draw(st.integers(0, brutto))
        eintraege.append(
            {
                "art": "erwerbseinkommen",
                "brutto": f"{Decimal(brutto) / 100:.2f}",
                "netto": f"{Decimal(netto) / 100:.2f}",
            }
        )
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


def _summe(positionen, person=None):
    return sum((Decimal(z["betrag"]) for z in positionen if person is None or z["person"] == person), Decimal(0))


@EINSTELLUNGEN
@given(haushalte())
def test_anspruch_nie_negativ_und_positionen_summieren_sich(eingabe):
    ergebnis = berechne(eingabe)
    assert "fehler" not in ergebnis, ergebnis
    assert Decimal(ergebnis["anspruch"]) >= 0
    assert _summe(ergebnis["positionen"]) == Decimal(ergebnis["anspruch"])
    for pid, werte in ergebnis["personen"].items():
        assert Decimal(werte["anspruch"]) >= 0
        assert _summe(ergebnis["positionen"], pid) == Decimal(werte["anspruch"])
        assert Decimal(werte["anspruch_kdu"]) >= 0 and Decimal(werte["anspruch_regelbedarf_mehrbedarfe"]) >= 0
        assert Decimal(werte["anspruch_kdu"]) <= Decimal(werte["kdu"])
    betraege = [ergebnis[f] for f in ("anspruch", "bedarf", "angerechnetes_einkommen")]
    betraege += [z["betrag"] for z in ergebnis["positionen"]]
    for werte in ergebnis["personen"].values():
        betraege += [v for k, v in werte.items() if isinstance(v, str) and k != "einkommen_erlaeuterung"]
    for betrag in betraege:
        assert BETRAGSFORMAT.fullmatch(betrag), betrag


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
    assert Decimal(nachher["anspruch"]) <= Decimal(vorher["anspruch"])


@EINSTELLUNGEN
@given(haushalte(), st.data())
def test_wegfall_eines_mehrbedarfs_erhoeht_anspruch_nie(eingabe, data):
    vorher = berechne(eingabe)
    weniger = copy.deepcopy(eingabe)
    person = data.draw(st.sampled_from(weniger["personen"]))
    welcher = data.draw(st.sampled_from(["schwanger", "behinderung", "ernaehrung", "unabweisbar", "warmwasser"]))
    if welcher == "schwanger":
        person["schwanger_ab_13_woche"] = False
    elif welcher == "behinderung":
        person["mehrbedarfe"]["behinderung_eingliederungshilfe"] = False
    elif welcher == "ernaehrung":
        person["mehrbedarfe"]["kostenaufwaendige_ernaehrung"] = "0.00"
    elif welcher == "unabweisbar":
        person["mehrbedarfe"]["unabweisbar"] = "0.00"
    else:
        weniger["unterkunft"]["warmwasser_dezentral"] = False
    nachher = berechne(weniger)
    assert Decimal(nachher["anspruch"]) <= Decimal(vorher["anspruch"])


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=4),
    )
)
def test_beliebige_eingabe_wirft_nie(eingabe):
    ergebnis = berechne(eingabe)
    assert isinstance(ergebnis, dict)
    if "fehler" in ergebnis:
        assert ergebnis["fehler"].startswith(("Feld", "Eingabe")) and "('" not in ergebnis["fehler"]
