"""Enforce the TOTP second factor (django-otp) for Administration."""

from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Rolle

FREIE_PFADE = ("/anmelden/", "/abmelden/", "/zweiter-faktor/", "/static/")


def braucht_zweiten_faktor(benutzer) -> bool:
    """Administration (and Django superusers) must confirm every session with a TOTP code; so must every user
    who has set up a second factor (otherwise it could simply be skipped)."""
    if not benutzer.is_authenticated:
        return False
    return (
        benutzer.is_superuser
        or benutzer.mitarbeiten.filter(rolle=Rolle.ADMINISTRATION).exists()
        or TOTPDevice.objects.filter(user=benutzer, confirmed=True).exists()
    )


class ZweiterFaktorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        benutzer = request.user
        if (
            benutzer.is_authenticated
            and not request.path.startswith(FREIE_PFADE)
            and not benutzer.is_verified()
            and braucht_zweiten_faktor(benutzer)
        ):
            return redirect(f"{reverse('zweiter_faktor')}?next={request.path}")
        return self.get_response(request)
