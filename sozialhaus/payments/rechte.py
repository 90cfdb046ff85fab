"""Who may act for the Kreiskasse: a member of the Zahlstelle (Rolle Zahlstelle at a Dienststelle of the Träger)."""

from sozialhaus.core.models import Mitarbeit, Rolle


def ist_zahlstelle(benutzer, traeger) -> bool:
    """Whether ``benutzer`` is an active user with Rolle Zahlstelle at a Dienststelle of ``traeger``."""
    return bool(
        benutzer is not None
        and benutzer.is_active
        and Mitarbeit.objects.filter(benutzer=benutzer, rolle=Rolle.ZAHLSTELLE, dienststelle__traeger=traeger).exists()
    )
