"""Staff UI of ``core``: login, second factor (TOTP), start page.

Access to Sozialdaten is decided only by ``sozialhaus.core.permissions``; these views show the user's
organisation and counts of what the permission service lets them see.
"""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .middleware import braucht_zweiten_faktor
from .models import Rechtskreis
from .permissions import darf_anlegen, darf_protokoll_sehen, sichtbare_bedarfsgemeinschaften

GERAETENAME = "Sozialhaus-Authenticator"


class AnmeldeForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Benutzername oder Passwort ist falsch. Bitte achten Sie auf Groß- und Kleinschreibung.",
        "inactive": "Dieses Benutzerkonto ist deaktiviert.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Benutzername"
        self.fields["password"].label = "Passwort"
        for feld in self.fields.values():
            feld.error_messages["required"] = "Bitte füllen Sie dieses Feld aus."
            feld.widget.attrs["class"] = "kern-form-input__input"


class AnmeldenView(LoginView):
    template_name = "registration/login.html"
    form_class = AnmeldeForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def get_success_url(self):
        ziel = super().get_success_url()
        benutzer = self.request.user
        if braucht_zweiten_faktor(benutzer) or TOTPDevice.objects.filter(user=benutzer, confirmed=True).exists():
            return f"{reverse('zweiter_faktor')}?{urlencode({'next': ziel})}"
        return ziel


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Sicherheitscode",
        min_length=6,
        max_length=8,
        help_text="Der sechsstellige Code aus Ihrer Authenticator-App.",
        error_messages={
            "required": "Bitte geben Sie den Sicherheitscode ein.",
            "min_length": "Der Sicherheitscode hat sechs Ziffern.",
            "max_length": "Der Sicherheitscode hat sechs Ziffern.",
        },
        widget=forms.TextInput(
            attrs={
                "class": "kern-form-input__input",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "aria-describedby": "id_code_hinweis",
                "pattern": "[0-9 ]*",
            }
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError("Der Sicherheitscode besteht nur aus Ziffern.")
        return code


def _qr_svg(daten: str) -> str:
    bild = qrcode.make(daten, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = bild.to_string(encoding="unicode")
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return svg.replace("<svg ", '<svg role="img" aria-label="QR-Code zur Einrichtung der Authenticator-App" ', 1)


FALSCHER_CODE = "Der Sicherheitscode ist falsch oder abgelaufen. Bitte versuchen Sie es erneut."
GEBREMST = "Zu viele Fehlversuche. Bitte warten Sie einige Sekunden und geben Sie dann den aktuellen Code ein."


def _sicheres_ziel(request, standard: str = "/") -> str:
    ziel = request.POST.get("next") or request.GET.get("next") or standard
    if url_has_allowed_host_and_scheme(ziel, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return ziel
    return standard


def _einrichtung(request, *, erzwungen: bool):
    """Set up a TOTP device: show QR code and secret, confirm with a first code."""
    benutzer = request.user
    geraet = TOTPDevice.objects.filter(user=benutzer, confirmed=False).order_by("-id").first()
    if geraet is None:
        geraet = TOTPDevice.objects.create(user=benutzer, name=GERAETENAME, confirmed=False)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        erlaubt = geraet.verify_is_allowed()[0]
        if form.is_valid() and geraet.verify_token(form.cleaned_data["code"]):
            geraet.confirmed = True
            geraet.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=benutzer, confirmed=False).delete()
            otp_login(request, geraet)
            return redirect(_sicheres_ziel(request, "/"))
        if form.is_valid():
            form.add_error("code", FALSCHER_CODE if erlaubt else GEBREMST)
        status = 400
    geheimnis = base64.b32encode(geraet.bin_key).decode("ascii")
    return render(
        request,
        "registration/zweiter_faktor_einrichten.html",
        {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(geraet.config_url)),  # generated by qrcode, contains no user input
            "geheimnis": " ".join(geheimnis[i : i + 4] for i in range(0, len(geheimnis), 4)),
            "erzwungen": erzwungen,
            "next": _sicheres_ziel(request, "/"),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def zweiter_faktor(request):
    """Second factor after login: verify a code, or set up the authenticator when none is confirmed yet."""
    benutzer = request.user
    geraete = list(TOTPDevice.objects.filter(user=benutzer, confirmed=True))
    if not geraete:
        return _einrichtung(request, erzwungen=braucht_zweiten_faktor(benutzer))
    if benutzer.is_verified():
        return redirect(_sicheres_ziel(request, "/"))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            gebremst = any(not g.verify_is_allowed()[0] for g in geraete)
            for geraet in geraete:
                if geraet.verify_token(form.cleaned_data["code"]):
                    otp_login(request, geraet)
                    return redirect(_sicheres_ziel(request, "/"))
            form.add_error("code", GEBREMST if gebremst else FALSCHER_CODE)
        status = 400
    return render(
        request,
        "registration/zweiter_faktor.html",
        {"form": form, "next": _sicheres_ziel(request, "/")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def zweiter_faktor_einrichten(request):
    """Optional for all staff: set up a TOTP authenticator for this account."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return render(request, "registration/zweiter_faktor_aktiv.html")
    return _einrichtung(request, erzwungen=False)


@login_required
def start(request):
    benutzer = request.user
    mitarbeiten = benutzer.mitarbeiten.select_related("dienststelle").order_by("dienststelle__name", "rolle")
    rk_namen = dict(Rechtskreis.choices)
    zeilen = [
        {
            "dienststelle": m.dienststelle,
            "rolle": m.get_rolle_display(),
            "rechtskreise": [rk_namen.get(r, r) for r in (m.rechtskreise or [])],
        }
        for m in mitarbeiten
    ]
    bgs = sichtbare_bedarfsgemeinschaften(benutzer)
    je_rechtskreis = [
        {"rechtskreis": rk_namen.get(z["rechtskreis"], z["rechtskreis"]), "anzahl": z["anzahl"]}
        for z in bgs.values("rechtskreis").annotate(anzahl=Count("id")).order_by("rechtskreis")
    ]
    return render(
        request,
        "start.html",
        {
            "mitarbeiten": zeilen,
            "bg_gesamt": sum(z["anzahl"] for z in je_rechtskreis),
            "bg_je_rechtskreis": je_rechtskreis,
            "darf_anlegen": bool(darf_anlegen(benutzer)),
            "darf_protokoll": darf_protokoll_sehen(benutzer),
            "zweiter_faktor_aktiv": TOTPDevice.objects.filter(user=benutzer, confirmed=True).exists(),
        },
    )


def csrf_fehlgeschlagen(request, reason=""):
    """German page for a failed CSRF check (settings.CSRF_FAILURE_VIEW); nothing was saved."""
    return render(request, "403_csrf.html", status=403)
