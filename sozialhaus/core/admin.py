"""Django admin at /verwaltung/: the organisation only (Träger, Gemeinden, Dienststellen, Zuständigkeitsmatrix,
Benutzer with their Mitarbeiten) and a read-only view of the audit trail.

People models are deliberately not registered: Sozialdaten are only reachable through the permission-checked
staff UI and API, where every read is audited.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .audit import AuditEintrag
from .models import Benutzer, Dienststelle, Gemeinde, Mitarbeit, Traeger, Zustaendigkeit

admin.site.site_header = "Sozialhaus – Verwaltung der Organisation"
admin.site.site_title = "Sozialhaus Verwaltung"
admin.site.index_title = "Organisation, Zuständigkeiten und Benutzer"


@admin.register(Traeger)
class TraegerAdmin(admin.ModelAdmin):
    list_display = ["name", "regionalschluessel"]
    search_fields = ["name", "regionalschluessel"]


@admin.register(Gemeinde)
class GemeindeAdmin(admin.ModelAdmin):
    list_display = ["name", "ags", "postleitzahlen", "mietenstufe", "traeger"]
    list_filter = ["traeger", "mietenstufe"]
    search_fields = ["name", "ags", "postleitzahlen"]


@admin.register(Dienststelle)
class DienststelleAdmin(admin.ModelAdmin):
    list_display = ["name", "kuerzel", "art", "gemeinde", "traeger"]
    list_filter = ["art", "traeger", "gemeinde"]
    search_fields = ["name", "kuerzel"]


@admin.register(Zustaendigkeit)
class ZustaendigkeitAdmin(admin.ModelAdmin):
    list_display = ["gemeinde", "rechtskreis", "dienststelle"]
    list_filter = ["rechtskreis", "gemeinde", "dienststelle"]
    list_select_related = ["gemeinde", "dienststelle"]
    ordering = ["gemeinde__name", "rechtskreis"]


class MitarbeitInline(admin.TabularInline):
    model = Mitarbeit
    extra = 0
    fields = ["dienststelle", "rolle", "rechtskreise"]
    autocomplete_fields = ["dienststelle"]


@admin.register(Benutzer)
class BenutzerAdmin(UserAdmin):
    inlines = [MitarbeitInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "mitarbeiten__rolle", "mitarbeiten__dienststelle"]


@admin.register(AuditEintrag)
class AuditEintragAdmin(admin.ModelAdmin):
    """Read-only: entries can be looked at, never added, changed or deleted."""

    list_display = ["zeitpunkt", "benutzername", "dienststelle", "aktion", "objekt_typ", "objekt_id", "kanal"]
    list_filter = ["aktion", "kanal", "objekt_typ"]
    search_fields = ["benutzername", "objekt_id"]
    date_hierarchy = "zeitpunkt"
    list_select_related = ["dienststelle"]
    readonly_fields = [f.name for f in AuditEintrag._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
