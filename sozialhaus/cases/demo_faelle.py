"""Decided demo cases with their Bescheide (issue 5): the whole flow from Antrag to Bescheid at first sight.

``lade_demo_faelle`` works on the fixed demo cases of ``people.demo_personen`` (docs/demo.md) and only through the
public services — ``cases.services``, ``cases.automatik``, ``records.services`` — acting as the demo caseworkers, so
every step is checked, audited and gets its Bescheid from the ``entscheidung_erlassen`` signal like in the UI:

* Familie Janßen (SGB II, ``sb.kreis``): Bewilligung 01–12/2026; Thomas' Lohnerhöhung from 05/2026 reported late,
  Änderung (§ 48 SGB X) with an Überzahlung of 100,00 € per month; a new Änderungsmitteilung still open.
* Hildegard Ahlers (SGB XII 4. Kapitel, ``sb.nordenham``): Bewilligung 2025, Weiterbewilligung 2026 decided
  automatically (§ 31a SGB X) under the Träger's ``AutomatikRegel`` seeded here.
* Gerda Tapken (SGB XII 4. Kapitel, ``sb.nordenham``): Bewilligung 2025; her Weiterbewilligungsantrag carries own
  statements (§ 31a Satz 2 SGB X), so it stays open with a Postkorb task.
* Dieter Brunken (SGB XII 3. Kapitel, ``sb.brake``): Mietvertrag filed in the E-Akte as Nachweis, Bewilligung
  12/2025–11/2026.
* Sven Tapken (SGB II, ``sb.kreis``): vorläufige Bewilligung 06–11/2026 (§ 41a SGB II), income on call.
* Anna Müller (SGB II, ``sb.kreis``): Ablehnung, an inheritance above the Vermögensfreibetrag (§§ 9, 12 SGB II).
* Familie Ahmadi (AsylbLG, ``sb.brake``) and Familie Meiners (Wohngeld, ``sb.nordenham``): open Erstanträge with
  missing Nachweise.

Every Bewilligungszeitraum lies within 2025 and 2026, the months the rules engine has parameters for
(``parameter_gueltig_bis``). Idempotent: a case whose Bedarfsgemeinschaft already has an Antrag is left alone, so a
second run adds nothing; a fixed case missing from a small demo (``demo_laden --bgs 3``) is skipped. Facts the
stories need (income on call, the inheritance) are added as new versions of the time-versioned facts, audited.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.models import Benutzer, Rechtskreis
from sozialhaus.core.permissions import Aktion, pruefe
from sozialhaus.notices.models import Bescheid
from sozialhaus.people.models import Bedarfsgemeinschaft, Einkommen, Person, Vermoegen
from sozialhaus.records.models import Dokument
from sozialhaus.records.services import dokument_ablegen

from . import automatik, services
from .models import Antrag, AutomatikRegel, Entscheidung

KANAL = "system"
"""Audit channel of everything the demo loader does (as ``people.demo_personen``)."""

FRIST_BALD = timedelta(days=5)
"""A Mitwirkungsfrist that shows among the Postkorb's due deadlines (``worklist.services.VORLAUF_FRIST``)."""

AUTOMATIKREGEL_SGB12_KAP4 = {
    "aktiv": True,
    "antragsarten": [Antrag.Art.WEITERBEWILLIGUNG],
    "nur_unveraenderte_verhaeltnisse": True,
    "anspruch_max": Decimal("1500.00"),
    "personen_max": 2,
}
"""The demo Träger's § 31a SGB X rule for the Grundsicherung: unchanged Weiterbewilligungen of small households."""


@dataclass
class DemoFaelle:
    """What ``lade_demo_faelle`` added."""

    entscheidungen: list[Entscheidung] = field(default_factory=list)
    offene_antraege: list[Antrag] = field(default_factory=list)
    dokumente: list[Dokument] = field(default_factory=list)
    faelle: list[str] = field(default_factory=list)

    @property
    def automatisch(self) -> int:
        return sum(e.automatisch for e in self.entscheidungen)

    @property
    def bescheide(self) -> int:
        return Bescheid.objects.filter(entscheidung__in=self.entscheidungen).count()

    def __bool__(self) -> bool:
        return bool(self.faelle)


