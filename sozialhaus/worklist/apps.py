from django.apps import AppConfig
from django.db.models.signals import post_save


class WorklistConfig(AppConfig):
    name = "sozialhaus.worklist"
    label = "worklist"
    verbose_name = "Postkorb"

    def ready(self):
        from sozialhaus.cases.models import AutomatikPruefung

        from .services import automatik_uebergeben

        post_save.connect(automatik_uebergeben, sender=AutomatikPruefung, dispatch_uid="worklist-automatik")
