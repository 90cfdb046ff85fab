from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "sozialhaus.notices"
    label = "notices"
    verbose_name = "Bescheide"

    def ready(self):
        """Answer every decision with its Bescheid (``cases.signals.entscheidung_erlassen``)."""
        from sozialhaus.cases.models import Entscheidung
        from sozialhaus.cases.signals import entscheidung_erlassen

        from .services import bei_entscheidung

        entscheidung_erlassen.connect(bei_entscheidung, sender=Entscheidung, dispatch_uid="notices.bescheid")
