"""Base settings: the embedded default (SQLite, DEBUG on) used by ``make run``.

Each environment variable read here is documented in docs/configuration.md.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# SOZIALHAUS_SECRET_KEY: signing key; the default is only for local development.
SECRET_KEY = os.environ.get("SOZIALHAUS_SECRET_KEY", "entwicklung-nicht-fuer-produktion-verwenden")
# SOZIALHAUS_DEBUG: Django debug mode.
DEBUG = env_bool("SOZIALHAUS_DEBUG", True)
# SOZIALHAUS_ALLOWED_HOSTS: comma-separated host names the server answers to.
ALLOWED_HOSTS = env_list("SOZIALHAUS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# SOZIALHAUS_CSRF_TRUSTED_ORIGINS: comma-separated origins allowed for unsafe requests.
CSRF_TRUSTED_ORIGINS = env_list("SOZIALHAUS_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "sozialhaus.core",
    "sozialhaus.people",
    "sozialhaus.records",
    "sozialhaus.cases",
    "sozialhaus.notices",
    "sozialhaus.worklist",
    "sozialhaus.payments",
    "sozialhaus.claims",
    "sozialhaus.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sozialhaus.core.middleware.ZweiterFaktorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sozialhaus.urls"
WSGI_APPLICATION = "sozialhaus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sozialhaus" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL: database connection, e.g. postgres://user:pw@host:5432/sozialhaus.
# Default: SQLite file db.sqlite3 in the project directory.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("SOZIALHAUS_DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.Benutzer"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "sozialhaus.core.views.csrf_fehlgeschlagen"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# SOZIALHAUS_AXES_FAILURE_LIMIT: failed logins before an account is locked.
AXES_FAILURE_LIMIT = int(os.environ.get("SOZIALHAUS_AXES_FAILURE_LIMIT", "5"))
# SOZIALHAUS_AXES_COOLOFF_MINUTES: minutes a locked account stays locked.
AXES_COOLOFF_TIME = int(os.environ.get("SOZIALHAUS_AXES_COOLOFF_MINUTES", "30")) / 60
# Lock by user name, not by IP address: the offices of a Kreis share a few NAT addresses.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "registration/gesperrt.html"
AXES_RESET_ON_SUCCESS = True

OTP_TOTP_ISSUER = "Sozialhaus"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "sozialhaus" / "static"]
# SOZIALHAUS_STATIC_ROOT: directory collectstatic writes to (production).
STATIC_ROOT = Path(os.environ.get("SOZIALHAUS_STATIC_ROOT", BASE_DIR / "staticfiles"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "sozialhaus.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sozialhaus API",
    "DESCRIPTION": "REST-Schnittstelle des Fachverfahrens Sozialhaus (Version 1).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # SOZIALHAUS_LOG_LEVEL: log level of the sozialhaus loggers.
    "loggers": {"sozialhaus": {"handlers": ["console"], "level": os.environ.get("SOZIALHAUS_LOG_LEVEL", "INFO")}},
}

# Background tasks (Zahllauf execution): kept in the database until `manage.py db_worker` runs them; see
# docs/configuration.md and docs/payments.md.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# SOZIALHAUS_BUNDESLAND: the Land whose public holidays count for deadlines (ISO 3166-2 code without "DE-", e.g. NI).
BUNDESLAND = os.environ.get("SOZIALHAUS_BUNDESLAND", "NI")
