"""``manage.py zahllauf --traeger 03461 --monat 2026-12 [--vorbereiten | --freigeben USER | --ausfuehren]``.

Without an action it shows the run's status, preview and checks. ``--sepa DATEI`` and ``--buchungen DATEI`` write
the SEPA file and the bookings (CSV, docs/payments.md) of the run. Each action is one transaction; a refused action
prints the German reason and exits with status 1.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sozialhaus.cases.zeitraum import monat_text
from sozialhaus.core.models import Benutzer, Traeger
from sozialhaus.payments import buchungen, services
from sozialhaus.payments.buchungen import euro
from sozialhaus.payments.models import Buchung, Zahllauf


def _monat(text: str) -> date:
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        raise CommandError(f"Monat »{text}« bitte im Format JJJJ-MM angeben, z. B. 2026-12.")


def _benutzer(name: str | None) -> Benutzer | None:
    if name is None:
        return None
    benutzer = Benutzer.objects.filter(username=name).first()
    if benutzer is None:
        raise CommandError(f"Benutzer/in »{name}« ist nicht bekannt.")
    return benutzer


class Command(BaseCommand):
    help = "Zahllauf eines Trägers für einen Monat vorbereiten, freigeben (Vier-Augen-Prinzip) oder ausführen."

    def add_arguments(self, parser):
        parser.add_argument("--traeger", required=True, metavar="KREISSCHLUESSEL")
        parser.add_argument("--monat", required=True, metavar="JJJJ-MM", type=_monat)
        aktion = parser.add_mutually_exclusive_group()
        aktion.add_argument("--vorbereiten", action="store_true", help="Zahllauf vorbereiten")
        aktion.add_argument("--freigeben", metavar="BENUTZER", help="Zahllauf freigeben (Zahlstelle)")
        aktion.add_argument("--ausfuehren", action="store_true", help="Zahllauf ausführen (Buchungen, SEPA-Datei)")
        parser.add_argument("--benutzer", help="wer vorbereitet (ohne Angabe: maschineller Zahllauf)")
        parser.add_argument("--ausfuehrungsdatum", type=date.fromisoformat, help="JJJJ-MM-TT (Standard: automatisch)")
        parser.add_argument("--sepa", metavar="DATEI", help="SEPA-Datei des ausgeführten Zahllaufs schreiben")
        parser.add_argument("--buchungen", metavar="DATEI", help="Buchungen des Zahllaufs als CSV schreiben")

    def handle(self, *args, **o):
        traeger = Traeger.objects.filter(regionalschluessel=o["traeger"]).first()
        if traeger is None:
            raise CommandError(f"Kein Träger mit dem Kreisschlüssel {o['traeger']}.")
        try:
            if o["vorbereiten"]:
                lauf = services.zahllauf_vorbereiten(
                    _benutzer(o["benutzer"]),
                    traeger,
                    o["monat"],
                    ausfuehrungsdatum=o["ausfuehrungsdatum"],
                    kanal="cli",
                )
                self.stdout.write(f"Zahllauf {monat_text(lauf.monat)} vorbereitet.")
            elif o["freigeben"]:
                lauf = services.zahllauf_freigeben(_benutzer(o["freigeben"]), self._lauf(traeger, o), kanal="cli")
                self.stdout.write(f"Zahllauf {monat_text(lauf.monat)} freigegeben.")
            elif o["ausfuehren"]:
                lauf = services.zahllauf_ausfuehren(self._lauf(traeger, o), kanal="cli")
                self.stdout.write(f"Zahllauf {monat_text(lauf.monat)} ausgeführt, SEPA-Datei {lauf.msg_id}.")
            else:
                lauf = self._lauf(traeger, o)
        except ValidationError as fehler:
            raise CommandError(" ".join(fehler.messages))
        self._bericht(lauf)
        self._dateien(lauf, o)

    def _lauf(self, traeger, o) -> Zahllauf:
        lauf = Zahllauf.objects.filter(traeger=traeger, monat=o["monat"]).first()
        if lauf is None:
            raise CommandError(f"Für {monat_text(o['monat'])} gibt es noch keinen Zahllauf.")
        return lauf

    def _bericht(self, lauf: Zahllauf) -> None:
        self.stdout.write(
            f"Status: {lauf.get_status_display()}; {lauf.anzahl} Zahlungen, Summe {euro(lauf.summe)}; "
            f"Ausführungsdatum {lauf.ausfuehrungsdatum:%d.%m.%Y}"
        )
        titel = {"rechtskreis": "Rechtskreis", "dienststelle": "Dienststelle", "empfaenger": "Empfänger", "art": "Art"}
        for gruppe, summen in services.vorschau(lauf).items():
            for name, summe in summen.items():
                self.stdout.write(f"  {titel[gruppe]} {name}: {euro(summe)}")
        for z in lauf.protokoll.get("zurueckgestellt", []):
            self.stdout.write(f"  zurückgestellt: BG {z['bg']} {z['monat']} {z['betrag']} € – {z['grund']}")
        for fehler in buchungen.pruefe_buchungen(lauf) if lauf.status == Zahllauf.Status.AUSGEFUEHRT else []:
            self.stdout.write(f"  FEHLER: {fehler}")

    def _dateien(self, lauf: Zahllauf, o) -> None:
        if o["sepa"]:
            if not lauf.sepa_xml:
                raise CommandError("Der Zahllauf ist noch nicht ausgeführt; es gibt keine SEPA-Datei.")
            with open(o["sepa"], "w", encoding="utf-8") as datei:
                datei.write(lauf.sepa_xml)
            self.stdout.write(f"SEPA-Datei geschrieben: {o['sepa']} (SHA-256 {lauf.sha256})")
        if o["buchungen"]:
            with open(o["buchungen"], "w", encoding="utf-8", newline="") as datei:
                anzahl = buchungen.buchungen_csv(Buchung.objects.filter(zahlung__zahllauf=lauf), datei)
            self.stdout.write(f"{anzahl} Buchungen geschrieben: {o['buchungen']}")
