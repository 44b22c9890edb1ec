"""A SIP meeting's record: who attended (the child and guardians included), what was agreed, and
the next meeting. Saving it makes a version of the plan."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingRecord(models.Model):
    meeting = models.OneToOneField("childplans.PlanMeeting", on_delete=models.CASCADE, related_name="record")
    attended = models.ManyToManyField("accounts.Membership", blank=True, related_name="+",
                                      verbose_name=_("professionals who attended"))
    child_attended = models.BooleanField(_("the child attended"), default=False)
    guardians_attended = models.ManyToManyField("childplans.Guardian", blank=True, related_name="+",
                                                verbose_name=_("guardians who attended"))
    others_attended = models.CharField(_("others who attended (interpreter, support person …)"),
                                       max_length=300, blank=True)
    agreed = models.TextField(_("what was agreed"))
    next_meeting = models.DateField(_("next meeting"), null=True, blank=True)
    recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")

    def __str__(self) -> str:
        return f"{_('Meeting record')} {self.meeting_id}"

    def summary_line(self) -> str:
        """For the version history: no names (guardians counted, professionals by unit)."""
        units = sorted({m.unit.name for m in self.attended.all()})
        parts = [", ".join(units) or "–"]
        if self.child_attended:
            parts.append("barnet deltog")
        guardians = self.guardians_attended.count()
        if guardians:
            parts.append(f"{guardians} vårdnadshavare deltog")
        text = "; ".join(parts) + f". Överenskommet: {self.agreed}"
        if self.next_meeting:
            text += f" Nästa möte {self.next_meeting:%Y-%m-%d}."
        return text