# --------------------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------------------


def _bg(familienname: str, vorname: str, geburtsdatum: date) -> Bedarfsgemeinschaft | None:
    """The Bedarfsgemeinschaft of a fixed demo person (the first registered, so a duplicate entered in the UI to
    try the Dublettenprüfung is ignored); ``None`` when the small demo does not contain the case."""
    person = (
        Person.objects.filter(familienname=familienname, vorname=vorname, geburtsdatum=geburtsdatum)
        .filter(mitgliedschaften__isnull=False)
        .order_by("kundennummer")
        .first()
    )
    return person.mitgliedschaften.select_related("bedarfsgemeinschaft").first().bedarfsgemeinschaft if person else None


def _mitglied(bg: Bedarfsgemeinschaft, vorname: str) -> Person:
    return bg.mitgliedschaften.select_related("person").get(person__vorname=vorname).person


def _fakt_erfassen(benutzer, fakt) -> None:
    """Save a new version of a time-versioned fact as the staff UI does (``people.views.fakt_neu``): access checked,
    the previous version ends the day before, audited."""
    dienststelle = pruefe(benutzer, fakt.person, Aktion.AENDERN)
    fakt.erfasst_von = benutzer
    fakt.full_clean(validate_unique=False)
    fakt.als_neue_version_speichern()
    protokolliere(
        benutzer,
        AuditAktion.ANLEGEN,
        fakt,
        dienststelle=dienststelle,
        kanal=KANAL,
        details={"person": fakt.person.kundennummer, "quelle": "Demo-Fälle"},
    )


def _antrag(benutzer, bg, eingegangen_am: date, *, art=Antrag.Art.ERSTANTRAG, vorentscheidung=None, angaben=""):
    return services.antrag_anlegen(
        benutzer,
        bg,
        art=art,
        eingegangen_am=eingegangen_am,
        angaben_antragsteller=angaben,
        vorentscheidung=vorentscheidung,
        kanal=KANAL,
    )


def _nachweise_erhalten(benutzer, antrag: Antrag, am: date, *, ausser: tuple[str, ...] = ()) -> None:
    """Mark the required Nachweise as received on ``am``, except those whose name starts with one of ``ausser``."""
    for nachweis in antrag.nachweise.filter(erforderlich=True, eingegangen_am__isnull=True):
        if not nachweis.bezeichnung.startswith(ausser):
            services.nachweis_eingegangen(benutzer, nachweis, eingegangen_am=am, kanal=KANAL)


def _entscheidungsreif(benutzer, antrag: Antrag, am: date) -> Antrag:
    """Receive every required Nachweis on ``am`` and move the Antrag along the state machine to entscheidungsreif."""
    _nachweise_erhalten(benutzer, antrag, am)
    services.status_setzen(benutzer, antrag, Antrag.Status.IN_PRUEFUNG, kanal=KANAL)
    return services.status_setzen(benutzer, antrag, Antrag.Status.ENTSCHEIDUNGSREIF, kanal=KANAL)


def _bewilligt(benutzer, bg, eingegangen_am: date, **optionen) -> Entscheidung:
    """An Erstantrag received on ``eingegangen_am``, complete a week later, granted by ``benutzer``."""
    antrag = _entscheidungsreif(benutzer, _antrag(benutzer, bg, eingegangen_am), eingegangen_am + timedelta(days=7))
    return services.bewilligen(benutzer, antrag, kanal=KANAL, **optionen)


def mietvertrag_pdf(bg: Bedarfsgemeinschaft, mieter: Person) -> bytes:
    """A one-page synthetic Mietvertrag (PDF) for the Unterkunft the Haushalt of ``bg`` has today."""
    unterkunft = bg.haushalt.unterkuenfte.order_by("-gueltig_ab").first()
    adresse = mieter.adressen.order_by("-gueltig_ab").first()
    html = render_to_string(
        "cases/demo_mietvertrag.html", {"mieter": mieter, "unterkunft": unterkunft, "adresse": adresse}
    )
    return HTML(string=html).write_pdf()


# --------------------------------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------------------------------


