"""Template helper of the main navigation: whether the user gets the entry "Zahlläufe"."""

from django import template

from ..rechte import traeger_mit_zahllaeufen

register = template.Library()


@register.simple_tag(takes_context=True)
def liest_zahllaeufe(context) -> bool:
    """``{% liest_zahllaeufe as zahllaeufe %}`` → True for whoever may read the Zahlläufe of a Träger (its
    Zahlstelle and Teamleitung, ``rechte.traeger_mit_zahllaeufen``)."""
    request = context.get("request")
    benutzer = getattr(request, "user", None)
    return bool(benutzer is not None and benutzer.is_authenticated and traeger_mit_zahllaeufen(benutzer))
