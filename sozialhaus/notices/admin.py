"""Administration of the Bescheidvorlagen at /verwaltung/: a change never overwrites a Vorlage, it saves a new
version (version + 1, erstellt_von); older versions stay, and every Bescheid keeps pointing at the one it was
rendered with. Bescheide themselves are Sozialdaten and are reached only through the staff UI and API.
"""

from django import forms
from django.contrib import admin

from .models import Bescheidvorlage
from .services import naechste_version
from .vorlagen import TEXTFELDER, pruefe_text


class BescheidvorlageForm(forms.ModelForm):
    class Meta:
        model = Bescheidvorlage
        fields = ["traeger", "art", "gueltig_ab", *TEXTFELDER]
        help_texts = {
            "einleitung": "Platzhalter z. B. {{ leistung }}, {{ zeitraum }}, {{ aktenzeichen }}, {{ dienststelle.name }}.",
            "rechtsbehelfsbelehrung": "Platzhalter z. B. {{ fristende }}, {{ dienststelle.anschrift }}.",
        }

    def clean(self):
        daten = super().clean()
        for feld in TEXTFELDER:
            if daten.get(feld):
                try:
                    pruefe_text(daten[feld])
                except forms.ValidationError as fehler:
                    self.add_error(feld, fehler)
        return daten


@admin.register(Bescheidvorlage)
class BescheidvorlageAdmin(admin.ModelAdmin):
    """Saving a changed Vorlage creates its next version; nothing is deleted."""

    form = BescheidvorlageForm
    list_display = ["art", "version", "gueltig_ab", "traeger", "erstellt_am", "erstellt_von"]
    list_filter = ["traeger", "art"]
    search_fields = ["betreff"]
    readonly_fields = ["version", "erstellt_am", "erstellt_von"]

    def get_readonly_fields(self, request, obj=None):
        """Träger and Art identify the line of versions and stay fixed once it exists."""
        return [*self.readonly_fields, "traeger", "art"] if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Insert a new row as the next version instead of updating the shown one."""
        obj.pk = None
        obj._state.adding = True
        obj.version = naechste_version(obj.traeger, obj.art)
        obj.erstellt_von = request.user
        obj.save()
