"""Synthetic persons of the demo Kreis (Landkreis Wesermarsch): Haushalte, Bedarfsgemeinschaften, facts with history.

Two steps, kept apart so the benchmark can reuse them:

* ``plane(anzahl_bgs, seed)`` yields plain ``HaushaltPlan`` objects (no database): a few fixed, memorable demo cases
  first (documented in docs/demo.md), then households drawn with a seeded ``random.Random``. Same seed, same data.
* ``schreibe(plaene, ...)`` writes them with ``bulk_create`` in batches. Numbers that ``save()`` would draw one by one
  (Kundennummer, Haushaltsnummer, BG-Nummer) are reserved as a block from ``Nummernkreis`` under
  ``select_for_update`` and ``suchname`` is set with ``suchform()``, so later single saves continue the sequences.

``lade_demo()`` ties both to ``lade_organisation()`` and is idempotent: a Träger that already has
Bedarfsgemeinschaften gets nothing added.

The figures are plausible, not real: distribution of BGs by population of the Gemeinden, Rechtskreis mix, household
types, rents of 6–8 €/m², Mindestlohn/Minijob/Kindergeld/Rentenanpassung steps as facts with history.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice

from django.db import transaction
from schwifty import IBAN
from stdnum.de import idnr
from stdnum.iso7064 import mod_11_10

from sozialhaus.core.audit import Aktion as AuditAktion
from sozialhaus.core.audit import protokolliere
from sozialhaus.core.demo import GEMEINDEN, lade_organisation
from sozialhaus.core.models import Gemeinde, Rechtskreis, Traeger, zustaendige_dienststelle

from .models import (
    Adresse,
    Bankverbindung,
    Bedarfsgemeinschaft,
    Beziehung,
    BGMitglied,
    Einkommen,
    Haushalt,
    Nummernkreis,
    Person,
    Unterkunft,
    Vermoegen,
    suchform,
)

SEED = 3461
ANZAHL_BGS = 3400
# Data as of this day (fixed, so the demo does not depend on the day it is loaded).
STICHTAG = date(2026, 10, 1)

# Inhabitants (rounded, 2023/24) as weights for the distribution of BGs.
EINWOHNER = {
    "nordenham": 26400,
    "brake": 15100,
    "elsfleth": 9200,
    "stadland": 7400,
    "lemwerder": 7100,
    "berne": 6900,
    "butjadingen": 6000,
    "jade": 6000,
    "ovelgoenne": 5400,
}
RECHTSKREIS_ANTEILE = {
    Rechtskreis.SGB2: 70,
    Rechtskreis.WOHNGELD: 12,
    Rechtskreis.SGB12_KAP4: 10,
    Rechtskreis.ASYLBLG: 5,
    Rechtskreis.SGB12_KAP3: 3,
}
ORTE = {slug: (name, plz.split(",")) for _ags, name, plz, slug in GEMEINDEN}
VORWAHL = {
    "nordenham": "04731",
    "brake": "04401",
    "elsfleth": "04404",
    "stadland": "04732",
    "lemwerder": "0421",
    "berne": "04406",
    "butjadingen": "04733",
    "jade": "04454",
    "ovelgoenne": "04480",
}
# Kaltmiete in €/m² (typical of the Gemeinde; each flat varies around it, kept within 6–8 €/m²).
MIETE_QM = {
    "nordenham": 6.6,
    "brake": 6.9,
    "elsfleth": 6.8,
    "stadland": 6.4,
    "lemwerder": 7.5,
    "berne": 6.8,
    "butjadingen": 7.0,
    "jade": 6.5,
    "ovelgoenne": 6.3,
}
STRASSEN = [
    "Hafenstraße", "Deichstraße", "Weserstraße", "Kirchstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße",
    "Lindenstraße", "Birkenweg", "Am Deich", "Marschweg", "Sielstraße", "Mühlenweg", "Friedrich-Ebert-Straße",
    "Breite Straße", "Am Markt", "Rosenstraße", "Ahornweg", "Kastanienallee", "Buchenweg", "Ulmenstraße",
    "Feldstraße", "Wiesenweg", "Moorweg", "Am Sportplatz", "Tulpenweg", "Grüner Weg", "Lange Straße",
    "Mittelweg", "Neue Straße", "Kirchweg", "Am Hafen", "Deichweg", "Sielweg", "Oldenburger Straße",
    "Bremer Straße", "Mühlenstraße", "Brückenstraße", "Poststraße", "Schützenweg",
]  # fmt: skip
# Banks of the region whose account numbers use the Bundesbank check method 00 (computed below).
BANKEN = [
    ("28050100", 60),  # Landessparkasse zu Oldenburg
    ("29050101", 15),  # Sparkasse Bremen
    ("12030000", 15),  # Deutsche Kreditbank
    ("28250110", 10),  # Sparkasse Wilhelmshaven
]

# --- names -------------------------------------------------------------------------------------------------------

NACHNAMEN_REGION = [
    "Janßen", "Ahlers", "Gerdes", "Hinrichs", "Onken", "Büsing", "Tapken", "Lüdeke", "Oltmanns", "Wilken", "Harms",
    "Meiners", "Bruns", "Rohde", "Eilers", "Lübben", "Brunken", "Hullmann", "Thye", "Addicks", "Stindt", "Kruse",
    "Oetken", "Haake", "Osterloh", "Detmers", "Frerichs", "Lührs", "Wübbenhorst", "Rieken",
]  # fmt: skip
NACHNAMEN_HAEUFIG = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Meyer", "Weber", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Hofmann", "Zimmermann",
]  # fmt: skip
VORNAMEN_NACH_JAHRGANG = [
    (
        1959,
        ["Hildegard", "Gerda", "Ursula", "Helga", "Renate", "Ingrid", "Karin", "Brigitte", "Erika", "Christa"],
        ["Heinz", "Günter", "Manfred", "Werner", "Horst", "Dieter", "Klaus", "Jürgen", "Gerd", "Wolfgang"],
    ),
    (
        1989,
        ["Sabine", "Andrea", "Petra", "Claudia", "Nicole", "Stefanie", "Sandra", "Melanie", "Katrin", "Anja"],
        ["Thomas", "Michael", "Andreas", "Stefan", "Frank", "Markus", "Sven", "Jan", "Dirk", "Christian"],
    ),
    (
        2009,
        ["Lisa", "Laura", "Julia", "Sarah", "Lena", "Anna", "Jessica", "Vanessa", "Jana", "Michelle"],
        ["Lukas", "Jonas", "Tim", "Niklas", "Leon", "Kevin", "Dennis", "Marcel", "Florian", "Tobias"],
    ),
    (
        9999,
        ["Emma", "Mia", "Hanna", "Lea", "Emilia", "Sophie", "Marie", "Lina", "Ella", "Clara"],
        ["Ben", "Paul", "Noah", "Finn", "Elias", "Luca", "Emil", "Henry", "Felix", "Mats"],
    ),
]
# Latin transliterations as they appear in passports and BAMF documents: (female first, male first, surnames).
AUSLAENDISCHE_NAMEN = {
    "SY": (
        ["Fatima", "Aisha", "Mariam", "Nour", "Rasha", "Hiba", "Lina", "Rana", "Yasmin", "Amal", "Huda", "Salma"],
        ["Mohammad", "Ahmad", "Ali", "Omar", "Khaled", "Mahmoud", "Hassan", "Yousef", "Ibrahim", "Bilal", "Rami"],
        ["Al-Ahmad", "Al-Hassan", "Khalil", "Haddad", "Alhamoud", "Sheikh", "Darwish", "Hamdan", "Othman",
         "Suleiman", "Kassem", "Alkhatib", "Youssef", "Nasser", "Al-Ali", "Abdo"],
    ),
    "IQ": (
        ["Zainab", "Fatima", "Maryam", "Noor", "Shaima", "Hawra", "Ruqaya", "Sara", "Jihan", "Nadia"],
        ["Ali", "Hussein", "Haider", "Mustafa", "Ahmed", "Karrar", "Murad", "Khalaf", "Qasim", "Saif"],
        ["Al-Jubouri", "Al-Obaidi", "Al-Tamimi", "Hussein", "Kareem", "Jasim", "Abbas", "Al-Saadi", "Hasso",
         "Murad", "Khalaf", "Qasim"],
    ),
    "AF": (
        ["Fatima", "Maryam", "Zahra", "Shabnam", "Nargis", "Parisa", "Farzana", "Laila", "Mina", "Sima", "Hosai"],
        ["Ahmad", "Mohammad", "Farid", "Hamid", "Jawad", "Mustafa", "Naveed", "Omid", "Rahim", "Wahid", "Khalid"],
        ["Ahmadi", "Hashimi", "Karimi", "Mohammadi", "Rahimi", "Sultani", "Noori", "Hussaini", "Sadat", "Haidari",
         "Jafari", "Azizi", "Amiri", "Popal", "Safi", "Wardak", "Niazi"],
    ),
    "UA": (
        ["Olena", "Tetiana", "Nataliia", "Iryna", "Oksana", "Svitlana", "Yuliia", "Kateryna", "Anastasiia",
         "Viktoriia", "Halyna", "Mariia"],
        ["Oleksandr", "Andrii", "Dmytro", "Serhii", "Volodymyr", "Mykola", "Ivan", "Yurii", "Maksym", "Bohdan",
         "Artem", "Vitalii"],
        ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Kovalchuk",
         "Oliinyk", "Lysenko", "Marchenko", "Savchenko", "Rudenko", "Moroz", "Polishchuk", "Kravets", "Tkachuk"],
    ),
    "TR": (
        ["Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Esra", "Özlem", "Sibel"],
        ["Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "Murat", "Emre", "Yusuf", "Ömer", "Kemal"],
        ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
         "Arslan", "Doğan", "Kılıç", "Aslan"],
    ),
    "ER": (
        ["Helen", "Senait", "Mebrat", "Selam", "Yordanos", "Rahwa", "Saba", "Luwam", "Feven", "Hiwet"],
        ["Tesfay", "Yonas", "Mebrahtu", "Samuel", "Filmon", "Dawit", "Habtom", "Kibrom", "Merhawi", "Biniam"],
        ["Tesfamariam", "Gebremedhin", "Habte", "Kidane", "Berhane", "Tekle", "Ghebreyesus", "Woldu", "Haile",
         "Asmerom", "Mehari", "Yohannes", "Andemariam"],
    ),
    "PL": (
        ["Anna", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Monika"],
        ["Piotr", "Krzysztof", "Tomasz", "Marcin", "Paweł", "Łukasz"],
        ["Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając", "Król", "Wieczorek"],
    ),
    "RO": (
        ["Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Ana"],
        ["Andrei", "Ion", "Mihai", "Alexandru", "Florin", "Gabriel"],
        ["Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Munteanu", "Stoica", "Constantin"],
    ),
}  # fmt: skip
STAATSANGEHOERIGKEIT = {
    Rechtskreis.SGB2: [("DE", 72), ("UA", 10), ("SY", 7), ("AF", 3), ("TR", 3), ("PL", 3), ("RO", 2)],
    Rechtskreis.SGB12_KAP3: [("DE", 90), ("PL", 4), ("TR", 3), ("RO", 3)],
    Rechtskreis.SGB12_KAP4: [("DE", 88), ("TR", 5), ("PL", 4), ("UA", 3)],
    Rechtskreis.ASYLBLG: [("AF", 25), ("SY", 20), ("UA", 20), ("TR", 15), ("IQ", 10), ("ER", 10)],
    Rechtskreis.WOHNGELD: [("DE", 90), ("PL", 4), ("TR", 3), ("RO", 3)],
}

# --- dated amounts (the steps make the facts' history) -------------------------------------------------------------

KINDERGELD = [(date(2023, 1, 1), "250.00"), (date(2025, 1, 1), "255.00"), (date(2026, 1, 1), "259.00")]  # § 66 EStG
MINIJOB = [(date(2024, 1, 1), "538.00"), (date(2025, 1, 1), "556.00"), (date(2026, 1, 1), "603.00")]  # § 8 SGB IV
MINDESTLOHN = [(date(2024, 1, 1), "12.41"), (date(2025, 1, 1), "12.82"), (date(2026, 1, 1), "13.90")]  # MiLoV
RENTENANPASSUNG = [(date(2024, 7, 1), "1.0457"), (date(2025, 7, 1), "1.0374")]  # RWBestV 2024, 2025
# Unterhaltsvorschuss (§ 2 UVG) by age band: 0–5, 6–11, 12–17 (same amounts 2025 and 2026).
UVG = ["227.00", "299.00", "394.00"]

CENT = Decimal("0.01")


def geld(wert) -> Decimal:
    return Decimal(str(wert)).quantize(CENT, rounding=ROUND_HALF_UP)


# --- plans --------------------------------------------------------------------------------------------------------


@dataclass
class Fakt:
    """One version of a fact: valid from ``ab`` to ``bis`` (inclusive, ``None`` = open)."""

    ab: date
    bis: date | None
    werte: dict


@dataclass
class PersonPlan:
    vorname: str
    familienname: str
    geburtsdatum: date
    geschlecht: str
    rolle: str
    staatsangehoerigkeit: str = "DE"
    geburtsname: str = ""
    steuer_id: str = ""
    telefon: str = ""
    email: str = ""
    einkommen: list[Fakt] = field(default_factory=list)
    vermoegen: list[Fakt] = field(default_factory=list)
    bankverbindungen: list[Fakt] = field(default_factory=list)
    mitglied_ab: date | None = None
    dauerhaft_voll_erwerbsgemindert_seit: date | None = None


@dataclass
class BGPlan:
    rechtskreis: str
    beginn: date
    personen: list[PersonPlan]
    # (index von, index zu, art) within ``personen``
    beziehungen: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class HaushaltPlan:
    gemeinde: str  # slug from core.demo.GEMEINDEN
    bgs: list[BGPlan]
    adressen: list[Fakt]  # shared by all members: strasse, hausnummer, postleitzahl, ort
    unterkuenfte: list[Fakt]
    fall: str = ""  # short label of a fixed demo case

    @property
    def personen(self) -> list[PersonPlan]:
        return [p for bg in self.bgs for p in bg.personen]


def verteile(anzahl: int, gewichte: dict) -> dict:
    """Split ``anzahl`` in proportion to ``gewichte`` (largest remainder, deterministic)."""
    summe = sum(gewichte.values())
    roh = {k: anzahl * g / summe for k, g in gewichte.items()}
    ergebnis = {k: int(v) for k, v in roh.items()}
    rest = anzahl - sum(ergebnis.values())
    for k in sorted(roh, key=lambda k: (-(roh[k] - ergebnis[k]), str(k)))[:rest]:
        ergebnis[k] += 1
    return ergebnis


def _ascii(text: str) -> str:
    """Local part for a synthetic e-mail address: lower-case ASCII letters and digits only."""
    flach = unicodedata.normalize("NFKD", suchform(text)).encode("ascii", "ignore").decode()
    return "".join(z for z in flach if z.isalnum()) or "post"


def erster_naechster_monat(tag: date) -> date:
    return date(tag.year + (tag.month == 12), tag.month % 12 + 1, 1)


def staffel(ab: date, stufen: list[tuple[date, str]], faktor=1, bis: date | None = None) -> list[Fakt]:
    """Versions of an amount that follows dated steps (e.g. Kindergeld), from ``ab`` (optionally to ``bis``)."""
    versionen: list[Fakt] = []
    gueltig = [(d, Decimal(b)) for d, b in stufen]
    start_wert = gueltig[0][1]
    for d, b in gueltig:
        if d <= ab:
            start_wert = b
    punkte = [(ab, start_wert)] + [(d, b) for d, b in gueltig if ab < d and (bis is None or d <= bis)]
    for i, (d, b) in enumerate(punkte):
        ende = punkte[i + 1][0] - timedelta(days=1) if i + 1 < len(punkte) else bis
        betrag = geld(b * Decimal(str(faktor)))
        versionen.append(Fakt(d, ende, {"betrag": betrag}))
    return versionen


class Generator:
    """Draws households with a seeded random generator. One instance yields one deterministic sequence."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        try:  # Faker's de_DE name lists give variety; without Faker (runtime-only install) the built-in lists serve
            from faker.providers.person.de_DE import Provider as FakerPerson
        except ImportError:  # pragma: no cover
            self.mit_faker = False
            self.faker_nachnamen = NACHNAMEN_REGION + NACHNAMEN_HAEUFIG
            self.faker_vornamen = {
                "w": [n for _j, w, _m in VORNAMEN_NACH_JAHRGANG for n in w],
                "m": [n for _j, _w, m in VORNAMEN_NACH_JAHRGANG for n in m],
            }
        else:
            self.mit_faker = True
            self.faker_nachnamen = [n for n in FakerPerson.last_names if "." not in n]
            self.faker_vornamen = {
                "w": [n for n in FakerPerson.first_names_female if "." not in n],
                "m": [n for n in FakerPerson.first_names_male if "." not in n],
            }
        strassen = {}
        for slug in EINWOHNER:
            strassen[slug] = sorted(self.rng.sample(STRASSEN, 24))
        self.strassen = strassen

    # small helpers
    def gewichtet(self, paare):
        werte, gewichte = zip(*paare, strict=True)
        return self.rng.choices(werte, weights=gewichte)[0]

    def tag(self, von: date, bis: date) -> date:
        return date.fromordinal(self.rng.randint(von.toordinal(), max(von.toordinal(), bis.toordinal())))

    def geboren(self, alter_von: int, alter_bis: int) -> date:
        return self.tag(
            date(STICHTAG.year - alter_bis - 1, STICHTAG.month, 2), date(STICHTAG.year - alter_von, STICHTAG.month, 1)
        )

    def monatsanfang(self, von: date, bis: date) -> date:
        tag = self.tag(von, bis)
        return tag.replace(day=1)

    def betrag(self, von: float, bis: float) -> Decimal:
        return geld(self.rng.uniform(von, bis))

    # identifiers
    def steuer_id(self) -> str:
        while True:
            doppelt = self.rng.randrange(10)
            andere = self.rng.sample([d for d in range(10) if d != doppelt], 8)
            ziffern = [doppelt, doppelt, *andere]
            self.rng.shuffle(ziffern)
            if ziffern[0] == 0:
                continue
            basis = "".join(map(str, ziffern))
            nummer = basis + mod_11_10.calc_check_digit(basis)
            if idnr.is_valid(nummer):
                return nummer

    def iban(self) -> tuple[str, str]:
        """A valid German IBAN (ISO 13616 check digits and the bank's own account check method 00)."""
        blz = self.gewichtet(BANKEN)
        stamm = f"{self.rng.randrange(10**8, 10**9):09d}"
        summe = 0
        for i, ziffer in enumerate(reversed(stamm)):
            produkt = int(ziffer) * (2 if i % 2 == 0 else 1)
            summe += produkt // 10 + produkt % 10
        konto = stamm + str((10 - summe % 10) % 10)
        iban = IBAN.generate("DE", bank_code=blz, account_code=konto)
        return iban.compact, str(iban.bic or "")

    # names
    def name(self, nation: str, geschlecht: str, geburtsdatum: date, familienname: str | None = None):
        if nation == "DE":
            if self.rng.random() < 0.6:
                for bis_jahr, weiblich, maennlich in VORNAMEN_NACH_JAHRGANG:
                    if geburtsdatum.year <= bis_jahr:
                        vorname = self.rng.choice(weiblich if geschlecht == "w" else maennlich)
                        break
            else:
                vorname = self.rng.choice(self.faker_vornamen[geschlecht])
            if familienname is None:
                r = self.rng.random()
                liste = NACHNAMEN_REGION if r < 0.25 else NACHNAMEN_HAEUFIG if r < 0.45 else self.faker_nachnamen
                familienname = self.rng.choice(liste)
            return vorname, familienname
        weiblich, maennlich, nachnamen = AUSLAENDISCHE_NAMEN[nation]
        vorname = self.rng.choice(weiblich if geschlecht == "w" else maennlich)
        return vorname, familienname or self.rng.choice(nachnamen)

    def person(
        self,
        nation: str,
        geschlecht: str,
        geburtsdatum: date,
        rolle: str,
        familienname: str | None = None,
        slug: str = "",
    ) -> PersonPlan:
        vorname, nachname = self.name(nation, geschlecht, geburtsdatum, familienname)
        erwachsen = geburtsdatum <= date(STICHTAG.year - 18, STICHTAG.month, STICHTAG.day)
        p = PersonPlan(vorname, nachname, geburtsdatum, geschlecht, rolle, staatsangehoerigkeit=nation)
        if nation in {"DE", "PL", "RO", "TR"} and self.rng.random() < (0.5 if erwachsen else 0.2):
            p.steuer_id = self.steuer_id()
        if erwachsen and self.rng.random() < 0.45:
            if self.rng.random() < 0.4 and slug:
                p.telefon = f"{VORWAHL[slug]} {self.rng.randint(10000, 999999)}"
            else:
                p.telefon = f"01{self.rng.choice(['51', '52', '57', '60', '62', '70', '71', '76'])} {self.rng.randint(1000000, 99999999)}"
        if erwachsen and self.rng.random() < 0.15:
            p.email = f"{_ascii(vorname)}.{_ascii(nachname)}{self.rng.randint(1, 99)}@example.org"
        return p

    # facts
    def kindergeld(self, kind: PersonPlan, ab: date) -> None:
        start = max(erster_naechster_monat(kind.geburtsdatum), ab, KINDERGELD[0][0])
        for f in staffel(start, KINDERGELD):
            kind.einkommen.append(Fakt(f.ab, f.bis, {"art": Einkommen.Art.KINDERGELD, "brutto": f.werte["betrag"]}))

    def uvg(self, kind: PersonPlan, ab: date) -> None:
        """Unterhaltsvorschuss: a new version whenever the child enters the next age band (6, 12); ends at 18."""
        g = kind.geburtsdatum
        start = max(ab, erster_naechster_monat(g), date(2025, 1, 1))
        grenzen = [date(g.year + 6, g.month, 1), date(g.year + 12, g.month, 1), date(g.year + 18, g.month, 1)]
        stufe = sum(1 for d in grenzen[:2] if d <= start)
        if grenzen[2] <= start:
            return
        ab_ = start
        while stufe < 3:
            ende = grenzen[stufe] - timedelta(days=1)
            betrag = Decimal(UVG[stufe])
            kind.einkommen.append(
                Fakt(
                    ab_, ende if ende < STICHTAG else None, {"art": Einkommen.Art.UNTERHALTSVORSCHUSS, "brutto": betrag}
                )
            )
            if ende >= STICHTAG:
                return
            ab_ = grenzen[stufe]
            stufe += 1

    def minijob(self, p: PersonPlan, ab: date) -> None:
        start = self.monatsanfang(max(ab, date(2024, 1, 1)), STICHTAG - timedelta(days=60))
        for f in staffel(start, MINIJOB):
            p.einkommen.append(Fakt(f.ab, f.bis, {"art": Einkommen.Art.ERWERBSEINKOMMEN, "brutto": f.werte["betrag"]}))

    def teilzeit(self, p: PersonPlan, ab: date, stunden: int | None = None, netto_quote: float = 0.79) -> None:
        stunden = stunden or self.rng.choice([15, 20, 20, 25, 30, 30, 35, 39])
        start = self.monatsanfang(max(ab, date(2024, 1, 1)), STICHTAG - timedelta(days=90))
        faktor = stunden * 13 / 3  # hours a month (§ 2 MiLoG: weekly hours × 13/3)
        for f in staffel(start, MINDESTLOHN, faktor=faktor):
            brutto = f.werte["betrag"]
            p.einkommen.append(
                Fakt(
                    f.ab,
                    f.bis,
                    {
                        "art": Einkommen.Art.ERWERBSEINKOMMEN,
                        "brutto": brutto,
                        "netto": geld(brutto * Decimal(str(netto_quote))),
                    },
                )
            )

    def rente(self, p: PersonPlan, ab: date, von: float, bis: float) -> None:
        """A pension that follows the Rentenanpassungen (brutto; netto after KVdR/PV contributions of about 12 %)."""
        heute = Decimal(str(self.rng.uniform(von, bis)))
        start = max(ab, date(2023, 7, 1))
        stufen, stand = [(start, Decimal(1))], Decimal(1)
        for d, faktor in RENTENANPASSUNG:
            stand *= Decimal(faktor)
            if d > start:
                stufen.append((d, stand))
            else:
                stufen[0] = (start, stand)
        for i, (d, faktor) in enumerate(stufen):
            bis_ = stufen[i + 1][0] - timedelta(days=1) if i + 1 < len(stufen) else None
            wert = geld(heute * faktor / stand)
            p.einkommen.append(
                Fakt(d, bis_, {"art": Einkommen.Art.RENTE, "brutto": wert, "netto": geld(wert * Decimal("0.88"))})
            )

    def alg1(self, p: PersonPlan, ab: date) -> None:
        ende = min(ab + timedelta(days=self.rng.choice([120, 180, 270, 360])), STICHTAG - timedelta(days=1))
        betrag = self.betrag(700, 1300)
        p.einkommen.append(Fakt(ab, ende, {"art": Einkommen.Art.ARBEITSLOSENGELD, "brutto": betrag}))

    def vermoegen(self, p: PersonPlan, ab: date, kfz: float = 0.1) -> None:
        if self.rng.random() < 0.4:
            wert = self.betrag(20, 2500)
            if self.rng.random() < 0.3:
                wechsel = date(2026, 1, 1) if ab < date(2026, 1, 1) else erster_naechster_monat(ab)
                p.vermoegen.append(
                    Fakt(ab, wechsel - timedelta(days=1), {"art": "konto", "bezeichnung": "Girokonto", "wert": wert})
                )
                p.vermoegen.append(
                    Fakt(wechsel, None, {"art": "konto", "bezeichnung": "Girokonto", "wert": self.betrag(20, 2500)})
                )
            else:
                p.vermoegen.append(Fakt(ab, None, {"art": "konto", "bezeichnung": "Girokonto", "wert": wert}))
        if self.rng.random() < kfz:
            marke = self.rng.choice(["VW Golf", "Opel Corsa", "Ford Fiesta", "Skoda Fabia", "Renault Clio", "VW Polo"])
            p.vermoegen.append(Fakt(ab, None, {"art": "kfz", "bezeichnung": marke, "wert": self.betrag(800, 7000)}))

    def bank(self, p: PersonPlan, ab: date, wechsel: float = 0.05) -> None:
        iban, bic = self.iban()
        inhaber = f"{p.vorname} {p.familienname}"
        if self.rng.random() < wechsel and ab < date(2025, 6, 1):
            neu = self.monatsanfang(max(ab + timedelta(days=31), date(2025, 1, 1)), STICHTAG - timedelta(days=30))
            p.bankverbindungen.append(
                Fakt(ab, neu - timedelta(days=1), {"iban": iban, "bic": bic, "kontoinhaber": inhaber})
            )
            iban, bic = self.iban()
            ab = neu
        p.bankverbindungen.append(Fakt(ab, None, {"iban": iban, "bic": bic, "kontoinhaber": inhaber}))

    # dwelling
    def anschrift(self, slug: str) -> dict:
        name, plz = ORTE[slug]
        nummer = str(self.rng.randint(1, 120)) + (self.rng.choice("ab") if self.rng.random() < 0.1 else "")
        return {
            "strasse": self.rng.choice(self.strassen[slug]),
            "hausnummer": nummer,
            "postleitzahl": self.rng.choice(plz),
            "ort": name,
        }

    def wohnung(self, slug: str, personen: int) -> dict:
        von, bis = {1: (35, 55), 2: (48, 68), 3: (60, 80), 4: (72, 92), 5: (82, 105)}.get(personen, (95, 120))
        flaeche = Decimal(self.rng.randint(von * 2, bis * 2)) / 2
        qm = min(8.0, max(6.0, self.rng.gauss(MIETE_QM[slug], 0.45)))
        return {
            "kaltmiete": geld(flaeche * Decimal(str(qm))),
            "nebenkosten": geld(flaeche * Decimal(str(self.rng.uniform(1.6, 2.4)))),
            "heizkosten": geld(flaeche * Decimal(str(self.rng.uniform(1.2, 2.1)))),
            "wohnflaeche": flaeche,
            "warmwasser_dezentral": self.rng.random() < 0.15,
        }

    def wohnen(self, slug: str, personen: int, einzug: date) -> tuple[list[Fakt], list[Fakt]]:
        """Address and housing costs with history: some moved in 2025/26, some had their costs adjusted."""
        adresse, kosten = self.anschrift(slug), self.wohnung(slug, personen)
        r = self.rng.random()
        if r < 0.12 and einzug < date(2025, 1, 1):
            umzug = self.monatsanfang(date(2025, 2, 1), STICHTAG - timedelta(days=30))
            return (
                [Fakt(einzug, umzug - timedelta(days=1), adresse), Fakt(umzug, None, self.anschrift(slug))],
                [Fakt(einzug, umzug - timedelta(days=1), kosten), Fakt(umzug, None, self.wohnung(slug, personen))],
            )
        if r < 0.32 and einzug < date(2025, 1, 1):
            aenderung = self.rng.choice([date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1), date(2026, 4, 1)])
            neu = dict(kosten)
            neu["nebenkosten"] = geld(kosten["nebenkosten"] * Decimal(str(self.rng.uniform(1.03, 1.12))))
            neu["heizkosten"] = geld(kosten["heizkosten"] * Decimal(str(self.rng.uniform(0.85, 1.2))))
            if self.rng.random() < 0.25:
                neu["kaltmiete"] = geld(kosten["kaltmiete"] * Decimal("1.05"))
            return [Fakt(einzug, None, adresse)], [
                Fakt(einzug, aenderung - timedelta(days=1), kosten),
                Fakt(aenderung, None, neu),
            ]
        return [Fakt(einzug, None, adresse)], [Fakt(einzug, None, kosten)]

    # households
    def kinder(self, eltern: PersonPlan, nation: str, anzahl: int, familienname: str, slug: str) -> list[PersonPlan]:
        frueheste = max(eltern.geburtsdatum + timedelta(days=18 * 365), date(STICHTAG.year - 17, STICHTAG.month, 2))
        ergebnis = []
        for _ in range(anzahl):
            geburt = self.tag(frueheste, STICHTAG - timedelta(days=60))
            geschlecht = self.rng.choice("wm")
            ergebnis.append(self.person(nation, geschlecht, geburt, BGMitglied.Rolle.KIND, familienname, slug))
        ergebnis.sort(key=lambda k: k.geburtsdatum)
        return ergebnis

    def paar(self, nation: str, alter_von: int, alter_bis: int, slug: str) -> tuple[PersonPlan, PersonPlan]:
        geschlecht = self.rng.choice("wm")
        a = self.person(
            nation, geschlecht, self.geboren(alter_von, alter_bis), BGMitglied.Rolle.ANTRAGSTELLER, slug=slug
        )
        geburt_b = a.geburtsdatum + timedelta(days=self.rng.randint(-6 * 365, 6 * 365))
        geburt_b = min(geburt_b, date(STICHTAG.year - 19, 1, 1))
        anderes = "m" if geschlecht == "w" else "w"
        verheiratet = self.rng.random() < 0.6
        b = self.person(
            nation, anderes, geburt_b, BGMitglied.Rolle.PARTNER, a.familienname if verheiratet else None, slug
        )
        frau = a if a.geschlecht == "w" else b
        if verheiratet and nation == "DE" and self.rng.random() < 0.7:
            frau.geburtsname = self.rng.choice(self.faker_nachnamen)
        return a, b

    def beginn(self, ap: PersonPlan, frueh: date = date(2016, 1, 1)) -> date:
        volljaehrig = date(ap.geburtsdatum.year + 18, ap.geburtsdatum.month, 1)
        # recent starts are more frequent (turnover)
        tag = self.tag(max(frueh, volljaehrig), STICHTAG - timedelta(days=31))
        if self.rng.random() < 0.5:
            tag = self.tag(max(tag, volljaehrig), STICHTAG - timedelta(days=31))
        return tag.replace(day=1)

    def haushalt(self, slug: str, rechtskreis: str) -> HaushaltPlan:
        nation = self.gewichtet(STAATSANGEHOERIGKEIT[rechtskreis])
        if rechtskreis == Rechtskreis.SGB2:
            art = self.gewichtet([("single", 50), ("alleinerziehend", 20), ("paar", 10), ("familie", 20)])
            return self.familie(slug, rechtskreis, nation, art, (18, 64), (20, 52))
        if rechtskreis == Rechtskreis.ASYLBLG:
            art = self.gewichtet([("single", 45), ("familie", 35), ("alleinerziehend", 10), ("paar", 10)])
            return self.familie(slug, rechtskreis, nation, art, (18, 45), (20, 45), frueh=date(2022, 1, 1))
        if rechtskreis == Rechtskreis.SGB12_KAP3:
            art = self.gewichtet([("single", 90), ("paar", 10)])
            return self.familie(slug, rechtskreis, nation, art, (25, 64), (25, 64))
        if rechtskreis == Rechtskreis.SGB12_KAP4:
            art = self.gewichtet([("rentner", 68), ("rentnerpaar", 14), ("erwerbsgemindert", 18)])
            if art == "erwerbsgemindert":
                plan = self.familie(slug, rechtskreis, nation, "single", (21, 64), (21, 64))
                person = plan.bgs[0].personen[0]
                person.dauerhaft_voll_erwerbsgemindert_seit = person.mitglied_ab  # § 41 Abs. 3 SGB XII
                return plan
            return self.familie(slug, rechtskreis, nation, "single" if art == "rentner" else "paar", (67, 92), (67, 92))
        art = self.gewichtet(
            [("rentner", 35), ("rentnerpaar", 15), ("familie", 25), ("alleinerziehend", 10), ("single", 15)]
        )
        if art.startswith("rentner"):
            return self.familie(slug, rechtskreis, nation, "single" if art == "rentner" else "paar", (67, 90), (67, 90))
        return self.familie(slug, rechtskreis, nation, art, (22, 64), (24, 50))

    def familie(self, slug, rechtskreis, nation, art, alter, alter_eltern, frueh=date(2016, 1, 1)) -> HaushaltPlan:
        beziehungen: list[tuple[int, int, str]] = []
        if art in {"paar", "familie"}:
            a, b = self.paar(nation, *(alter_eltern if art == "familie" else alter), slug)
            personen = [a, b]
            beziehungen.append((0, 1, Beziehung.Art.PARTNER))
        else:
            von, bis = alter_eltern if art == "alleinerziehend" else alter
            geschlecht = "w" if art == "alleinerziehend" and self.rng.random() < 0.88 else self.rng.choice("wm")
            if art == "single" and rechtskreis == Rechtskreis.ASYLBLG:
                geschlecht = "m" if self.rng.random() < 0.75 else "w"
            a = self.person(nation, geschlecht, self.geboren(von, bis), BGMitglied.Rolle.ANTRAGSTELLER, slug=slug)
            personen = [a]
        if art in {"familie", "alleinerziehend"}:
            anzahl = self.gewichtet([(1, 45), (2, 35), (3, 15), (4, 5)])
            kinder = self.kinder(a, nation, anzahl, a.familienname, slug)
            stiefkind = art == "familie" and self.rng.random() < 0.2
            for kind in kinder:
                personen.append(kind)
                beziehungen.append((0, len(personen) - 1, Beziehung.Art.ELTERNTEIL))
                if art == "familie" and not stiefkind:
                    beziehungen.append((1, len(personen) - 1, Beziehung.Art.ELTERNTEIL))
        beginn = self.beginn(a, frueh)
        bg = BGPlan(rechtskreis, beginn, personen, beziehungen)
        for p in personen:
            p.mitglied_ab = max(beginn, p.geburtsdatum)
        self.fakten(bg, art)
        einzug = min(beginn, self.tag(date(2008, 1, 1), beginn)) if rechtskreis != Rechtskreis.ASYLBLG else beginn
        einzug = max(einzug, max(p.geburtsdatum for p in personen if p.rolle != BGMitglied.Rolle.KIND))
        adressen, kosten = self.wohnen(slug, len(personen), einzug)
        return HaushaltPlan(slug, [bg], adressen, kosten)

    def fakten(self, bg: BGPlan, art: str) -> None:
        rk = bg.rechtskreis
        erwachsene = [p for p in bg.personen if p.rolle != BGMitglied.Rolle.KIND]
        kinder = [p for p in bg.personen if p.rolle == BGMitglied.Rolle.KIND]
        for i, p in enumerate(erwachsene):
            ab = p.mitglied_ab
            if rk in {Rechtskreis.SGB2, Rechtskreis.ASYLBLG}:
                r = self.rng.random()
                anteil = 1.0 if rk == Rechtskreis.SGB2 else 0.4
                if r < 0.16 * anteil:
                    self.minijob(p, ab)
                elif r < 0.26 * anteil:
                    self.teilzeit(p, ab)
                elif r < 0.31 * anteil and rk == Rechtskreis.SGB2:
                    self.alg1(p, ab)
            elif rk == Rechtskreis.SGB12_KAP4:
                if p.geburtsdatum.year < STICHTAG.year - 66:
                    self.rente(p, ab, 250, 1050)
                elif self.rng.random() < 0.5:
                    self.rente(p, ab, 150, 700)
            elif rk == Rechtskreis.SGB12_KAP3:
                if self.rng.random() < 0.3:
                    self.rente(p, ab, 200, 600)
            elif rk == Rechtskreis.WOHNGELD:
                if p.geburtsdatum.year < STICHTAG.year - 66:
                    self.rente(p, ab, 900, 1500)
                elif i == 0:
                    self.teilzeit(p, ab, stunden=self.rng.choice([30, 35, 39, 40]), netto_quote=0.7)
                else:
                    self.minijob(p, ab)
            kfz = {Rechtskreis.SGB2: 0.12, Rechtskreis.WOHNGELD: 0.5}.get(rk, 0.02)
            if rk != Rechtskreis.ASYLBLG:
                self.vermoegen(p, ab, kfz)
            konto = 0.6 if rk == Rechtskreis.ASYLBLG else 0.95
            if i == 0 and self.rng.random() < konto or i > 0 and self.rng.random() < 0.3:
                self.bank(p, ab)
        if rk == Rechtskreis.ASYLBLG:
            return
        for kind in kinder:
            self.kindergeld(kind, kind.mitglied_ab)
            if art == "alleinerziehend":
                r = self.rng.random()
                if r < 0.6:
                    self.uvg(kind, kind.mitglied_ab)
                elif r < 0.85:
                    betrag = self.betrag(200, 450)
                    kind.einkommen.append(
                        Fakt(kind.mitglied_ab, None, {"art": Einkommen.Art.UNTERHALT, "brutto": betrag})
                    )

    # fixed demo cases (docs/demo.md)
    def feste_faelle(self) -> list[HaushaltPlan]:
        R = BGMitglied.Rolle
        E = Einkommen.Art
        faelle = []

        # 1. Familie Janßen, Brake – SGB II (Jobcenter Bezirksstelle Brake): couple with three children.
        sandra = PersonPlan("Sandra", "Janßen", date(1988, 4, 12), "w", R.ANTRAGSTELLER, geburtsname="Ahlers")
        thomas = PersonPlan("Thomas", "Janßen", date(1985, 9, 3), "m", R.PARTNER)
        lena = PersonPlan("Lena", "Janßen", date(2014, 2, 20), "w", R.KIND)
        paul = PersonPlan("Paul", "Janßen", date(2017, 6, 8), "m", R.KIND)
        mia = PersonPlan("Mia", "Janßen", date(2021, 11, 30), "w", R.KIND)
        beginn = date(2024, 3, 1)
        familie = [sandra, thomas, lena, paul, mia]
        for p in familie:
            p.mitglied_ab = beginn
        sandra.steuer_id, thomas.steuer_id = self.steuer_id(), self.steuer_id()
        sandra.telefon = "04401 738291"
        self.bank(sandra, beginn, wechsel=0)
        thomas.einkommen += [
            Fakt(
                date(2024, 3, 1),
                date(2025, 8, 31),
                {"art": E.ERWERBSEINKOMMEN, "brutto": geld(1420), "netto": geld(1105.4)},
            ),
            Fakt(
                date(2025, 9, 1),
                date(2025, 12, 31),
                {"art": E.ERWERBSEINKOMMEN, "brutto": geld(1780), "netto": geld(1362.15)},
            ),
            Fakt(date(2026, 1, 1), None, {"art": E.ERWERBSEINKOMMEN, "brutto": geld(1930), "netto": geld(1461.8)}),
        ]
        sandra.einkommen += [
            Fakt(date(2025, 2, 1), date(2025, 12, 31), {"art": E.ERWERBSEINKOMMEN, "brutto": geld(556)}),
            Fakt(date(2026, 1, 1), None, {"art": E.ERWERBSEINKOMMEN, "brutto": geld(603)}),
        ]
        for kind in (lena, paul, mia):
            self.kindergeld(kind, beginn)
        thomas.vermoegen.append(Fakt(beginn, None, {"art": "kfz", "bezeichnung": "Opel Zafira", "wert": geld(3200)}))
        faelle.append(
            HaushaltPlan(
                "brake",
                [
                    BGPlan(
                        Rechtskreis.SGB2,
                        beginn,
                        familie,
                        [(0, 1, "partner")] + [(j, k, "elternteil") for j in (0, 1) for k in (2, 3, 4)],
                    )
                ],
                [
                    Fakt(
                        date(2019, 8, 1),
                        None,
                        {
                            "strasse": "Kirchstraße",
                            "hausnummer": "14",
                            "postleitzahl": "26919",
                            "ort": "Brake (Unterweser)",
                        },
                    )
                ],
                [
                    Fakt(
                        date(2019, 8, 1),
                        date(2025, 12, 31),
                        {
                            "kaltmiete": geld(595),
                            "nebenkosten": geld(170),
                            "heizkosten": geld(125),
                            "wohnflaeche": Decimal("85"),
                            "warmwasser_dezentral": False,
                        },
                    ),
                    Fakt(
                        date(2026, 1, 1),
                        None,
                        {
                            "kaltmiete": geld(595),
                            "nebenkosten": geld(182),
                            "heizkosten": geld(140),
                            "wohnflaeche": Decimal("85"),
                            "warmwasser_dezentral": False,
                        },
                    ),
                ],
                fall="Familie Janßen, Brake (SGB II)",
            )
        )

        # 2. Hildegard Ahlers, Nordenham – Grundsicherung im Alter (SGB XII 4. Kapitel, Sozialamt Nordenham).
        hildegard = PersonPlan("Hildegard", "Ahlers", date(1948, 3, 14), "w", R.ANTRAGSTELLER, geburtsname="Wilken")
        hildegard.mitglied_ab = date(2023, 1, 1)
        hildegard.steuer_id = self.steuer_id()
        hildegard.telefon = "04731 22814"
        self.rente(hildegard, date(2023, 1, 1), 560, 560)
        self.bank(hildegard, date(2023, 1, 1), wechsel=0)
        hildegard.vermoegen.append(
            Fakt(date(2023, 1, 1), None, {"art": "konto", "bezeichnung": "Sparbuch", "wert": geld(2100)})
        )
        faelle.append(
            HaushaltPlan(
                "nordenham",
                [BGPlan(Rechtskreis.SGB12_KAP4, date(2023, 1, 1), [hildegard])],
                [
                    Fakt(
                        date(1998, 5, 1),
                        None,
                        {"strasse": "Lindenstraße", "hausnummer": "7", "postleitzahl": "26954", "ort": "Nordenham"},
                    )
                ],
                [
                    Fakt(
                        date(1998, 5, 1),
                        date(2025, 6, 30),
                        {
                            "kaltmiete": geld(318),
                            "nebenkosten": geld(92),
                            "heizkosten": geld(78),
                            "wohnflaeche": Decimal("48"),
                            "warmwasser_dezentral": True,
                        },
                    ),
                    Fakt(
                        date(2025, 7, 1),
                        None,
                        {
                            "kaltmiete": geld(334),
                            "nebenkosten": geld(98),
                            "heizkosten": geld(71),
                            "wohnflaeche": Decimal("48"),
                            "warmwasser_dezentral": True,
                        },
                    ),
                ],
                fall="Hildegard Ahlers, Nordenham (SGB XII 4. Kapitel)",
            )
        )

        # 3. Familie Ahmadi, Brake – AsylbLG (Sozialamt Brake): couple from Afghanistan with two children.
        farid = PersonPlan("Farid", "Ahmadi", date(1990, 1, 1), "m", R.ANTRAGSTELLER, staatsangehoerigkeit="AF")
        maryam = PersonPlan("Maryam", "Ahmadi", date(1994, 7, 15), "w", R.PARTNER, staatsangehoerigkeit="AF")
        omid = PersonPlan("Omid", "Ahmadi", date(2016, 3, 2), "m", R.KIND, staatsangehoerigkeit="AF")
        zahra = PersonPlan("Zahra", "Ahmadi", date(2019, 10, 21), "w", R.KIND, staatsangehoerigkeit="AF")
        for p in (farid, maryam, omid, zahra):
            p.mitglied_ab = date(2024, 9, 1)
        farid.einkommen.append(Fakt(date(2026, 2, 1), None, {"art": E.ERWERBSEINKOMMEN, "brutto": geld(603)}))
        self.bank(farid, date(2024, 11, 1), wechsel=0)
        faelle.append(
            HaushaltPlan(
                "brake",
                [
                    BGPlan(
                        Rechtskreis.ASYLBLG,
                        date(2024, 9, 1),
                        [farid, maryam, omid, zahra],
                        [
                            (0, 1, "partner"),
                            (0, 2, "elternteil"),
                            (0, 3, "elternteil"),
                            (1, 2, "elternteil"),
                            (1, 3, "elternteil"),
                        ],
                    )
                ],
                [
                    Fakt(
                        date(2024, 9, 1),
                        None,
                        {
                            "strasse": "Weserstraße",
                            "hausnummer": "52a",
                            "postleitzahl": "26919",
                            "ort": "Brake (Unterweser)",
                        },
                    )
                ],
                [
                    Fakt(
                        date(2024, 9, 1),
                        None,
                        {
                            "kaltmiete": geld(490),
                            "nebenkosten": geld(140),
                            "heizkosten": geld(115),
                            "wohnflaeche": Decimal("70"),
                            "warmwasser_dezentral": False,
                        },
                    )
                ],
                fall="Familie Ahmadi, Brake (AsylbLG)",
            )
        )

        # 4. Familie Meiners, Nordenham – Wohngeld (Wohngeldstelle Nordenham): working couple with one child.
        kai = PersonPlan("Kai", "Meiners", date(1983, 5, 27), "m", R.ANTRAGSTELLER)
        anna = PersonPlan("Anna", "Meiners", date(1986, 12, 4), "w", R.PARTNER, geburtsname="Tapken")
        emil = PersonPlan("Emil", "Meiners", date(2018, 8, 16), "m", R.KIND)
        for p in (kai, anna, emil):
            p.mitglied_ab = date(2025, 1, 1)
        kai.steuer_id, anna.steuer_id = self.steuer_id(), self.steuer_id()
        self.teilzeit(kai, date(2025, 1, 1), stunden=40, netto_quote=0.7)
        anna.einkommen += [
            Fakt(date(2025, 1, 1), date(2025, 12, 31), {"art": E.ERWERBSEINKOMMEN, "brutto": geld(556)}),
            Fakt(date(2026, 1, 1), None, {"art": E.ERWERBSEINKOMMEN, "brutto": geld(603)}),
        ]
        self.kindergeld(emil, date(2025, 1, 1))
        self.bank(kai, date(2025, 1, 1), wechsel=0)
        faelle.append(
            HaushaltPlan(
                "nordenham",
                [
                    BGPlan(
                        Rechtskreis.WOHNGELD,
                        date(2025, 1, 1),
                        [kai, anna, emil],
                        [(0, 1, "partner"), (0, 2, "elternteil"), (1, 2, "elternteil")],
                    )
                ],
                [
                    Fakt(
                        date(2016, 4, 1),
                        None,
                        {
                            "strasse": "Friedrich-Ebert-Straße",
                            "hausnummer": "31",
                            "postleitzahl": "26954",
                            "ort": "Nordenham",
                        },
                    )
                ],
                [
                    Fakt(
                        date(2016, 4, 1),
                        None,
                        {
                            "kaltmiete": geld(520),
                            "nebenkosten": geld(150),
                            "heizkosten": geld(110),
                            "wohnflaeche": Decimal("74"),
                            "warmwasser_dezentral": False,
                        },
                    )
                ],
                fall="Familie Meiners, Nordenham (Wohngeld)",
            )
        )

        # 5. Dieter Brunken, Brake – Hilfe zum Lebensunterhalt (SGB XII 3. Kapitel, Sozialamt Brake).
        dieter = PersonPlan("Dieter", "Brunken", date(1969, 10, 2), "m", R.ANTRAGSTELLER)
        dieter.mitglied_ab = date(2025, 4, 1)
        dieter.steuer_id = self.steuer_id()
        dieter.einkommen.append(
            Fakt(date(2025, 4, 1), None, {"art": E.RENTE, "brutto": geld(412.5), "netto": geld(363)})
        )
        self.bank(dieter, date(2025, 4, 1), wechsel=0)
        faelle.append(
            HaushaltPlan(
                "brake",
                [BGPlan(Rechtskreis.SGB12_KAP3, date(2025, 4, 1), [dieter])],
                [
                    Fakt(
                        date(2011, 2, 1),
                        None,
                        {
                            "strasse": "Hafenstraße",
                            "hausnummer": "3",
                            "postleitzahl": "26919",
                            "ort": "Brake (Unterweser)",
                        },
                    )
                ],
                [
                    Fakt(
                        date(2011, 2, 1),
                        None,
                        {
                            "kaltmiete": geld(310),
                            "nebenkosten": geld(85),
                            "heizkosten": geld(70),
                            "wohnflaeche": Decimal("45"),
                            "warmwasser_dezentral": True,
                        },
                    )
                ],
                fall="Dieter Brunken, Brake (SGB XII 3. Kapitel)",
            )
        )

        # 6. Haushalt Tapken, Nordenham – one Haushalt, two BGs in two Rechtskreise and Dienststellen:
        #    mother Gerda (Grundsicherung im Alter, Sozialamt Nordenham), son Sven (SGB II, Jobcenter Nordenham).
        gerda = PersonPlan("Gerda", "Tapken", date(1955, 2, 9), "w", R.ANTRAGSTELLER)
        sven = PersonPlan("Sven", "Tapken", date(1986, 7, 19), "m", R.ANTRAGSTELLER)
        gerda.mitglied_ab, sven.mitglied_ab = date(2022, 7, 1), date(2025, 10, 1)
        self.rente(gerda, date(2022, 7, 1), 690, 690)
        self.bank(gerda, date(2022, 7, 1), wechsel=0)
        self.bank(sven, date(2025, 10, 1), wechsel=0)
        sven.einkommen.append(
            Fakt(date(2024, 10, 1), date(2025, 9, 30), {"art": E.ARBEITSLOSENGELD, "brutto": geld(1140.6)})
        )
        faelle.append(
            HaushaltPlan(
                "nordenham",
                [
                    BGPlan(Rechtskreis.SGB12_KAP4, date(2022, 7, 1), [gerda]),
                    BGPlan(Rechtskreis.SGB2, date(2025, 10, 1), [sven]),
                ],
                [
                    Fakt(
                        date(1989, 9, 1),
                        None,
                        {"strasse": "Mühlenweg", "hausnummer": "22", "postleitzahl": "26954", "ort": "Nordenham"},
                    )
                ],
                [
                    Fakt(
                        date(1989, 9, 1),
                        None,
                        {
                            "kaltmiete": geld(455),
                            "nebenkosten": geld(130),
                            "heizkosten": geld(105),
                            "wohnflaeche": Decimal("68"),
                            "warmwasser_dezentral": False,
                        },
                    )
                ],
                fall="Haushalt Tapken, Nordenham (SGB XII 4. Kapitel und SGB II)",
            )
        )

        # 7. Anna Müller, Nordenham – SGB II single; register "Müller, Anna, 05.05.1990" again to see the duplicate warning.
        anna_m = PersonPlan("Anna", "Müller", date(1990, 5, 5), "w", R.ANTRAGSTELLER)
        anna_m.mitglied_ab = date(2025, 6, 1)
        anna_m.steuer_id = self.steuer_id()
        self.minijob(anna_m, date(2025, 6, 1))
        self.bank(anna_m, date(2025, 6, 1), wechsel=0)
        faelle.append(
            HaushaltPlan(
                "nordenham",
                [BGPlan(Rechtskreis.SGB2, date(2025, 6, 1), [anna_m])],
                [
                    Fakt(
                        date(2025, 6, 1),
                        None,
                        {"strasse": "Bahnhofstraße", "hausnummer": "9", "postleitzahl": "26954", "ort": "Nordenham"},
                    )
                ],
                [
                    Fakt(
                        date(2025, 6, 1),
                        None,
                        {
                            "kaltmiete": geld(300),
                            "nebenkosten": geld(80),
                            "heizkosten": geld(65),
                            "wohnflaeche": Decimal("42"),
                            "warmwasser_dezentral": False,
                        },
                    )
                ],
                fall="Anna Müller, Nordenham (SGB II, Dublettenprüfung)",
            )
        )
        return faelle


