"""The organisation of the demo Kreis: Landkreis Wesermarsch, its nine Städte and Gemeinden, Dienststellen,
Zuständigkeitsmatrix and demo logins. Idempotent: running it again changes nothing.

SGB II and its Bildung und Teilhabe lie with the Kreis (Jobcenter with two Bezirksstellen); SGB XII 3./4. Kapitel,
AsylbLG, Wohngeld and Bildung und Teilhabe for those households are delegated to the Gemeinden (Heranziehung).
"""

from django.db import transaction

from .models import Benutzer, Dienststelle, Gemeinde, Mitarbeit, Rechtskreis, Rolle, Traeger, Zustaendigkeit

DEMO_PASSWORT = "sozialhaus"

# Amtliche Gemeindeschlüssel (Statistisches Bundesamt, Gemeindeverzeichnis GV-ISys), Kreisschlüssel 03461.
GEMEINDEN = [
    ("03461001", "Berne", "27804", "berne"),
    ("03461002", "Brake (Unterweser)", "26919", "brake"),
    ("03461003", "Butjadingen", "26969", "butjadingen"),
    ("03461004", "Elsfleth", "26931", "elsfleth"),
    ("03461005", "Jade", "26349", "jade"),
    ("03461006", "Lemwerder", "27809", "lemwerder"),
    ("03461007", "Nordenham", "26954", "nordenham"),
    ("03461008", "Ovelgönne", "26939", "ovelgoenne"),
    ("03461009", "Stadland", "26935,26936,26937", "stadland"),
]
# Mietenstufen for Wohngeld (Anlage zu § 1 Abs. 3 WoGV; Gemeinden with 10,000 inhabitants or more are listed
# individually, the others take the value of "Wesermarsch, Kreis"). Only values that could be checked are set; the
# Verwaltung (admin) enters the rest from the Anlage in force, and until then Wohngeld there cannot be decided.
# - Brake (Unterweser): II in the Anlage as in force from 1.1.2023 (and II in 2020–2022), seen in the table of
#   wohngeld.org/mietstufe/niedersachsen. The Anlage as in force from 1.1.2025 (Zweite
#   Wohngeld-Fortschreibungsverordnung vom 21.10.2024, BGBl. 2024 I Nr. 314) could NOT be checked: verify.
# - Nordenham, Stadt and Wesermarsch, Kreis (all other demo Gemeinden): NOT verified, left empty.
MIETENSTUFEN = {"brake": 2}
STAEDTE = {"brake", "elsfleth", "nordenham"}
BEZIRKSSTELLE_NORDENHAM = {"nordenham", "butjadingen", "stadland"}
GEMEINDE_RECHTSKREISE = [
    Rechtskreis.SGB12_KAP3,
    Rechtskreis.SGB12_KAP4,
    Rechtskreis.ASYLBLG,
    Rechtskreis.WOHNGELD,
    Rechtskreis.BUT,
]
KREIS_VERWEISE = {
    Rechtskreis.SGB8: "fd-jugend",
    Rechtskreis.UNTERHALTSVORSCHUSS: "fd-jugend",
    Rechtskreis.ELTERNGELD: "fd-jugend",
    Rechtskreis.BAFOEG: "fd-bafoeg",
}
SGB2 = [Rechtskreis.SGB2]


