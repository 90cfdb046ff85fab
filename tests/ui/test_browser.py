"""Browser tests: the staff UI as a user sees it, in Debian's headless Chromium, checked with axe-core.

The app runs as a user would start it: ``manage.py runserver`` in a subprocess on a free port, against its own
temporary SQLite file (migrated, demo organisation and one demo BG loaded). pytest-django's live_server is not
used: the audit table's triggers forbid DELETE, so flushing the database between tests would fail.

Screenshots go to /tmp/sozialhaus-screens/ (SOZIALHAUS_SCREENSHOTS overrides).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PROJEKT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("SOZIALHAUS_SCREENSHOTS", "/tmp/sozialhaus-screens"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip("Chromium aus den Debian-Paketen ist nicht installiert (make system-deps).", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def _freier_port(start: int = 8731) -> int:
    for port in range(start, start + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("Kein freier Port gefunden.")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    verzeichnis = tmp_path_factory.mktemp("sozialhaus-browser")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{verzeichnis / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "sozialhaus.settings.base",
        "SOZIALHAUS_DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
    }
    manage = [sys.executable, str(PROJEKT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=PROJEKT, check=True, timeout=300)
    geladen = subprocess.run(
        [*manage, "shell", "-c", "from tests.ui.browser_daten import lade; lade()"],
        env=env,
        cwd=PROJEKT,
        check=True,
        timeout=300,
        capture_output=True,
        text=True,
    )
    daten = json.loads(geladen.stdout.strip().splitlines()[-1])
    port = _freier_port()
    log = open(verzeichnis / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=PROJEKT, stdout=log, stderr=log
    )
    basis = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{basis}/anmelden/", timeout=2) as antwort:
                    if antwort.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"Server startet nicht, siehe {verzeichnis / 'server.log'}")
        yield {"basis": basis, "umgebung": env, **daten}  # umgebung: for more manage.py commands on its database
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def seite(browser):
    kontext = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = kontext.new_page()
    yield page
    kontext.close()


def _anmelden(page, basis, name="sb.brake"):
    page.goto(f"{basis}/anmelden/")
    page.get_by_label("Benutzername").fill(name)
    page.get_by_label("Passwort").fill("sozialhaus")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{basis}/")


def _pruefe(page, name: str, *, schmal: bool = False) -> list:
    """Screenshot the page and run axe-core; fail on serious or critical violations. Returns all violations.

    With ``schmal`` the check is repeated on a phone-sized viewport (tables scroll, nothing overlaps).
    """
    if schmal:
        groesse = page.viewport_size
        page.set_viewport_size({"width": 390, "height": 844})
        _pruefe(page, f"{name}-schmal")
        page.set_viewport_size(groesse)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    ergebnis = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    verstoesse = ergebnis["violations"]
    bericht = [
        {"regel": v["id"], "gewicht": v["impact"], "hilfe": v["help"], "stellen": [n["target"] for n in v["nodes"]][:5]}
        for v in verstoesse
    ]
    (SCREENSHOTS / f"{name}.axe.json").write_text(json.dumps(bericht, ensure_ascii=False, indent=2))
    schwer = [b for b in bericht if b["gewicht"] in ("serious", "critical")]
    assert not schwer, f"axe-core meldet auf {name}: {json.dumps(schwer, ensure_ascii=False, indent=2)}"
    return verstoesse


def test_anmelden_und_start(seite, app):
    seite.goto(f"{app['basis']}/anmelden/")
    assert seite.title() == "Anmelden – Sozialhaus"
    _pruefe(seite, "01-anmelden")
    seite.get_by_label("Benutzername").fill("sb.brake")
    seite.get_by_label("Passwort").fill("falsch")
    seite.get_by_role("button", name="Anmelden").click()
    assert seite.get_by_text("Benutzername oder Passwort ist falsch").is_visible()
    _pruefe(seite, "02-anmelden-fehler")
    _anmelden(seite, app["basis"])
    assert seite.get_by_role("heading", name="Guten Tag, Bernd Brakmann").is_visible()
    # KERN styles are applied: the Fira Sans font and KERN's primary button colour
    schrift = seite.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Fira Sans" in schrift
    _pruefe(seite, "03-start", schmal=True)


def test_suche_person_und_bg(seite, app):
    basis = app["basis"]
    _anmelden(seite, basis)
    seite.goto(f"{basis}/personen/")
    _pruefe(seite, "04-suche-leer")
    seite.get_by_label("Name").fill("Müller")
    # htmx live search: results appear without a page load
    seite.get_by_role("link", name=app["kundennummer"]).wait_for()
    assert "name=M%C3%BCller" in seite.url or "name=Müller" in seite.url
    _pruefe(seite, "05-suche-treffer", schmal=True)
    # an invalid date is reported in the live results (htmx swaps the 400 answer, too)
    seite.get_by_label("Geburtsdatum").fill("31.02.1984")
    seite.get_by_label("Geburtsdatum").blur()
    seite.locator("#ergebnisse").get_by_text("gültiges Datum", exact=False).wait_for()
    seite.get_by_label("Geburtsdatum").fill("")
    seite.get_by_label("Geburtsdatum").blur()
    seite.get_by_role("link", name=app["kundennummer"]).wait_for()

    seite.get_by_role("link", name=app["kundennummer"]).click()
    seite.wait_for_url(f"{basis}/personen/{app['kundennummer']}/")
    assert seite.get_by_role("heading", name="Anna Müller").is_visible()
    assert seite.get_by_role("heading", name="Einkommen").is_visible()
    assert seite.get_by_text("DE02 1203 0000 0000 2020 51").is_visible()
    _pruefe(seite, "06-person", schmal=True)

    seite.get_by_role("link", name=app["bg_nummer"]).first.click()
    seite.wait_for_url(f"{basis}/bedarfsgemeinschaften/{app['bg_nummer']}/")
    assert seite.get_by_role("heading", name="Kosten der Unterkunft und Heizung").is_visible()
    _pruefe(seite, "07-bg", schmal=True)


def test_anlegen_mit_fehlern_und_dublette(seite, app):
    basis = app["basis"]
    _anmelden(seite, basis)
    seite.goto(f"{basis}/personen/neu/")
    _pruefe(seite, "08-anlegen")
    seite.get_by_label("Familienname").fill("Müller")
    seite.get_by_label("IBAN", exact=True).fill("DE02 1203 0000 0000 2020 99")
    seite.get_by_label("Kontoinhaber/in").fill("Anna Müller")
    seite.get_by_role("button", name="Person anlegen").click()
    seite.wait_for_load_state()
    fehler = seite.get_by_role("alert").filter(has_text="Es wurde nichts gespeichert")
    assert fehler.is_visible()
    assert seite.get_by_text("Die IBAN ist ungültig", exact=False).first.is_visible()
    assert seite.locator('[aria-invalid="true"]').count() >= 4
    _pruefe(seite, "09-anlegen-fehler", schmal=True)

    # duplicate: same name and birth date as the demo person
    seite.goto(f"{basis}/personen/neu/")
    seite.get_by_label("Familienname").fill("Müller")
    seite.get_by_label("Vorname(n)").fill("Anna")
    seite.get_by_label("Geburtsdatum").fill("12.03.1984")
    seite.get_by_label("Geburtsdatum").blur()
    seite.locator("#dubletten-live").get_by_text(app["kundennummer"]).wait_for()
    seite.get_by_label("Geschlecht").select_option("w")
    seite.get_by_role("button", name="Person anlegen").click()
    seite.wait_for_load_state()
    assert seite.get_by_label("trotzdem anlegen").is_visible()
    _pruefe(seite, "10-anlegen-dublette")


def test_neue_version_und_bearbeiten(seite, app):
    basis = app["basis"]
    _anmelden(seite, basis)
    seite.goto(f"{basis}/personen/{app['kundennummer']}/einkommen/neu/")
    _pruefe(seite, "11-einkommen-neu")
    seite.get_by_label("gültig ab").fill("01.01.2020")
    seite.get_by_label("Art").select_option("erwerbseinkommen")
    seite.get_by_label("brutto").fill("600,00")
    seite.get_by_label("netto").fill("700,00")
    seite.get_by_role("button", name="Als neue Version speichern").click()
    seite.wait_for_load_state()
    assert seite.get_by_text("Eine neue Version muss nach der letzten beginnen", exact=False).first.is_visible()
    _pruefe(seite, "12-einkommen-fehler")
    seite.goto(f"{basis}/personen/{app['kundennummer']}/bearbeiten/")
    _pruefe(seite, "13-bearbeiten")


def test_fremde_person_404_und_403(seite, app):
    basis = app["basis"]
    _anmelden(seite, basis)
    antwort = seite.goto(f"{basis}/personen/{app['nordenham_kundennummer']}/")
    assert antwort.status == 404
    assert "Janssen" not in seite.content()
    _pruefe(seite, "14-nicht-gefunden")
    assert seite.goto(f"{basis}/bedarfsgemeinschaften/{app['nordenham_bg_nummer']}/").status == 404
    antwort = seite.goto(f"{basis}/personen/{app['nordenham_kundennummer']}/bearbeiten/")
    assert antwort.status == 403
    _pruefe(seite, "15-keine-berechtigung")


def test_sperre_nach_fehlversuchen(seite, app):
    seite.goto(f"{app['basis']}/anmelden/")
    for _ in range(5):
        seite.get_by_label("Benutzername").fill("lotse")
        seite.get_by_label("Passwort").fill("falsch")
        seite.get_by_role("button", name="Anmelden").click()
        seite.wait_for_load_state()
        if "gesperrt" in seite.title():
            break
    assert seite.get_by_role("heading", name="Benutzerkonto vorübergehend gesperrt").is_visible()
    _pruefe(seite, "16-gesperrt")


def test_administration_zweiter_faktor_und_protokoll(seite, app):
    from base64 import b32decode

    from django_otp.oath import totp

    basis = app["basis"]
    seite.goto(f"{basis}/anmelden/")
    seite.get_by_label("Benutzername").fill("admin")
    seite.get_by_label("Passwort").fill("sozialhaus")
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{basis}/zweiter-faktor/**")
    assert seite.get_by_role("img", name="QR-Code zur Einrichtung der Authenticator-App").is_visible()
    _pruefe(seite, "17-zweiter-faktor-einrichten")
    geheimnis = seite.locator(".sh-geheimnis").inner_text().replace(" ", "")
    seite.get_by_label("Sicherheitscode").fill(f"{totp(b32decode(geheimnis)):06d}")
    seite.get_by_role("button", name="Einrichtung bestätigen").click()
    seite.wait_for_url(f"{basis}/")
    seite.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Zugriffsprotokoll").click()
    assert (
        seite.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Personensuche").count() == 0
    )
    _pruefe(seite, "18-protokoll-suche")
    seite.get_by_label("Kundennummer").fill(app["kundennummer"])
    seite.get_by_role("button", name="Protokoll anzeigen").click()
    seite.wait_for_url(f"{basis}/personen/{app['kundennummer']}/protokoll/")
    assert seite.get_by_role("heading", name="Wer hat diese Person wann gesehen?").is_visible()
    assert "Müller" not in seite.locator("main").inner_text()  # Administration sees no Sozialdaten
    _pruefe(seite, "19-protokoll")
