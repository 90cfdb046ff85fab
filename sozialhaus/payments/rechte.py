"""Who may act for the Kreiskasse: a member of the Zahlstelle (Rolle Zahlstelle at a Dienststelle of the Träger)."""

from django.db.models import QuerySet

from sozialhaus.core import permissions
from sozialhaus.core.models import Dienststelle, Mitarbeit, Rolle


def ist_zahlstelle(benutzer, traeger) -> bool:
    """Whether ``benutzer`` is an active user with Rolle Zahlstelle at a Dienststelle of ``traeger``."""
    return bool(
        benutzer is not None
        and benutzer.is_active
        and Mitarbeit.objects.filter(benutzer=benutzer, rolle=Rolle.ZAHLSTELLE, dienststelle__traeger=traeger).exists()
    )


LESENDE_ROLLEN = (Rolle.ZAHLSTELLE, Rolle.TEAMLEITUNG)
"""Who may read the Zahlläufe of a Träger: its Zahlstelle and its Teamleitung (Dienst- und Fachaufsicht)."""


def _dienststellen(benutzer, rollen) -> QuerySet:
    """The Dienststellen where ``benutzer`` has reading rights (``core.permissions``) in one of ``rollen``."""
    ids = sorted(
        {b.dienststelle_id for b in permissions.befugnisse(benutzer, permissions.Aktion.LESEN) if b.rolle in rollen}
    )
    return Dienststelle.objects.filter(pk__in=ids)


def zahllauf_zugriff(benutzer, traeger, *, sepa_datei: bool = False) -> Dienststelle | None:
    """The Dienststelle under which ``benutzer`` may read the Zahlläufe of ``traeger``, or ``None``.

    Decided from the user's reading rights in the one permission service (``core.permissions.befugnisse``). The
    SEPA file names every payee with IBAN across all Rechtskreise, so ``sepa_datei=True`` admits the Zahlstelle only.
    """
    rollen = (Rolle.ZAHLSTELLE,) if sepa_datei else LESENDE_ROLLEN
    return _dienststellen(benutzer, rollen).filter(traeger=traeger).order_by("pk").first()


def traeger_mit_zahllaeufen(benutzer, *, sepa_datei: bool = False) -> set[int]:
    """Ids of the Träger whose Zahlläufe (or, with ``sepa_datei``, SEPA files) ``benutzer`` may read."""
    rollen = (Rolle.ZAHLSTELLE,) if sepa_datei else LESENDE_ROLLEN
    return set(_dienststellen(benutzer, rollen).values_list("traeger_id", flat=True))