def plane(anzahl_bgs: int = ANZAHL_BGS, seed: int = SEED) -> Iterator[HaushaltPlan]:
    """Households with exactly ``anzahl_bgs`` Bedarfsgemeinschaften: the fixed demo cases, then drawn ones."""
    gen = Generator(seed)
    bgs = 0
    for fall in gen.feste_faelle():
        if bgs + len(fall.bgs) > anzahl_bgs:
            break
        bgs += len(fall.bgs)
        yield fall
    rest = anzahl_bgs - bgs
    gemeinden = [g for g, n in verteile(rest, EINWOHNER).items() for _ in range(n)]
    rechtskreise = [r for r, n in verteile(rest, RECHTSKREIS_ANTEILE).items() for _ in range(n)]
    gen.rng.shuffle(gemeinden)
    gen.rng.shuffle(rechtskreise)
    for slug, rechtskreis in zip(gemeinden, rechtskreise, strict=True):
        yield gen.haushalt(slug, rechtskreis)


# --- writing -----------------------------------------------------------------------------------------------------


def reserviere(name: str, anzahl: int) -> int:
    """Reserve ``anzahl`` numbers of the Nummernkreis ``name``; returns the first. Later ``naechste()`` continues."""
    with transaction.atomic():
        kreis, _ = Nummernkreis.objects.select_for_update().get_or_create(name=name)
        erste = kreis.letzte + 1
        kreis.letzte += anzahl
        kreis.save(update_fields=["letzte"])
        return erste


