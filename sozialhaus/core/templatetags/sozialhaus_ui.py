"""Template helpers of the staff UI: which main navigation entries the user gets (asked of the permission service)."""

from django import template

from sozialhaus.core.permissions import Aktion, befugnisse, darf_anlegen, darf_protokoll_sehen

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context) -> dict:
    """``{% navigation as nav %}`` → ``nav.suchen``, ``nav.anlegen``, ``nav.protokoll`` for ``request.user``."""
    request = context.get("request")
    benutzer = getattr(request, "user", None)
    if benutzer is None or not benutzer.is_authenticated:
        return {}
    return {
        "suchen": bool(befugnisse(benutzer, Aktion.LESEN)),
        "anlegen": bool(darf_anlegen(benutzer)),
        "protokoll": darf_protokoll_sehen(benutzer),
    }