def _dienststellen(traeger: Traeger, gemeinden: dict[str, Gemeinde]) -> dict[str, Dienststelle]:
    brake = gemeinden["brake"]
    zeilen = [
        (
            "kv-soziales",
            "Landkreis Wesermarsch – Fachdienst Soziales",
            Dienststelle.Art.FACHDIENST,
            brake,
            "Poggenburger Straße 15, 26919 Brake (Unterweser)",
        ),
        (
            "fd-jugend",
            "Landkreis Wesermarsch – Fachdienst Jugend und Familie",
            Dienststelle.Art.FACHDIENST,
            brake,
            "Poggenburger Straße 15, 26919 Brake (Unterweser)",
        ),
        (
            "fd-bafoeg",
            "Landkreis Wesermarsch – Fachdienst Schule und Kultur (BAföG)",
            Dienststelle.Art.FACHDIENST,
            brake,
            "Poggenburger Straße 15, 26919 Brake (Unterweser)",
        ),
        (
            "jc-brake",
            "Jobcenter Wesermarsch – Bezirksstelle Brake",
            Dienststelle.Art.JOBCENTER,
            brake,
            "Bahnhofstraße 12, 26919 Brake (Unterweser)",
        ),
        (
            "jc-nordenham",
            "Jobcenter Wesermarsch – Bezirksstelle Nordenham",
            Dienststelle.Art.JOBCENTER,
            gemeinden["nordenham"],
            "Walther-Rathenau-Straße 20, 26954 Nordenham",
        ),
        (
            "wg-nordenham",
            "Stadt Nordenham – Wohngeldstelle",
            Dienststelle.Art.WOHNGELDSTELLE,
            gemeinden["nordenham"],
            "Walther-Rathenau-Straße 25, 26954 Nordenham",
        ),
    ]
    for _ags, name, plz, slug in GEMEINDEN:
        art = "Stadt" if slug in STAEDTE else "Gemeinde"
        zeilen.append(
            (
                f"sozialamt-{slug}",
                f"{art} {name} – Sozialamt",
                Dienststelle.Art.SOZIALAMT,
                gemeinden[slug],
                f"Rathaus, {plz.split(',')[0]} {name}",
            )
        )
    ergebnis = {}
    for kuerzel, name, art, gemeinde, anschrift in zeilen:
        ergebnis[kuerzel], _ = Dienststelle.objects.update_or_create(
            kuerzel=kuerzel,
            defaults={"traeger": traeger, "name": name, "art": art, "gemeinde": gemeinde, "anschrift": anschrift},
        )
    return ergebnis


def _matrix(gemeinden: dict[str, Gemeinde], dienststellen: dict[str, Dienststelle]) -> None:
    for slug, gemeinde in gemeinden.items():
        jobcenter = dienststellen["jc-nordenham" if slug in BEZIRKSSTELLE_NORDENHAM else "jc-brake"]
        zellen = {Rechtskreis.SGB2: jobcenter}
        for rechtskreis in GEMEINDE_RECHTSKREISE:
            zellen[rechtskreis] = dienststellen[f"sozialamt-{slug}"]
        if slug == "nordenham":
            zellen[Rechtskreis.WOHNGELD] = dienststellen["wg-nordenham"]
        for rechtskreis, kuerzel in KREIS_VERWEISE.items():
            zellen[rechtskreis] = dienststellen[kuerzel]
        for rechtskreis, dienststelle in zellen.items():
            Zustaendigkeit.objects.update_or_create(
                rechtskreis=rechtskreis, gemeinde=gemeinde, defaults={"dienststelle": dienststelle}
            )


def _benutzer(name: str, vorname: str, nachname: str, *, superuser: bool = False) -> Benutzer:
    benutzer, neu = Benutzer.objects.get_or_create(
        username=name,
        defaults={"first_name": vorname, "last_name": nachname, "is_staff": superuser, "is_superuser": superuser},
    )
    if neu:
        benutzer.set_password(DEMO_PASSWORT)
        benutzer.save()
    return benutzer


def _mitarbeit(benutzer: Benutzer, dienststelle: Dienststelle, rolle: str, rechtskreise) -> None:
    Mitarbeit.objects.update_or_create(
        benutzer=benutzer,
        dienststelle=dienststelle,
        rolle=rolle,
        defaults={"rechtskreise": [str(r) for r in rechtskreise]},
    )


