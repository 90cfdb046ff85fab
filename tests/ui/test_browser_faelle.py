"""Browser tests of the case pages: Postkorb, Antrag page (with the htmx calculation preview) and E-Akte, checked
with axe-core. Server, browser and checks are those of test_browser.py (imported, not copied)."""

import pytest

from tests.ui.test_browser import _anmelden, _pruefe, app, browser, seite  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def test_postkorb(seite, app):  # noqa: F811
    _anmelden(seite, app["basis"])
    seite.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Postkorb").click()
    seite.wait_for_url(f"{app['basis']}/postkorb/")
    assert seite.get_by_role("heading", name="Postkorb", exact=True).is_visible()
    assert seite.get_by_role("link", name=app["aktenzeichen"]).is_visible()
    assert seite.get_by_text("Mieterhöhung zum 01.07.2025 prüfen").is_visible()
    assert _pruefe(seite, "20-postkorb", schmal=True) == []


def test_antrag_seite_und_berechnung(seite, app):  # noqa: F811
    basis = app["basis"]
    _anmelden(seite, basis)
    seite.goto(f"{basis}/antraege/{app['aktenzeichen']}/")
    assert seite.get_by_role("heading", name=f"Antrag {app['aktenzeichen']}").is_visible()
    assert seite.get_by_role("heading", name="Nachweise (Mitwirkung, §§ 60 ff. SGB I)").is_visible()
    assert _pruefe(seite, "21-antrag", schmal=True) == []
    seite.get_by_label("von (TT.MM.JJJJ)").fill("01.01.2026")
    seite.get_by_label("bis (TT.MM.JJJJ)").fill("28.02.2026")
    seite.get_by_role("button", name="Berechnen").click()
    seite.locator("#berechnung-ergebnis").get_by_text("Vorschau:", exact=False).or_(
        seite.locator("#berechnung-ergebnis").get_by_text("nicht möglich", exact=False)
    ).first.wait_for()
    assert seite.url.endswith(f"/antraege/{app['aktenzeichen']}/")  # htmx: no page load
    assert _pruefe(seite, "22-antrag-berechnung") == []
    seite.get_by_label("Neuer Status").select_option("entscheidungsreif")
    seite.get_by_role("button", name="Status setzen").click()
    seite.wait_for_load_state()
    assert seite.get_by_role("alert").filter(has_text="Es fehlen folgende Nachweise").is_visible()
    _pruefe(seite, "23-antrag-fehler")


def test_e_akte(seite, app):  # noqa: F811
    basis = app["basis"]
    _anmelden(seite, basis)
    seite.goto(f"{basis}/bedarfsgemeinschaften/{app['bg_nummer']}/akte/")
    assert seite.get_by_role("link", name="Mietvertrag").is_visible()
    assert _pruefe(seite, "24-e-akte", schmal=True) == []
    seite.get_by_role("button", name="In die E-Akte ablegen").click()
    seite.wait_for_load_state()
    assert seite.get_by_text("Bitte wählen Sie eine Datei aus.").first.is_visible()
    assert _pruefe(seite, "25-e-akte-fehler") == []
    seite.goto(f"{basis}/bedarfsgemeinschaften/{app['bg_nummer']}/")
    assert seite.get_by_role("heading", name="Anträge, Entscheidungen und Bescheide").is_visible()
    assert _pruefe(seite, "26-bg-mit-antraegen") == []
