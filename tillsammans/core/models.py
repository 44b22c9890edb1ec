"""Core models: the append-only, HMAC-chained access log and its checkpoints."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    PRINT = "print", _("print")
    EXPORT = "export", _("export")
    DISCLOSE = "disclose", _("disclose")
    GRANT = "grant", _("grant")
    REVOKE = "revoke", _("revoke")
    LOGIN = "login", _("login")


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    REFUSED = "refused", _("refused")


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit row through the ORM."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The access log is append-only.")

    def delete(self):
        raise AppendOnlyError("The access log is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("The access log is append-only.")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError("The access log is append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The access log is append-only.")


class AccessEvent(AppendOnlyModel):
    """One access to personal data, role grant or admin change. Written only by core.audit."""

    # Empty while a sealed event waits for the sequencer (ADR 0022); set once, never changed.
    seq = models.BigIntegerField(_("sequence number"), unique=True, null=True)
    # Indexed only through the composite indexes below (each filter of the log review has one): every
    # index is written for every event, and again when the sequencer chains it.
    occurred_at = models.DateTimeField(_("time"))
    user_id = models.BigIntegerField(_("user id"), null=True)
    user_label = models.CharField(_("user"), max_length=200, blank=True)
    membership_id = models.BigIntegerField(_("membership id"), null=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    unit_id = models.BigIntegerField(_("unit id"), null=True)
    unit_label = models.CharField(_("unit"), max_length=200, blank=True)
    authority_id = models.BigIntegerField(_("authority id"), null=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    person_type = models.CharField(_("person type"), max_length=40, blank=True)
    person_id = models.CharField(_("person id"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose or legal ground"), max_length=300, blank=True)
    client_ip = models.CharField(_("client address"), max_length=64, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AuditOutcome.choices,
                               default=AuditOutcome.ALLOWED)
    canonical = models.TextField(_("signed text"))
    prev_mac = models.CharField(_("previous HMAC"), max_length=64)
    mac = models.CharField(_("HMAC"), max_length=64)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["person_type", "person_id", "occurred_at"]),
            models.Index(fields=["user_id", "occurred_at"]),
            # The log review reads newest first, cut by a (time, seq) cursor; one index per filter.
            models.Index(fields=["occurred_at", "seq"], name="core_event_time_seq"),
            models.Index(fields=["unit_id", "occurred_at"], name="core_event_unit_time"),
            models.Index(fields=["action", "occurred_at"], name="core_event_action_time"),
            models.Index(fields=["outcome", "occurred_at"], name="core_event_outcome_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditCheckpoint(AppendOnlyModel):
    """A signed note of the chain's head at a point in time: catches truncation and deletions."""

    seq = models.BigIntegerField(_("sequence number"), unique=True)
    event_mac = models.CharField(_("event HMAC"), max_length=64)
    created_at = models.DateTimeField(_("created"))
    mac = models.CharField(_("HMAC"), max_length=64)

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"checkpoint @{self.seq}"


from tillsammans.core.models_outbox import OutgoingEmail, OutgoingText, ScheduledRun  # noqa: E402

__all__ = ["AccessEvent", "AuditAction", "AuditOutcome", "AuditCheckpoint", "OutgoingEmail", "OutgoingText",
           "ScheduledRun"]