def _demo_logins(dienststellen: dict[str, Dienststelle]) -> None:
    ds = dienststellen
    jobcenter = [ds["jc-brake"], ds["jc-nordenham"]]
    sgb2_but = [Rechtskreis.SGB2, Rechtskreis.BUT]
    gemeinde_rk = [Rechtskreis.SGB12_KAP3, Rechtskreis.SGB12_KAP4, Rechtskreis.ASYLBLG, Rechtskreis.BUT]

    _mitarbeit(_benutzer("admin", "Anke", "Admin", superuser=True), ds["kv-soziales"], Rolle.ADMINISTRATION, [])
    _mitarbeit(
        _benutzer("sb.brake", "Bernd", "Brakmann"),
        ds["sozialamt-brake"],
        Rolle.LEISTUNGSSACHBEARBEITUNG,
        [*gemeinde_rk, Rechtskreis.WOHNGELD],
    )
    nordenham = _benutzer("sb.nordenham", "Nina", "Nordmann")
    _mitarbeit(nordenham, ds["sozialamt-nordenham"], Rolle.LEISTUNGSSACHBEARBEITUNG, gemeinde_rk)
    _mitarbeit(nordenham, ds["wg-nordenham"], Rolle.LEISTUNGSSACHBEARBEITUNG, [Rechtskreis.WOHNGELD])
    kreis = _benutzer("sb.kreis", "Karl", "Kreismann")
    fallmanagement = _benutzer("fm.kreis", "Frieda", "Fallmeister")
    teamleitung = _benutzer("teamleitung", "Tanja", "Teamleiter")
    widerspruch = _benutzer("widerspruch", "Werner", "Widmann")
    for jc in jobcenter:
        _mitarbeit(kreis, jc, Rolle.LEISTUNGSSACHBEARBEITUNG, sgb2_but)
        _mitarbeit(fallmanagement, jc, Rolle.FALLMANAGEMENT, SGB2)
        _mitarbeit(teamleitung, jc, Rolle.TEAMLEITUNG, sgb2_but)
        _mitarbeit(widerspruch, jc, Rolle.WIDERSPRUCHSSTELLE, sgb2_but)
    # two members of the Kreiskasse, so that one prepares a Zahllauf and the other releases it (four eyes)
    zahlstelle = [_benutzer("zahlstelle", "Zora", "Zahlmann"), _benutzer("kasse", "Konrad", "Kassner")]
    for dienststelle in ds.values():
        rechtskreise = sorted(
            {str(z.rechtskreis) for z in dienststelle.zustaendigkeiten.all()} - {str(r) for r in KREIS_VERWEISE}
        )
        for kasse in zahlstelle if rechtskreise else []:
            _mitarbeit(kasse, dienststelle, Rolle.ZAHLSTELLE, rechtskreise)
    _mitarbeit(_benutzer("lotse", "Lena", "Lotsin"), ds["kv-soziales"], Rolle.LOTSE, [])
    _mitarbeit(_benutzer("statistik", "Stefan", "Statz"), ds["kv-soziales"], Rolle.STATISTIK, [])


@transaction.atomic
def lade_organisation() -> Traeger:
    """Create or update the demo Träger with Gemeinden, Dienststellen, Zuständigkeitsmatrix and demo logins."""
    traeger, _ = Traeger.objects.update_or_create(
        regionalschluessel="03461", defaults={"name": "Landkreis Wesermarsch"}
    )
    gemeinden = {}
    for ags, name, plz, slug in GEMEINDEN:
        gemeinden[slug], _ = Gemeinde.objects.update_or_create(
            ags=ags,
            defaults={"traeger": traeger, "name": name, "postleitzahlen": plz},
            create_defaults={
                "traeger": traeger,
                "name": name,
                "postleitzahlen": plz,
                "mietenstufe": MIETENSTUFEN.get(slug),
            },
        )
    dienststellen = _dienststellen(traeger, gemeinden)
    _matrix(gemeinden, dienststellen)
    _demo_logins(dienststellen)
    return traeger
