"""Calendar helpers for Leistungsmonate and Bewilligungszeiträume (a Leistungsmonat is a calendar month)."""

import calendar
from collections.abc import Iterator
from datetime import date


def monatsanfang(tag: date) -> date:
    """First day of the month of ``tag``."""
    return tag.replace(day=1)


def monatsende(tag: date) -> date:
    """Last day of the month of ``tag``."""
    return tag.replace(day=calendar.monthrange(tag.year, tag.month)[1])


def plus_monate(tag: date, monate: int) -> date:
    """``tag`` moved by ``monate`` calendar months, the day clipped to the length of the target month."""
    gesamt = tag.year * 12 + tag.month - 1 + monate
    jahr, monat = divmod(gesamt, 12)
    return date(jahr, monat + 1, min(tag.day, calendar.monthrange(jahr, monat + 1)[1]))


def monate(von: date, bis: date) -> Iterator[date]:
    """First days of every calendar month touched by the period ``von``–``bis`` (both inclusive)."""
    monat = monatsanfang(von)
    while monat <= bis:
        yield monat
        monat = plus_monate(monat, 1)


def monat_text(monat: date) -> str:
    """German short form of a month as used in letters and messages: ``03/2026``."""
    return f"{monat:%m/%Y}"
