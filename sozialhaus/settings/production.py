"""Production settings: PostgreSQL required, DEBUG off, secure cookies.

Every variable read here is documented in docs/configuration.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, SILENCED_SYSTEM_CHECKS, env_bool

DEBUG = env_bool("SOZIALHAUS_DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("SOZIALHAUS_DEBUG darf in der Produktion nicht eingeschaltet sein.")

SECRET_KEY = os.environ.get("SOZIALHAUS_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SOZIALHAUS_SECRET_KEY muss in der Produktion gesetzt sein (mindestens 50 Zeichen).")

if "DATABASE_URL" not in os.environ or DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL muss in der Produktion auf eine PostgreSQL-Datenbank zeigen.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# SOZIALHAUS_SESSION_COOKIE_AGE: seconds a login session lasts (default 8 hours).
SESSION_COOKIE_AGE = int(os.environ.get("SOZIALHAUS_SESSION_COOKIE_AGE", "28800"))
# SOZIALHAUS_SECURE_SSL_REDIRECT: redirect plain HTTP to HTTPS (off when the proxy does it).
SECURE_SSL_REDIRECT = env_bool("SOZIALHAUS_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# SOZIALHAUS_HSTS_SECONDS: max-age of the Strict-Transport-Security header.
SECURE_HSTS_SECONDS = int(os.environ.get("SOZIALHAUS_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# SOZIALHAUS_HSTS_PRELOAD: ask browsers to preload HSTS for the domain (a decision of the domain's owner).
SECURE_HSTS_PRELOAD = env_bool("SOZIALHAUS_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Static files are served by whitenoise right after the security middleware (runserver serves them in development).
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