def familie_janssen(bg, sb_kreis, ergebnis: DemoFaelle) -> None:
    """Bewilligung 01–12/2026; Lohnerhöhung from 05/2026 reported in August → Änderung with an Überzahlung for
    05–12/2026 (§ 48 Abs. 1 Satz 2 Nr. 3 SGB X); a new Änderungsmitteilung (Nebenkosten) waits for its Nachweis."""
    bewilligung = _bewilligt(sb_kreis, bg, date(2026, 1, 12))
    _fakt_erfassen(
        sb_kreis,
        Einkommen(
            person=_mitglied(bg, "Thomas"),
            art=Einkommen.Art.ERWERBSEINKOMMEN,
            brutto=Decimal("2070.00"),
            netto=Decimal("1561.80"),
            gueltig_ab=date(2026, 5, 1),
        ),
    )
    mitteilung = _antrag(
        sb_kreis, bg, date(2026, 8, 14), art=Antrag.Art.AENDERUNG, vorentscheidung=bewilligung,
        angaben="Thomas verdient seit Mai 2026 mehr (Lohnabrechnung Mai liegt bei).",
    )  # fmt: skip
    _entscheidungsreif(sb_kreis, mitteilung, date(2026, 8, 14))
    aenderung = services.aendern(
        sb_kreis,
        mitteilung,
        ab=date(2026, 5, 1),
        rechtsgrundlage=Entscheidung.Rechtsgrundlage.SGB10_48,
        begruendung=(
            "Herr Thomas Janßen erhält seit dem 01.05.2026 ein höheres Arbeitsentgelt (2.070,00 € brutto, "
            "1.561,80 € netto statt 1.930,00 € brutto, 1.461,80 € netto). Das Einkommen ist in dem Monat "
            "anzurechnen, in dem es zufließt (§ 11 Abs. 2 SGB II). Die Änderung wurde erst am 14.08.2026 "
            "mitgeteilt; die Bewilligung wird ab Mai 2026 aufgehoben, soweit Einkommen erzielt wurde, das zum "
            "Wegfall oder zur Minderung des Anspruchs geführt hat (§ 48 Abs. 1 Satz 2 Nr. 3 SGB X)."
        ),
        kanal=KANAL,
    )
    heute = timezone.localdate()
    offen = _antrag(
        sb_kreis, bg, heute - timedelta(days=9), art=Antrag.Art.AENDERUNG, vorentscheidung=aenderung,
        angaben="Unser Vermieter hat die Nebenkosten ab nächstem Monat erhöht.",
    )  # fmt: skip
    services.status_setzen(sb_kreis, offen, Antrag.Status.IN_PRUEFUNG, kanal=KANAL)
    ergebnis.entscheidungen += [bewilligung, aenderung]
    ergebnis.offene_antraege.append(offen)


def hildegard_ahlers(bg, sb_nordenham, ergebnis: DemoFaelle) -> None:
    """Bewilligung 2025 by the caseworker; the Weiterbewilligung 2026 is decided automatically (§ 31a SGB X):
    nothing changed from 12/2025 to 01/2026, all Nachweise are there, no own statements."""
    bewilligung = _bewilligt(sb_nordenham, bg, date(2025, 1, 9))
    weiter = _antrag(sb_nordenham, bg, date(2025, 12, 3), art=Antrag.Art.WEITERBEWILLIGUNG, vorentscheidung=bewilligung)
    _nachweise_erhalten(sb_nordenham, weiter, date(2025, 12, 3))
    ergebnis.entscheidungen.append(bewilligung)
    pruefung = automatik.pruefe_automatik(weiter)
    if pruefung.entscheidung is not None:
        ergebnis.entscheidungen.append(pruefung.entscheidung)


def gerda_tapken(bg, sb_nordenham, ergebnis: DemoFaelle) -> None:
    """Bewilligung 2025; the Weiterbewilligungsantrag brings own statements, so § 31a Satz 2 SGB X hands it to a
    person: it stays open in the Postkorb of ``sb.nordenham`` with the automation's task."""
    bewilligung = _bewilligt(sb_nordenham, bg, date(2025, 1, 14))
    weiter = _antrag(
        sb_nordenham, bg, date(2025, 12, 10), art=Antrag.Art.WEITERBEWILLIGUNG, vorentscheidung=bewilligung,
        angaben="Mein Sohn Sven wohnt bei mir und gibt mir seit Dezember 2025 monatlich 100 € für die Miete.",
    )  # fmt: skip
    _nachweise_erhalten(sb_nordenham, weiter, date(2025, 12, 10))
    automatik.pruefe_automatik(weiter)
    ergebnis.entscheidungen.append(bewilligung)
    ergebnis.offene_antraege.append(weiter)


