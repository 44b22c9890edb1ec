"""Newsletters composed in the platform (text and chosen highlights) and their subscribers, who opt
in with a confirmation by e-mail and leave with one click."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Newsletter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    events = models.ManyToManyField("events.Event", blank=True, related_name="+",
                                    verbose_name=_("coming events"))
    indicators = models.ManyToManyField("insight.Indicator", blank=True, related_name="+",
                                        verbose_name=_("indicator changes"))
    adoptions = models.ManyToManyField("planning.Adoption", blank=True, related_name="+",
                                       verbose_name=_("adoptions of a shared vision"))
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("area whose indicators are shown"))
    status = models.CharField(_("status"), max_length=5, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("editor"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    highlights = models.JSONField(_("highlights as sent"), default=list, blank=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-sent_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "sent_at"])]

    def __str__(self) -> str:
        return self.subject


class Subscriber(models.Model):
    """An address that asked for the newsletter. It receives nothing before the link in the
    confirmation e-mail is opened; leaving deletes the row."""

    email = models.EmailField(_("e-mail"), unique=True)
    token = models.CharField(_("link"), max_length=40, unique=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        indexes = [models.Index(fields=["confirmed_at"])]

    def __str__(self) -> str:
        return self.email
