from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "sozialhaus.worklist"
    label = "worklist"
    verbose_name = "Postkorb"
