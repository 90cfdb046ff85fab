"""Django admin at /verwaltung/ for the cases app: only the Träger's rules for automated decisions (§ 31a SGB X).

Anträge, Entscheidungen, Leistungsmonate and the Prüfungen of the automation hold Sozialdaten and are deliberately
not registered: they are reachable only through the permission-checked staff UI and API, where every read is
audited.
"""

from django.contrib import admin

from .models import AutomatikRegel


@admin.register(AutomatikRegel)
class AutomatikRegelAdmin(admin.ModelAdmin):
    list_display = ["traeger", "rechtskreis", "aktiv", "anspruch_max", "personen_max", "geaendert_am", "geaendert_von"]
    list_filter = ["traeger", "rechtskreis", "aktiv"]
    readonly_fields = ["geaendert_am", "geaendert_von"]
    fieldsets = [
        (None, {"fields": ["traeger", "rechtskreis", "aktiv", "antragsarten", "nur_unveraenderte_verhaeltnisse"]}),
        ("Grenzen", {"fields": ["einkommen_min", "einkommen_max", "anspruch_max", "personen_max"]}),
        ("Änderung", {"fields": ["geaendert_am", "geaendert_von"]}),
    ]

    def save_model(self, request, obj, form, change):
        """Record who changed the rule (the criteria decide without a caseworker, so changes must be traceable)."""
        obj.geaendert_von = request.user
        super().save_model(request, obj, form, change)
