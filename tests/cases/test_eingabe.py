"""cases/eingabe.py: the engine input from the facts as they stood in the month; missing facts in German."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialhaus.cases import services
from sozialhaus.cases.eingabe import eingabe_fuer_monat, erwerbsfaehig
from sozialhaus.core.models import Gemeinde, Rechtskreis
from sozialhaus.people.models import Beziehung, BGMitglied, Einkommen, Person, Unterkunft, Vermoegen

from .conftest import pruefungsreif


@pytest.fixture
def familie(bg_in):
    """Paar mit Kind in Brake: a (1990) Antragstellerin, b (1988) Partner, c (2015) Kind."""
    bg = bg_in(
        "Brake",
        Rechtskreis.SGB2,
        [
            {"vorname": "Anna", "geburtsdatum": date(1990, 5, 10)},
            {"vorname": "Bernd", "geburtsdatum": date(1988, 7, 1), "rolle": "partner"},
            {"vorname": "Clara", "geburtsdatum": date(2015, 3, 3), "rolle": "kind"},
        ],
    )
    a, b, c = (m.person for m in bg.mitgliedschaften.order_by("id"))
    Beziehung.objects.create(von=a, zu=b, art="partner")
    Beziehung.objects.create(von=a, zu=c, art="elternteil")
    Einkommen.objects.create(
        person=a,
        art="erwerbseinkommen",
        brutto=Decimal("1200.00"),
        netto=Decimal("950.00"),
        gueltig_ab=date(2025, 1, 1),
    )
    Einkommen.objects.create(
        person=c, art="kindergeld", brutto=Decimal("255.00"), netto=Decimal("255.00"), gueltig_ab=date(2025, 1, 1)
    )
    Vermoegen.objects.create(person=a, art="konto", wert=Decimal("1500.00"), gueltig_ab=date(2025, 1, 1))
    Vermoegen.objects.create(
        person=a, art="kfz", bezeichnung="VW Polo", wert=Decimal("3000.00"), gueltig_ab=date(2025, 1, 1)
    )
    return bg, a, b, c


def test_eingabe_enthaelt_personen_einkommen_vermoegen_beziehungen_und_unterkunft(familie):
    bg, a, b, c = familie
    eingabe = eingabe_fuer_monat(bg, date(2025, 2, 1), "buergergeld", date(2025, 1, 1), None)
    assert eingabe == {
        "monat": "2025-02",
        "leistung": "buergergeld",
        "bezug_seit": "2025-01-01",
        "bezug_bis": None,
        "personen": [
            {
                "id": a.kundennummer,
                "geburtsdatum": "1990-05-10",
                "erwerbsfaehig": True,
                "dauerhaft_voll_erwerbsgemindert": False,
                "einkommen": [{"art": "erwerbseinkommen", "brutto": "1200.00", "netto": "950.00"}],
                "vermoegen": "4500.00",
            },
            {"id": b.kundennummer, "geburtsdatum": "1988-07-01", "erwerbsfaehig": True,
             "dauerhaft_voll_erwerbsgemindert": False, "einkommen": [], "vermoegen": "0.00"},
            {"id": c.kundennummer, "geburtsdatum": "2015-03-03", "erwerbsfaehig": False,
             "dauerhaft_voll_erwerbsgemindert": False, "einkommen": [{"art": "kindergeld", "betrag": "255.00"}],
             "vermoegen": "0.00"},
        ],
        "beziehungen": [
            {"art": "partner", "von": a.kundennummer, "zu": b.kundennummer},
            {"art": "elternteil", "von": a.kundennummer, "zu": c.kundennummer},
        ],
        "unterkunft": {"kaltmiete": "400.00", "nebenkosten": "100.00", "heizkosten": "80.00",
                       "warmwasser_dezentral": False, "personen_im_haushalt": 3},
    }  # fmt: skip


def test_eingabe_nimmt_den_stand_des_monats(familie):
    bg, a, b, c = familie
    # Bernd leaves the BG at the end of February; Anna earns more from March (new version of the fact).
    BGMitglied.objects.filter(bedarfsgemeinschaft=bg, person=b).update(gueltig_bis=date(2025, 2, 28))
    Einkommen(
        person=a,
        art="erwerbseinkommen",
        brutto=Decimal("1300.00"),
        netto=Decimal("1000.00"),
        gueltig_ab=date(2025, 3, 1),
    ).als_neue_version_speichern()
    februar = eingabe_fuer_monat(bg, date(2025, 2, 1), "buergergeld", date(2025, 1, 1), None)
    maerz = eingabe_fuer_monat(bg, date(2025, 3, 1), "buergergeld", date(2025, 1, 1), None)
    assert [p["id"] for p in februar["personen"]] == [a.kundennummer, b.kundennummer, c.kundennummer]
    assert [p["id"] for p in maerz["personen"]] == [a.kundennummer, c.kundennummer]
    assert maerz["beziehungen"] == [{"art": "elternteil", "von": a.kundennummer, "zu": c.kundennummer}]
    assert februar["personen"][0]["einkommen"][0]["netto"] == "950.00"
    assert maerz["personen"][0]["einkommen"][0]["netto"] == "1000.00"


def test_erwerbsfaehigkeit_nach_alter(dienststelle):
    ds = dienststelle("jc-brake")

    def person(geburt):
        return Person.objects.create(
            familienname="Alt", vorname="X", geburtsdatum=geburt, geschlecht="w", erfasst_von=ds
        )

    # § 7 Abs. 1 Satz 1 Nr. 1 SGB II: from 15 years; § 7a SGB II: born 1959 → Altersgrenze 66 years and 2 months,
    # reached at the end of the month in which it is completed (born 15.3.1959 → end of May 2025).
    assert not erwerbsfaehig(person(date(2010, 6, 1)), date(2025, 5, 1))  # 14 years
    assert erwerbsfaehig(person(date(2010, 4, 1)), date(2025, 5, 1))  # 15 years
    jahrgang_1959 = person(date(1959, 3, 15))
    assert erwerbsfaehig(jahrgang_1959, date(2025, 5, 1))
    assert not erwerbsfaehig(jahrgang_1959, date(2025, 6, 1))


def test_fehlende_unterkunft_wird_deutsch_benannt(alleinstehend):
    Unterkunft.objects.filter(haushalt=alleinstehend.haushalt).delete()
    with pytest.raises(ValidationError) as fehler:
        eingabe_fuer_monat(alleinstehend, date(2025, 3, 1), "buergergeld", date(2025, 1, 1), None)
    assert fehler.value.messages == [
        f"Für 03/2025 fehlen die Unterkunftskosten des Haushalts {alleinstehend.haushalt.nummer}."
    ]


def test_monat_ohne_mitglieder_wird_benannt(alleinstehend):
    with pytest.raises(ValidationError) as fehler:
        eingabe_fuer_monat(alleinstehend, date(2024, 12, 1), "buergergeld", date(2024, 12, 1), None)
    assert fehler.value.messages == [
        f"Für 12/2024 gehört der Bedarfsgemeinschaft {alleinstehend.bg_nummer} niemand an.",
        f"Für 12/2024 fehlen die Unterkunftskosten des Haushalts {alleinstehend.haushalt.nummer}.",
    ]


def test_wohngeld_braucht_die_mietenstufe_der_gemeinde(bg_in):
    bg = bg_in("Brake", Rechtskreis.WOHNGELD)
    Gemeinde.objects.filter(name__startswith="Brake").update(mietenstufe=None)
    with pytest.raises(ValidationError) as fehler:
        eingabe_fuer_monat(bg, date(2026, 3, 1), "wohngeld", date(2026, 3, 1), None)
    assert fehler.value.messages == [
        "Für 03/2026 fehlt die Mietenstufe der Gemeinde Brake (Unterweser) (Anlage zu § 1 Abs. 3 WoGV)."
    ]


def test_wohngeld_erhaelt_die_mietenstufe_der_gemeinde_der_unterkunft(bg_in):
    bg = bg_in("Brake", Rechtskreis.WOHNGELD)
    Gemeinde.objects.filter(name__startswith="Brake").update(mietenstufe=2)
    eingabe = eingabe_fuer_monat(bg, date(2026, 3, 1), "wohngeld", date(2026, 3, 1), None)
    assert eingabe["unterkunft"]["mietenstufe"] == 2


def test_asylblg_braucht_den_beginn_des_aufenthalts(bg_in):
    bg = bg_in("Brake", Rechtskreis.ASYLBLG)
    person = bg.mitgliedschaften.get().person
    with pytest.raises(ValidationError) as fehler:
        eingabe_fuer_monat(bg, date(2026, 3, 1), "asylblg", date(2026, 3, 1), None)
    assert fehler.value.messages == [f"Für 03/2026 fehlt der Beginn des Aufenthalts von {person} (§ 2 Abs. 1 AsylbLG)."]
    Person.objects.filter(pk=person.pk).update(aufenthalt_seit=date(2025, 1, 15))
    eingabe = eingabe_fuer_monat(bg, date(2026, 3, 1), "asylblg", date(2026, 3, 1), None)
    assert eingabe["personen"][0]["aufenthalt_seit"] == "2025-01-15"


def test_angemessenheit_der_unterkunft_wird_uebergeben(alleinstehend):
    Unterkunft.objects.filter(haushalt=alleinstehend.haushalt).update(
        angemessene_bruttokaltmiete=Decimal("450.00"), kostensenkung_ab=date(2026, 1, 1)
    )
    unterkunft = eingabe_fuer_monat(alleinstehend, date(2026, 3, 1), "buergergeld", date(2025, 1, 1), None)[
        "unterkunft"
    ]
    assert unterkunft["angemessene_bruttokaltmiete"] == "450.00"
    assert unterkunft["kostensenkung_ab"] == "2026-01-01"
    assert "angemessene_heizkosten" not in unterkunft


def test_schonvermoegen_wird_nicht_beruecksichtigt(familie):
    bg, a, b, c = familie
    # The VW Polo (3.000 €) counts as angemessenes Kfz (§ 12 Abs. 1 Satz 2 Nr. 2 SGB II) from March.
    Vermoegen(
        person=a, art="kfz", bezeichnung="VW Polo", wert=Decimal("3000.00"), schonvermoegen=True,
        gueltig_ab=date(2025, 3, 1),
    ).als_neue_version_speichern()  # fmt: skip
    assert (
        eingabe_fuer_monat(bg, date(2025, 2, 1), "buergergeld", date(2025, 1, 1), None)["personen"][0]["vermoegen"]
        == "4500.00"
    )
    assert (
        eingabe_fuer_monat(bg, date(2025, 3, 1), "buergergeld", date(2025, 1, 1), None)["personen"][0]["vermoegen"]
        == "1500.00"
    )


def test_dauerhafte_volle_erwerbsminderung_ab_ihrem_beginn(dienststelle):
    person = Person.objects.create(
        familienname="Krank", vorname="K", geburtsdatum=date(1980, 1, 1), geschlecht="w",
        erfasst_von=dienststelle("sozialamt-brake"), dauerhaft_voll_erwerbsgemindert_seit=date(2025, 6, 1),
    )  # fmt: skip
    # § 8 Abs. 1 SGB II, § 41 Abs. 3 SGB XII: from the day of the Feststellung the person is not erwerbsfähig.
    assert erwerbsfaehig(person, date(2025, 5, 31))
    assert not erwerbsfaehig(person, date(2025, 6, 1))
    assert not person.dauerhaft_voll_erwerbsgemindert_am(date(2025, 5, 31))
    assert person.dauerhaft_voll_erwerbsgemindert_am(date(2025, 6, 1))


def test_fehlende_fakten_beim_bewilligen_speichern_nichts(alleinstehend, sb_kreis):
    antrag = services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    pruefungsreif(sb_kreis, antrag)
    Unterkunft.objects.filter(haushalt=alleinstehend.haushalt).delete()
    with pytest.raises(ValidationError, match="Für 01/2025 fehlen die Unterkunftskosten des Haushalts H"):
        services.bewilligen(sb_kreis, antrag)
    antrag.refresh_from_db()
    assert antrag.status == "entscheidungsreif"
    assert not antrag.entscheidungen.exists()


def test_fehler_des_rechenkerns_wird_zur_deutschen_meldung(bg_in, sb_kreis):
    # An SGB II BG of one 10-year-old has no erwerbsfähige Person: the engine answers with "fehler".
    bg = bg_in("Brake", Rechtskreis.SGB2, [{"geburtsdatum": date(2015, 1, 1)}])
    antrag = services.antrag_anlegen(sb_kreis, bg, art="erstantrag", eingegangen_am=date(2025, 1, 15))
    with pytest.raises(ValidationError) as fehler:
        services.berechne_monate(antrag, date(2025, 1, 1), date(2025, 1, 31))
    assert fehler.value.messages[0].startswith("Die Berechnung für 01/2025 ist nicht möglich: ")
    assert "keine erwerbsfähige Person" in fehler.value.messages[0]
