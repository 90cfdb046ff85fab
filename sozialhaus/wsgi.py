"""WSGI entry point (gunicorn sozialhaus.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sozialhaus.settings.production")
application = get_wsgi_application()
