"""The young person's own voice (ADR 0009): their own request for a SIP from 15, and their
objections, which block until the SIP coordinator records a reasoned decision."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tillsammans.core.identity import display

YOUNG_PERSON_AGE = 15


class YoungPersonRequest(models.Model):
    """A young person (15+) asks for their own SIP; recorded by a professional with them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the SIP coordinator")
        STARTED = "started", _("A plan was started")
        FORWARDED = "forwarded", _("Sent to the SIP coordinator of the existing plan")

    personal_number = models.CharField(_("personal identity number"), max_length=12)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    protected_identity = models.BooleanField(_("protected identity"), default=False)
    own_words = models.TextField(_("what the young person asks for, in their own words"))
    heard_how = models.CharField(_("how the young person was heard"), max_length=300)
    without_guardians = models.BooleanField(
        _("the young person does not want the guardians involved now"), default=False)
    lead = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="young_requests",
                             verbose_name=_("SIP coordinator"))
    recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    plan = models.ForeignKey("childplans.CoordinatedPlan", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="young_requests")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_DATA = {
        "personal": ["personal_number", "first_name", "last_name", "own_words"],
        "sensitive": ["protected_identity"],
        "retention": "plan_closed_plus_5_years",
        "archived": True,
    }

    class Meta:
        verbose_name = _("young person's own request")
        verbose_name_plural = _("young people's own requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["lead", "status"])]

    def __str__(self) -> str:
        return f"{_('Own request')} {self.pk}"

    @property
    def number_display(self) -> str:
        return display(self.personal_number)


class Objection(models.Model):
    """The young person objects to a unit (or, without a unit, to the plan being activated)."""

    class Decision(models.TextChoices):
        UPHELD = "upheld", _("The objection is upheld")
        OVERRIDDEN = "overridden", _("The plan goes ahead despite the objection")

    plan = models.ForeignKey("childplans.CoordinatedPlan", on_delete=models.CASCADE, related_name="objections")
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("unit objected to"),
                             help_text=_("Empty: the young person objects to the plan being activated."))
    words = models.TextField(_("the objection in the young person's words"))
    heard_how = models.CharField(_("how the young person was heard"), max_length=300)
    recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+", null=True,
                                    blank=True, help_text=_("Empty: the young person's own, with e-ID."))
    recorded_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("young person's objection")
        verbose_name_plural = _("young people's objections")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{_('Objection')} {self.pk}"

    @property
    def awaiting_decision(self) -> bool:
        return not self.decision

    @property
    def blocks_unit(self) -> bool:
        """A unit's access stays blocked while undecided, and for good when upheld."""
        return self.unit_id is not None and self.decision != self.Decision.OVERRIDDEN