def dieter_brunken(bg, sb_brake, ergebnis: DemoFaelle) -> None:
    """Erstantrag 01.12.2025 (Kenntnis, § 18 SGB XII); the Mietvertrag is filed in the E-Akte and linked to its
    Nachweis; Bewilligung 12/2025–11/2026 (12 months by Träger practice, ``services.BEWILLIGUNGSZEITRAUM_MONATE``)."""
    eingang = date(2025, 12, 1)
    antrag = _antrag(sb_brake, bg, eingang)
    mietvertrag = dokument_ablegen(
        akte=bg,
        art=Dokument.Art.NACHWEIS,
        titel="Mietvertrag Hafenstraße 3, Brake (Kopie)",
        datum=eingang,
        dienststelle=antrag.dienststelle,
        dateiname="Mietvertrag_Brunken.pdf",
        mime_typ="application/pdf",
        inhalt=mietvertrag_pdf(bg, _mitglied(bg, "Dieter")),
        benutzer=sb_brake,
        kanal=KANAL,
    )
    services.nachweis_eingegangen(
        sb_brake, antrag.nachweise.get(bezeichnung="Mietvertrag"), eingegangen_am=eingang, dokument=mietvertrag,
        kanal=KANAL,
    )  # fmt: skip
    _entscheidungsreif(sb_brake, antrag, eingang + timedelta(days=7))
    ergebnis.entscheidungen.append(services.bewilligen(sb_brake, antrag, kanal=KANAL))
    ergebnis.dokumente.append(mietvertrag)


def sven_tapken(bg, sb_kreis, ergebnis: DemoFaelle) -> None:
    """Work on call from 06/2026 with income not yet known: vorläufige Bewilligung for 6 months on the expected
    400 € (§ 41a Abs. 1 Satz 1 Nr. 2, Abs. 2 SGB II; § 41 Abs. 3 Satz 2 Nr. 1 SGB II). The period has ended, so the
    abschließende Entscheidung is the caseworker's next step."""
    _fakt_erfassen(
        sb_kreis,
        Einkommen(
            person=_mitglied(bg, "Sven"),
            art=Einkommen.Art.ERWERBSEINKOMMEN,
            brutto=Decimal("400.00"),
            netto=Decimal("400.00"),
            gueltig_ab=date(2026, 6, 1),
        ),
    )
    ergebnis.entscheidungen.append(
        _bewilligt(
            sb_kreis,
            bg,
            date(2026, 6, 3),
            vorlaeufig=True,
            vorlaeufig_grund=(
                "Herr Tapken arbeitet seit dem 01.06.2026 auf Abruf; wie hoch sein Einkommen in den einzelnen "
                "Monaten sein wird, steht noch nicht fest. Zugrunde gelegt ist das voraussichtliche Einkommen von "
                "400,00 € monatlich (§ 41a Abs. 1 Satz 1 Nr. 2 und Abs. 2 SGB II)."
            ),
        )  # fmt: skip
    )


def anna_mueller(bg, sb_kreis, ergebnis: DemoFaelle) -> None:
    """An inheritance of 45.000 € in 09/2026 (Vermögen, received before the Antrag): no Hilfebedürftigkeit,
    Ablehnung (§ 9 Abs. 1, § 12 SGB II)."""
    _fakt_erfassen(
        sb_kreis,
        Vermoegen(
            person=_mitglied(bg, "Anna"),
            art=Vermoegen.Art.BARGELD_KONTO,
            bezeichnung="Tagesgeld (Erbschaft)",
            wert=Decimal("45000.00"),
            gueltig_ab=date(2026, 9, 1),
        ),
    )
    antrag = _entscheidungsreif(sb_kreis, _antrag(sb_kreis, bg, date(2026, 10, 6)), date(2026, 10, 13))
    ergebnis.entscheidungen.append(
        services.ablehnen(
            sb_kreis,
            antrag,
            begruendung=(
                "Frau Müller hat im September 2026 geerbt und verfügt über ein Tagesgeldguthaben von 45.000,00 €. "
                "Das Guthaben ist sofort verwertbar und übersteigt den Vermögensfreibetrag nach § 12 SGB II "
                "deutlich. Frau Müller kann ihren Lebensunterhalt daraus bestreiten und ist deshalb nicht "
                "hilfebedürftig (§ 9 Abs. 1 SGB II). Sie kann einen neuen Antrag stellen, sobald das Vermögen bis "
                "auf den Freibetrag verbraucht ist."
            ),
            kanal=KANAL,
        )
    )


