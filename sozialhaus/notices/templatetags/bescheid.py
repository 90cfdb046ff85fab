"""Template filters of the Bescheid layout: German money format."""

from django import template

from ..darstellung import euro as _euro

register = template.Library()


@register.filter
def euro(betrag) -> str:
    """``{{ betrag|euro }}`` → ``1.234,56 €``."""
    return "" if betrag in (None, "") else _euro(betrag)
