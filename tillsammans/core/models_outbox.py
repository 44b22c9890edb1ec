"""Outgoing e-mail (at most once) and claimed scheduler slots (exactly one enqueue per slot)."""

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Outgoing(models.Model):
    """A message handed to a sender at most once per idempotency key (e-mail, text message)."""

    class Status(models.TextChoices):
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SENDING, db_index=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @classmethod
    def claim(cls, key: str, **fields):
        """The row for ``key``, committed as "sending" before anything is handed to a sender; None
        if a message with this key was already sent or attempted (never twice)."""
        try:
            with transaction.atomic():
                return cls.objects.create(key=key, **fields)
        except IntegrityError:
            return None

    def finish(self, error: Exception | None = None):
        """Record what the sender did: sent, or failed with the reason (never retried blindly)."""
        if error is None:
            self.status, self.sent_at = self.Status.SENT, timezone.now()
        else:
            self.status, self.error = self.Status.FAILED, str(error)[:500]
        type(self).objects.filter(pk=self.pk).update(status=self.status, sent_at=self.sent_at, error=self.error)
        return self


class OutgoingEmail(Outgoing):
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=300)

    class Meta(Outgoing.Meta):
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"


class ScheduledRun(models.Model):
    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("slot"))
    claimed_at = models.DateTimeField(_("claimed"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="scheduledrun_unique_slot")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class OutgoingText(Outgoing):
    """A text message (SMS). Only the number and the length are kept, never the text: a message may
    concern a family."""

    recipient = models.CharField(_("recipient"), max_length=20)
    length = models.PositiveIntegerField(_("length"), default=0)

    class Meta(Outgoing.Meta):
        verbose_name = _("outgoing text message")
        verbose_name_plural = _("outgoing text messages")

    def __str__(self) -> str:
        return f"{self.key} ({self.get_status_display()})"
