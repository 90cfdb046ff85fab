"""Deadlines against hand-checked calendar dates.

Sources: § 37 Abs. 2 Satz 1 SGB X ("am vierten Tag nach der Aufgabe zur Post" since 1.1.2025, Art. 33 PostModG,
BGBl. 2024 I Nr. 236; "am dritten Tag" before); BSG, Urteil vom 6.5.2010, B 14 AS 12/09 R (the fiction is not moved
by a weekend or holiday); § 84 Abs. 1 SGG (one month); § 64 Abs. 2 and 3 SGG (same day number / last day of month;
Saturday, Sunday, gesetzlicher Feiertag → next Werktag). Holidays of Niedersachsen (NFeiertagsG; Reformationstag
31.10. since 2018).
"""

from datetime import date

import pytest

from sozialhaus.notices.fristen import bekanntgabe, widerspruchsfrist_ende


@pytest.mark.parametrize(
    ("aufgabe", "erwartet"),
    [
        # Friday 6.3.2026 + 4 days = Tuesday 10.3.2026
        (date(2026, 3, 6), date(2026, 3, 10)),
        # Tuesday 3.3.2026 + 4 days = Saturday 7.3.2026, not moved (BSG B 14 AS 12/09 R)
        (date(2026, 3, 3), date(2026, 3, 7)),
        # Monday 21.12.2026 + 4 days = 25.12.2026 (1. Weihnachtstag), not moved either
        (date(2026, 12, 21), date(2026, 12, 25)),
        # Posting across the turn of the year: 30.12.2026 + 4 = 3.1.2027
        (date(2026, 12, 30), date(2027, 1, 3)),
        # Old law (posted before 1.1.2025): third day; the BSG case itself, 26.9.2007 -> Saturday 29.9.2007
        (date(2007, 9, 26), date(2007, 9, 29)),
        (date(2024, 12, 31), date(2025, 1, 3)),
        (date(2025, 1, 1), date(2025, 1, 5)),
    ],
)
def test_bekanntgabe(aufgabe, erwartet):
    assert bekanntgabe(aufgabe) == erwartet


@pytest.mark.parametrize(
    ("bekannt", "erwartet"),
    [
        # Tuesday 10.3.2026 -> Friday 10.4.2026 (a normal Werktag after Easter)
        (date(2026, 3, 10), date(2026, 4, 10)),
        # 6.3.2026 -> 6.4.2026 is Ostermontag -> Tuesday 7.4.2026
        (date(2026, 3, 6), date(2026, 4, 7)),
        # 3.3.2026 -> 3.4.2026 is Karfreitag; Saturday, Sunday (Ostersonntag), Ostermontag -> Tuesday 7.4.2026
        (date(2026, 3, 3), date(2026, 4, 7)),
        # 25.11.2026 -> Friday 25.12.2026 (1. Weihnachtstag), Saturday 26.12. (2. Weihnachtstag), Sunday -> 28.12.
        (date(2026, 11, 25), date(2026, 12, 28)),
        # 1.12.2026 -> Friday 1.1.2027 (Neujahr), weekend -> Monday 4.1.2027
        (date(2026, 12, 1), date(2027, 1, 4)),
        # 30.9.2022 -> Sunday 30.10.2022, Monday 31.10.2022 Reformationstag (NI) -> Tuesday 1.11.2022
        (date(2022, 9, 30), date(2022, 11, 1)),
        # 31.1.2026 -> 28.2.2026 (no 31st; § 64 Abs. 2 SGG), a Saturday -> Monday 2.3.2026
        (date(2026, 1, 31), date(2026, 3, 2)),
        # 31.1.2028 -> 29.2.2028 (leap year), a Tuesday
        (date(2028, 1, 31), date(2028, 2, 29)),
        # 31.1.2027 -> 28.2.2027, a Sunday -> Monday 1.3.2027
        (date(2027, 1, 31), date(2027, 3, 1)),
        # Bekanntgabe on Christmas Day 25.12.2026 -> Monday 25.1.2027
        (date(2026, 12, 25), date(2027, 1, 25)),
        # The BSG case: Bekanntgabe Saturday 29.9.2007 -> Monday 29.10.2007 ("endete sie am Montag, dem 29.10.2007")
        (date(2007, 9, 29), date(2007, 10, 29)),
    ],
)
def test_widerspruchsfrist_ende(bekannt, erwartet):
    assert widerspruchsfrist_ende(bekannt) == erwartet


def test_feiertage_des_eingestellten_landes(settings):
    """Reformationstag is no holiday in Bayern (only 2017): there 31.10.2022 is a Werktag."""
    settings.BUNDESLAND = "BY"
    assert widerspruchsfrist_ende(date(2022, 9, 30)) == date(2022, 10, 31)


def test_posting_on_friday_gives_the_whole_chain():
    """Posted Friday 6.3.2026 -> Bekanntgabe Tuesday 10.3.2026 -> Fristende Friday 10.4.2026."""
    assert widerspruchsfrist_ende(bekanntgabe(date(2026, 3, 6))) == date(2026, 4, 10)
