"""Documented access-log reviews (loggkontroll)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LogReview(models.Model):
    reviewer = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("reviewer"))
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    scope = models.TextField(_("what was reviewed"), help_text=_(
        "E.g. all emergency accesses, every opening outside office hours, a random sample of 20 events."))
    conclusion = models.TextField(_("conclusion"))
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("log review")
        verbose_name_plural = _("log reviews")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.period_from} – {self.period_to}"
