"""Audit trail of every read and write of Sozialdaten (§ 35 SGB I, §§ 67 ff. SGB X).

Entries are append-only: the model refuses updates and deletes, its queryset
refuses bulk changes, the admin is read-only and database triggers (see the
migration ``0002_audit_trigger``) refuse UPDATE and DELETE for any client.
Each entry carries the SHA-256 hash of its content and of its predecessor's
hash (a hash chain); ``manage.py audit_pruefen`` recomputes the chain.
"""

import hashlib
import json

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class AuditVerletzung(Exception):
    """Raised on any attempt to change or delete an audit entry."""


class Aktion(models.TextChoices):
    LESEN = "lesen", "gelesen"
    ANLEGEN = "anlegen", "angelegt"
    AENDERN = "aendern", "geändert"
    LOESCHEN = "loeschen", "gelöscht"
    SUCHEN = "suchen", "gesucht"
    ANMELDEN = "anmelden", "angemeldet"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditVerletzung("Protokolleinträge dürfen nicht geändert werden.")

    def delete(self):
        raise AuditVerletzung("Protokolleinträge dürfen nicht gelöscht werden.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditVerletzung("Protokolleinträge dürfen nicht geändert werden.")


GENESIS_HASH = "0" * 64


class AuditEintrag(models.Model):
    """One audited access: who, when, which record, under which Dienststelle, which action."""

    zeitpunkt = models.DateTimeField("Zeitpunkt", default=timezone.now, db_index=True)
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Benutzer/in",
    )
    benutzername = models.CharField("Benutzername", max_length=150)
    dienststelle = models.ForeignKey(
        "core.Dienststelle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Dienststelle",
    )
    aktion = models.CharField("Aktion", max_length=10, choices=Aktion.choices)
    objekt_typ = models.CharField("Objekttyp", max_length=50, db_index=True)
    objekt_id = models.CharField("Objekt-ID", max_length=50, db_index=True)
    objekt_bezeichnung = models.CharField("Bezeichnung", max_length=200, blank=True)
    kanal = models.CharField("Kanal", max_length=10, default="ui")
    details = models.JSONField("Details", default=dict, blank=True)
    vorheriger_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "Protokolleintrag"
        verbose_name_plural = "Zugriffsprotokoll"
        ordering = ["id"]
        indexes = [models.Index(fields=["objekt_typ", "objekt_id", "zeitpunkt"])]

    def inhalt(self) -> str:
        """Canonical text of everything the hash protects."""
        return json.dumps(
            {
                "zeitpunkt": self.zeitpunkt.isoformat(),
                "benutzer": self.benutzer_id,
                "benutzername": self.benutzername,
                "dienststelle": self.dienststelle_id,
                "aktion": self.aktion,
                "objekt_typ": self.objekt_typ,
                "objekt_id": str(self.objekt_id),
                "objekt_bezeichnung": self.objekt_bezeichnung,
                "kanal": self.kanal,
                "details": self.details,
                "vorheriger_hash": self.vorheriger_hash,
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )

    def berechne_hash(self) -> str:
        return hashlib.sha256(self.inhalt().encode("utf-8")).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditVerletzung("Protokolleinträge dürfen nicht geändert werden.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditVerletzung("Protokolleinträge dürfen nicht gelöscht werden.")

    def __str__(self) -> str:
        return f"{self.zeitpunkt:%d.%m.%Y %H:%M} {self.benutzername} {self.get_aktion_display()} {self.objekt_typ} {self.objekt_id}"


class AuditKettenkopf(models.Model):
    """Single row holding the newest hash; locked while an entry is appended so the chain stays linear."""

    letzter_hash = models.CharField(max_length=64, default=GENESIS_HASH)


def protokolliere(
    benutzer, aktion: str, objekt, *, dienststelle=None, kanal: str = "ui", details: dict | None = None
) -> AuditEintrag:
    """Append one entry for ``objekt`` (a model instance, or a ``(typ, id, bezeichnung)`` tuple)."""
    if isinstance(objekt, tuple):
        typ, objekt_id, bezeichnung = objekt
    else:
        typ, objekt_id, bezeichnung = objekt._meta.model_name, objekt.pk, str(objekt)
    angemeldet = benutzer is not None and benutzer.is_authenticated
    with transaction.atomic():
        kopf, _ = AuditKettenkopf.objects.select_for_update().get_or_create(pk=1)
        eintrag = AuditEintrag(
            benutzer=benutzer if angemeldet else None,
            benutzername=benutzer.get_username() if angemeldet else "anonym",
            dienststelle=dienststelle,
            aktion=aktion,
            objekt_typ=typ,
            objekt_id=str(objekt_id),
            objekt_bezeichnung=bezeichnung[:200],
            kanal=kanal,
            details=details or {},
            vorheriger_hash=kopf.letzter_hash,
        )
        eintrag.hash = eintrag.berechne_hash()
        eintrag.save()
        AuditKettenkopf.objects.filter(pk=1).update(letzter_hash=eintrag.hash)
    return eintrag


def pruefe_kette(batch: int = 5000) -> list[str]:
    """Recompute the hash chain; return German descriptions of every broken link (empty when intact)."""
    fehler: list[str] = []
    vorher = GENESIS_HASH
    for eintrag in AuditEintrag.objects.order_by("id").iterator(chunk_size=batch):
        if eintrag.vorheriger_hash != vorher:
            fehler.append(f"Eintrag {eintrag.pk}: Verkettung unterbrochen (Vorgänger-Hash stimmt nicht).")
        if eintrag.berechne_hash() != eintrag.hash:
            fehler.append(f"Eintrag {eintrag.pk}: Inhalt wurde verändert (Hash stimmt nicht).")
        vorher = eintrag.hash
    kopf = AuditKettenkopf.objects.filter(pk=1).first()
    if kopf and kopf.letzter_hash != vorher:
        fehler.append("Das Ende der Kette fehlt: Einträge wurden entfernt.")
    return fehler
