"""SIP meetings and their invitations (requests that open in Outlook, answers in the page)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PlanMeeting(models.Model):
    """A SIP meeting or follow-up meeting, with invitations that open in Outlook."""

    plan = models.ForeignKey("childplans.CoordinatedPlan", on_delete=models.CASCADE, related_name="meetings",
                             verbose_name=_("plan"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place or video link"), max_length=300)
    sequence = models.PositiveIntegerField(_("invitation sequence number"), default=0)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("SIP meeting")
        verbose_name_plural = _("SIP meetings")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="planmeeting_ends_after_start")]

    def __str__(self) -> str:
        return f"SIP {self.plan_id} {self.starts_at:%Y-%m-%d %H:%M}"


class MeetingInvitation(models.Model):
    class Response(models.TextChoices):
        PENDING = "pending", _("Not answered")
        ACCEPTED = "accepted", _("Coming")
        DECLINED = "declined", _("Not coming")

    meeting = models.ForeignKey(PlanMeeting, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("meeting"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("membership"))
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices, default=Response.PENDING)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="invitation_unique")]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.response}"