@dataclass
class Statistik:
    haushalte: int = 0
    bgs: int = 0
    personen: int = 0
    nach_gemeinde: Counter = field(default_factory=Counter)
    nach_rechtskreis: Counter = field(default_factory=Counter)
    faelle: list[str] = field(default_factory=list)


class Schreiber:
    """Writes HaushaltPlans for one Träger with bulk_create; Dienststellen come from the Zuständigkeitsmatrix."""

    def __init__(self, traeger: Traeger):
        self.traeger = traeger
        self.gemeinden = {slug: Gemeinde.objects.get(ags=ags) for ags, _n, _p, slug in GEMEINDEN}
        self.dienststellen = {}
        for slug, gemeinde in self.gemeinden.items():
            for rechtskreis in RECHTSKREIS_ANTEILE:
                dienststelle = zustaendige_dienststelle(rechtskreis, gemeinde)
                if dienststelle is None:
                    raise ValueError(f"Keine zuständige Dienststelle für {rechtskreis} in {gemeinde}.")
                self.dienststellen[(rechtskreis, slug)] = dienststelle
        self.statistik = Statistik()

    def schreibe(self, plaene: list[HaushaltPlan]) -> None:
        if not plaene:
            return
        personen_plan = [p for h in plaene for p in h.personen]
        n_bgs = sum(len(h.bgs) for h in plaene)
        kunde = reserviere("kunde", len(personen_plan))
        haushalt_nr = reserviere("haushalt", len(plaene))
        bg_nr = reserviere("bg", n_bgs)
        ks = self.traeger.regionalschluessel

        haushalte = [
            Haushalt(nummer=f"H{haushalt_nr + i:08d}", gemeinde=self.gemeinden[h.gemeinde])
            for i, h in enumerate(plaene)
        ]
        Haushalt.objects.bulk_create(haushalte)

        personen: dict[int, Person] = {}
        bgs: list[tuple[Bedarfsgemeinschaft, BGPlan, Haushalt, HaushaltPlan]] = []
        n = 0
        for h, haushalt in zip(plaene, haushalte, strict=True):
            for bg_plan in h.bgs:
                dienststelle = self.dienststellen[(bg_plan.rechtskreis, h.gemeinde)]
                bg = Bedarfsgemeinschaft(
                    bg_nummer=f"{ks}BG{bg_nr + len(bgs):07d}",
                    rechtskreis=bg_plan.rechtskreis,
                    haushalt=haushalt,
                    dienststelle=dienststelle,
                )
                bgs.append((bg, bg_plan, haushalt, h))
                for p in bg_plan.personen:
                    personen[id(p)] = Person(
                        kundennummer=f"K{kunde + n:08d}",
                        familienname=p.familienname,
                        vorname=p.vorname,
                        geburtsname=p.geburtsname,
                        geburtsdatum=p.geburtsdatum,
                        geschlecht=p.geschlecht,
                        staatsangehoerigkeit=p.staatsangehoerigkeit,
                        telefon=p.telefon,
                        email=p.email,
                        steuer_id=p.steuer_id,
                        # AsylbLG: the demo assumes benefits began on entry (§ 2 Abs. 1 AsylbLG counts from there)
                        aufenthalt_seit=p.mitglied_ab if bg_plan.rechtskreis == Rechtskreis.ASYLBLG else None,
                        dauerhaft_voll_erwerbsgemindert_seit=p.dauerhaft_voll_erwerbsgemindert_seit,
                        erfasst_von=dienststelle,
                        suchname=suchform(f"{p.familienname} {p.vorname}"),
                    )
                    n += 1
        Person.objects.bulk_create(personen.values(), batch_size=1000)
        Bedarfsgemeinschaft.objects.bulk_create([b[0] for b in bgs], batch_size=1000)

        through = Haushalt.mitglieder.through
        zeilen: dict[type, list] = {
            through: [],
            BGMitglied: [],
            Beziehung: [],
            Adresse: [],
            Bankverbindung: [],
            Einkommen: [],
            Vermoegen: [],
            Unterkunft: [],
        }
        for h, haushalt in zip(plaene, haushalte, strict=True):
            gemeinde = self.gemeinden[h.gemeinde]
            for f in h.unterkuenfte:
                zeilen[Unterkunft].append(
                    Unterkunft(haushalt=haushalt, gemeinde=gemeinde, gueltig_ab=f.ab, gueltig_bis=f.bis, **f.werte)
                )
            for p in h.personen:
                person = personen[id(p)]
                zeilen[through].append(through(haushalt_id=haushalt.pk, person_id=person.pk))
                for f in h.adressen:
                    ab = max(f.ab, p.geburtsdatum)
                    if f.bis is not None and f.bis < ab:
                        continue
                    zeilen[Adresse].append(
                        Adresse(person=person, gemeinde=gemeinde, gueltig_ab=ab, gueltig_bis=f.bis, **f.werte)
                    )
                for f in p.bankverbindungen:
                    zeilen[Bankverbindung].append(
                        Bankverbindung(person=person, gueltig_ab=f.ab, gueltig_bis=f.bis, **f.werte)
                    )
                for f in p.einkommen:
                    werte = dict(f.werte)
                    werte.setdefault("netto", werte["brutto"])
                    zeilen[Einkommen].append(Einkommen(person=person, gueltig_ab=f.ab, gueltig_bis=f.bis, **werte))
                for f in p.vermoegen:
                    zeilen[Vermoegen].append(Vermoegen(person=person, gueltig_ab=f.ab, gueltig_bis=f.bis, **f.werte))
            self.statistik.haushalte += 1
            if h.fall:
                self.statistik.faelle.append(h.fall)
        for bg, bg_plan, _haushalt, h in bgs:
            for p in bg_plan.personen:
                zeilen[BGMitglied].append(
                    BGMitglied(
                        bedarfsgemeinschaft=bg,
                        person=personen[id(p)],
                        rolle=p.rolle,
                        gueltig_ab=p.mitglied_ab or bg_plan.beginn,
                    )
                )
            for von, zu, art in bg_plan.beziehungen:
                zeilen[Beziehung].append(
                    Beziehung(von=personen[id(bg_plan.personen[von])], zu=personen[id(bg_plan.personen[zu])], art=art)
                )
            self.statistik.bgs += 1
            self.statistik.personen += len(bg_plan.personen)
            self.statistik.nach_gemeinde[h.gemeinde] += 1
            self.statistik.nach_rechtskreis[bg_plan.rechtskreis] += 1
        for modell, objekte in zeilen.items():
            modell.objects.bulk_create(objekte, batch_size=1000)


