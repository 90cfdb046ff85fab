"""Immutable records: decisions, Bescheide, filed documents (and later bookings) are written once, never changed.

A correction is a new record that references the old one. The model refuses ``save()`` on an existing row and
``delete()``; its queryset refuses ``update()``, ``delete()`` and ``bulk_update()``.
"""

from django.db import models


class UnveraenderlichFehler(Exception):
    """Raised when code tries to change or delete an immutable record."""


class UnveraenderlichQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise UnveraenderlichFehler(f"{self.model._meta.verbose_name_plural} dürfen nicht geändert werden.")

    def delete(self):
        raise UnveraenderlichFehler(f"{self.model._meta.verbose_name_plural} dürfen nicht gelöscht werden.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise UnveraenderlichFehler(f"{self.model._meta.verbose_name_plural} dürfen nicht geändert werden.")


class Unveraenderlich(models.Model):
    """Abstract base: a row is inserted once and then only read."""

    objects = UnveraenderlichQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise UnveraenderlichFehler(f"{self._meta.verbose_name} darf nicht geändert werden.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise UnveraenderlichFehler(f"{self._meta.verbose_name} darf nicht gelöscht werden.")
