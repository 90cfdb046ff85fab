"""Deadlines of a Bescheid: Bekanntgabe by post (§ 37 Abs. 2 SGB X) and the Widerspruchsfrist (§ 84 Abs. 1 SGG).

* **Bekanntgabe.** A written Verwaltungsakt sent by post within Germany counts as made known "am vierten Tag nach der
  Aufgabe zur Post" (§ 37 Abs. 2 Satz 1 SGB X as amended by Art. 33 Postrechtsmodernisierungsgesetz, BGBl. 2024 I
  Nr. 236, in force since 1.1.2025; "am dritten Tag" before). The fiction is *not* moved when that day is a
  Saturday, Sunday or public holiday: § 37 Abs. 2 SGB X fixes a point in time, it sets no Frist, so § 26 Abs. 3
  SGB X does not apply (BSG, Urteil vom 6.5.2010, B 14 AS 12/09 R, Leitsatz and Rn. 13 ff.; Bayerisches LSG,
  Urteil vom 11.5.2022, L 2 U 140/13).
* **Widerspruchsfrist.** One month after Bekanntgabe (§ 84 Abs. 1 Satz 1 SGG). It ends on the day of the following
  month with the number of the Bekanntgabe, or on that month's last day when the number does not exist (§ 64 Abs. 2
  SGG); when that day is a Saturday, Sunday or gesetzlicher Feiertag it ends with the next Werktag (§ 64 Abs. 3 SGG).
  Holidays are those of the Land ``settings.BUNDESLAND`` (at the seat of the authority).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings

from sozialhaus.cases.zeitraum import plus_monate

VIERTER_TAG_AB = date(2025, 1, 1)
"""Posting date from which § 37 Abs. 2 Satz 1 SGB X counts four days instead of three (Art. 33 PostModG)."""

SAMSTAG = 5


def bekanntgabe(aufgabe_zur_post: date) -> date:
    """Day on which a Bescheid sent by ordinary letter counts as made known (§ 37 Abs. 2 Satz 1 SGB X).

    The day of posting is not counted (§ 26 Abs. 1 SGB X with § 187 Abs. 1 BGB); a weekend or holiday does not move
    the day (BSG, 6.5.2010, B 14 AS 12/09 R).
    """
    tage = 4 if aufgabe_zur_post >= VIERTER_TAG_AB else 3
    return aufgabe_zur_post + timedelta(days=tage)


@lru_cache(maxsize=16)
def _feiertage(bundesland: str, jahr: int) -> holidays.HolidayBase:
    return holidays.Germany(subdiv=bundesland, years=jahr)


def ist_werktag(tag: date) -> bool:
    """Neither Saturday, Sunday nor a gesetzlicher Feiertag of ``settings.BUNDESLAND`` (§ 64 Abs. 3 SGG)."""
    return tag.weekday() < SAMSTAG and tag not in _feiertage(settings.BUNDESLAND, tag.year)


def naechster_werktag(tag: date) -> date:
    """``tag`` itself when it is a Werktag, otherwise the next Werktag (§ 64 Abs. 3 SGG)."""
    while not ist_werktag(tag):
        tag += timedelta(days=1)
    return tag


def widerspruchsfrist_ende(bekanntgabe: date) -> date:
    """Last day for a Widerspruch: one month after ``bekanntgabe`` (§ 84 Abs. 1 SGG, § 64 Abs. 2 and 3 SGG)."""
    return naechster_werktag(plus_monate(bekanntgabe, 1))