def familie_ahmadi(bg, sb_brake, ergebnis: DemoFaelle) -> None:
    """Erstantrag in Prüfung: papers missing, the Minijob's payslips requested with a Frist due within days."""
    heute = timezone.localdate()
    antrag = _antrag(sb_brake, bg, heute - timedelta(days=16))
    _nachweise_erhalten(sb_brake, antrag, heute - timedelta(days=16), ausser=("Aufenthalts", "Einkommens"))
    services.status_setzen(sb_brake, antrag, Antrag.Status.IN_PRUEFUNG, kanal=KANAL)
    services.nachweis_anfordern(
        sb_brake, antrag, bezeichnung="Lohnabrechnungen des Minijobs von Herrn Ahmadi seit Februar 2026",
        frist=heute + FRIST_BALD, kanal=KANAL,
    )  # fmt: skip
    ergebnis.offene_antraege.append(antrag)


def familie_meiners(bg, sb_nordenham, ergebnis: DemoFaelle) -> None:
    """Wohngeld-Erstantrag just received, nothing checked yet."""
    ergebnis.offene_antraege.append(_antrag(sb_nordenham, bg, timezone.localdate() - timedelta(days=3)))


FAELLE = [
    ("Janßen", "Sandra", date(1988, 4, 12), "sb.kreis", familie_janssen),
    ("Ahlers", "Hildegard", date(1948, 3, 14), "sb.nordenham", hildegard_ahlers),
    ("Tapken", "Gerda", date(1955, 2, 9), "sb.nordenham", gerda_tapken),
    ("Brunken", "Dieter", date(1969, 10, 2), "sb.brake", dieter_brunken),
    ("Tapken", "Sven", date(1986, 7, 19), "sb.kreis", sven_tapken),
    ("Müller", "Anna", date(1990, 5, 5), "sb.kreis", anna_mueller),
    ("Ahmadi", "Farid", date(1990, 1, 1), "sb.brake", familie_ahmadi),
    ("Meiners", "Kai", date(1983, 5, 27), "sb.nordenham", familie_meiners),
]
"""Each fixed demo case (a member of its BG), the caseworker who handles it and its story, in loading order."""


def automatikregel_anlegen(traeger) -> AutomatikRegel:
    """The demo Träger's rule for the SGB XII 4. Kapitel, unless one is configured already."""
    regel, _ = AutomatikRegel.objects.get_or_create(
        traeger=traeger, rechtskreis=Rechtskreis.SGB12_KAP4, defaults=AUTOMATIKREGEL_SGB12_KAP4
    )
    return regel


def lade_demo_faelle() -> DemoFaelle:
    """Run the story of every fixed demo case whose Bedarfsgemeinschaft has no Antrag yet (all in one transaction).

    Returns what was added; it is empty (falsy) when every case was loaded before or is missing from the demo.
    """
    ergebnis = DemoFaelle()
    with transaction.atomic():
        for familienname, vorname, geburtsdatum, benutzername, geschichte in FAELLE:
            bg = _bg(familienname, vorname, geburtsdatum)
            if bg is None or bg.antraege.exists():
                continue
            if bg.rechtskreis == Rechtskreis.SGB12_KAP4:
                automatikregel_anlegen(bg.dienststelle.traeger)
            geschichte(bg, Benutzer.objects.get(username=benutzername), ergebnis)
            ergebnis.faelle.append(f"{vorname} {familienname} ({Rechtskreis(bg.rechtskreis).label})")
    return ergebnis