def schreibe(plaene: Iterable[HaushaltPlan], traeger: Traeger, *, batch: int = 2000) -> Statistik:
    """Write the plans in batches of ``batch`` households (each batch in one transaction)."""
    schreiber = Schreiber(traeger)
    plaene = iter(plaene)
    while stueck := list(islice(plaene, batch)):
        with transaction.atomic():
            schreiber.schreibe(stueck)
    return schreiber.statistik


def demo_vorhanden(traeger: Traeger) -> int:
    """Number of Bedarfsgemeinschaften the Träger already has (the demo is only loaded into an empty Kreis)."""
    return Bedarfsgemeinschaft.objects.filter(dienststelle__traeger=traeger).count()


def lade_demo(anzahl_bgs: int = ANZAHL_BGS, seed: int = SEED) -> Statistik | None:
    """Load the organisation and, if the Kreis has no Bedarfsgemeinschaften yet, the synthetic persons.

    Returns the statistics of what was written, or ``None`` when persons were already there (nothing is added).
    """
    with transaction.atomic():
        traeger = lade_organisation()
        if demo_vorhanden(traeger):
            return None
        statistik = schreibe(plane(anzahl_bgs, seed), traeger)
        protokolliere(
            None,
            AuditAktion.ANLEGEN,
            ("demo", traeger.regionalschluessel, f"Demo-Daten {traeger.name}"),
            kanal="system",
            details={
                "bedarfsgemeinschaften": statistik.bgs,
                "personen": statistik.personen,
                "seed": seed,
                "quelle": "manage.py demo_laden",
            },
        )
        return statistik
