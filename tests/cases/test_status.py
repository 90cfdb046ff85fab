"""status_setzen and the checklist: every refused transition has a German message and changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sozialhaus.cases import services
from sozialhaus.cases.models import Entscheidung, Statuswechsel
from sozialhaus.core.models import Rechtskreis
from sozialhaus.records.services import dokument_ablegen

from .conftest import pruefungsreif


@pytest.fixture
def antrag(alleinstehend, sb_kreis):
    return services.antrag_anlegen(sb_kreis, alleinstehend, art="erstantrag", eingegangen_am=date(2025, 1, 15))


def _zustand(antrag):
    antrag.refresh_from_db()
    return antrag.status, Statuswechsel.objects.filter(antrag=antrag).count(), Entscheidung.objects.count()


def _in_status(benutzer, antrag, status):
    if status == "entscheidungsreif":
        pruefungsreif(benutzer, antrag)
    elif status == "entschieden":
        pruefungsreif(benutzer, antrag)
        services.ablehnen(benutzer, antrag, begruendung="Vermögen übersteigt den Freibetrag (§ 12 SGB II).")
    elif status == "zurueckgenommen":
        services.status_setzen(benutzer, antrag, "zurueckgenommen", grund="telefonisch zurückgenommen")
    elif status == "ruhend":
        services.status_setzen(benutzer, antrag, "ruhend", grund="Krankenhausaufenthalt")


@pytest.mark.parametrize(
    ("von", "nach", "meldung"),
    [
        (
            "eingegangen",
            "entscheidungsreif",
            "Ein Antrag im Status »eingegangen« kann nicht in den Status »entscheidungsreif«",
        ),
        ("eingegangen", "entschieden", "nur durch eine Bewilligung, Ablehnung oder Änderung entschieden"),
        ("entscheidungsreif", "entschieden", "nur durch eine Bewilligung, Ablehnung oder Änderung entschieden"),
        ("entschieden", "in_pruefung", "Ein Antrag im Status »entschieden« kann nicht in den Status »in Prüfung«"),
        ("entschieden", "zurueckgenommen", "Ein Antrag im Status »entschieden« kann nicht"),
        ("zurueckgenommen", "in_pruefung", "Ein Antrag im Status »zurückgenommen« kann nicht"),
        ("ruhend", "entscheidungsreif", "Ein Antrag im Status »ruhend« kann nicht in den Status »entscheidungsreif«"),
        ("ruhend", "ruhend", "Ein Antrag im Status »ruhend« kann nicht in den Status »ruhend«"),
        ("eingegangen", "unsinn", "Unbekannter Status"),
    ],
)
def test_unzulaessiger_statuswechsel_hat_deutsche_meldung_und_aendert_nichts(antrag, sb_kreis, von, nach, meldung):
    _in_status(sb_kreis, antrag, von)
    vorher = _zustand(antrag)
    with pytest.raises(ValidationError, match=meldung):
        services.status_setzen(sb_kreis, antrag, nach, grund="Test")
    assert _zustand(antrag) == vorher


def test_ruecknahme_braucht_einen_grund(antrag, sb_kreis):
    vorher = _zustand(antrag)
    with pytest.raises(ValidationError, match="Grund der Rücknahme"):
        services.status_setzen(sb_kreis, antrag, "zurueckgenommen", grund="  ")
    assert _zustand(antrag) == vorher


def test_ruhen_und_zurueck_in_den_vorherigen_status(antrag, sb_kreis):
    services.status_setzen(sb_kreis, antrag, "in_pruefung")
    services.status_setzen(sb_kreis, antrag, "ruhend", grund="Krankenhausaufenthalt")
    assert antrag.status_vor_ruhen == "in_pruefung"
    with pytest.raises(ValidationError, match="»ruhend« kann nicht in den Status »eingegangen«"):
        services.status_setzen(sb_kreis, antrag, "eingegangen")
    services.status_setzen(sb_kreis, antrag, "in_pruefung", grund="zurück aus dem Krankenhaus")
    antrag.refresh_from_db()
    assert (antrag.status, antrag.status_vor_ruhen) == ("in_pruefung", "")
    verlauf = list(Statuswechsel.objects.filter(antrag=antrag).values_list("von", "nach", "grund"))
    assert verlauf == [
        ("", "eingegangen", "Antrag erfasst"),
        ("eingegangen", "in_pruefung", ""),
        ("in_pruefung", "ruhend", "Krankenhausaufenthalt"),
        ("ruhend", "in_pruefung", "zurück aus dem Krankenhaus"),
    ]


def test_fehlende_nachweise_verhindern_entscheidungsreif(antrag, sb_kreis):
    services.status_setzen(sb_kreis, antrag, "in_pruefung")
    for nachweis in antrag.nachweise.exclude(bezeichnung__in=["Mietvertrag", "Nachweis der Krankenversicherung"]):
        services.nachweis_eingegangen(sb_kreis, nachweis, eingegangen_am=date(2025, 1, 20))
    vorher = _zustand(antrag)
    with pytest.raises(ValidationError) as fehler:
        services.status_setzen(sb_kreis, antrag, "entscheidungsreif")
    assert fehler.value.messages == [
        "Der Antrag ist noch nicht entscheidungsreif. Es fehlen folgende Nachweise: Mietvertrag; "
        "Nachweis der Krankenversicherung."
    ]
    assert _zustand(antrag) == vorher


def test_nicht_erforderliche_nachweise_blockieren_nicht(antrag, sb_kreis):
    services.status_setzen(sb_kreis, antrag, "in_pruefung")
    for nachweis in antrag.nachweise.filter(erforderlich=True):
        services.nachweis_eingegangen(sb_kreis, nachweis)
    services.status_setzen(sb_kreis, antrag, "entscheidungsreif")
    assert antrag.status == "entscheidungsreif"


def test_nachweis_anfordern_setzt_frist_und_holt_den_antrag_zurueck_in_pruefung(antrag, sb_kreis):
    pruefungsreif(sb_kreis, antrag)
    frist = timezone.localdate() + timedelta(days=21)
    nachweis = services.nachweis_anfordern(sb_kreis, antrag, bezeichnung="Nebenkostenabrechnung 2024", frist=frist)
    antrag.refresh_from_db()
    assert (antrag.mitwirkungsfrist, antrag.status) == (frist, "in_pruefung")
    assert nachweis.erforderlich and nachweis.eingegangen_am is None
    with pytest.raises(ValidationError, match="Nebenkostenabrechnung 2024"):
        services.status_setzen(sb_kreis, antrag, "entscheidungsreif")


def test_nachweis_anfordern_mit_frist_in_der_vergangenheit_aendert_nichts(antrag, sb_kreis):
    frist_vorher = antrag.mitwirkungsfrist
    with pytest.raises(ValidationError, match="Frist zur Mitwirkung"):
        services.nachweis_anfordern(sb_kreis, antrag, bezeichnung="Lohnabrechnung", frist=date(2020, 1, 1))
    antrag.refresh_from_db()
    assert antrag.mitwirkungsfrist == frist_vorher
    assert not antrag.nachweise.filter(bezeichnung="Lohnabrechnung").exists()


def test_nachweis_mit_dokument_der_eigenen_akte(antrag, sb_kreis, dienststelle, bg_in):
    nachweis = antrag.nachweise.get(bezeichnung="Mietvertrag")
    eigenes = dokument_ablegen(
        akte=antrag.bedarfsgemeinschaft, art="nachweis", titel="Mietvertrag", datum=date(2025, 1, 18),
        dienststelle=dienststelle("jc-brake"), dateiname="mietvertrag.pdf", mime_typ="application/pdf",
        inhalt=b"%PDF-1.7 Mietvertrag", benutzer=sb_kreis,
    )  # fmt: skip
    fremdes = dokument_ablegen(
        akte=bg_in("Brake", Rechtskreis.SGB2, [{"familienname": "Fremd"}]), art="nachweis", titel="Mietvertrag",
        datum=date(2025, 1, 18), dienststelle=dienststelle("jc-brake"), dateiname="fremd.pdf",
        mime_typ="application/pdf", inhalt=b"%PDF-1.7 fremd", benutzer=sb_kreis,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="gehört nicht zur Akte"):
        services.nachweis_eingegangen(sb_kreis, nachweis, dokument=fremdes)
    nachweis.refresh_from_db()
    assert nachweis.eingegangen_am is None
    services.nachweis_eingegangen(sb_kreis, nachweis, eingegangen_am=date(2025, 1, 18), dokument=eigenes)
    nachweis.refresh_from_db()
    assert (nachweis.eingegangen_am, nachweis.dokument) == (date(2025, 1, 18), eigenes)


def test_nur_wer_aendern_darf_setzt_den_status(antrag, benutzer):
    # Zahlstelle may read the case but not change it; sb.brake (Sozialamt Brake) does not see SGB II at all.
    for name in ("zahlstelle", "sb.brake"):
        with pytest.raises(PermissionDenied):
            services.status_setzen(benutzer(name), antrag, "in_pruefung")
    antrag.refresh_from_db()
    assert antrag.status == "eingegangen"
