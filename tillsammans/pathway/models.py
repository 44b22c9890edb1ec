"""The way from a first worry to joint support: worries and relay logs in the child's own unit,
requests to a joint forum, and handovers between units. Child data: who may see what is decided in
``childplans.rules`` (the one place for the access rules), every read is an access event."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tillsammans.pathway.models_structure import Pathway, PathwayLevel, PathwayVersion  # noqa: F401

CHILD_DATA = {"retention": "plan_closed_plus_5_years", "archived": True}


class WorryDecision(models.TextChoices):
    NO_ACTION = "no_action", _("No further action")
    UNIT_MEASURES = "unit_measures", _("Measures in the unit")
    FORUM = "forum", _("A request to the joint forum")
    REPORT = "report", _("A report of concern to social services")


class Worry(models.Model):
    """A worry about a child in the child's own unit (level 0), with a decision due in 14 days."""

    child = models.ForeignKey("childplans.Child", on_delete=models.PROTECT, related_name="worries",
                              verbose_name=_("child"))
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="worries",
                             verbose_name=_("the child's unit"))
    author = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="worries",
                               verbose_name=_("recorded by"))
    arose_on = models.DateField(_("the worry arose on"))
    decision_due = models.DateField(_("decision due"), db_index=True)
    seen_heard = models.TextField(_("what was seen and heard"))
    guardians_talk = models.TextField(_("the talk with the guardians"), blank=True)
    guardians_talked_on = models.DateField(_("talked with the guardians on"), null=True, blank=True)
    childs_view = models.TextField(_("the child's own view"), blank=True)
    needs = models.JSONField(_("kind of need"), default=list, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    decision = models.CharField(_("decision"), max_length=15, choices=WorryDecision.choices, blank=True)
    decision_note = models.TextField(_("the decision's reasons"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    PERSONAL_DATA = {"personal": ["child"], "sensitive": ["seen_heard", "guardians_talk", "childs_view", "needs"],
                     **CHILD_DATA}

    class Meta:
        verbose_name = _("worry")
        verbose_name_plural = _("worries")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["author", "decided_at"]), models.Index(fields=["unit", "decided_at"])]

    def __str__(self) -> str:
        return f"{_('Worry')} {self.pk}"


class RelayLog(models.Model):
    """With the guardians' consent (or the young person's own from 15) a worry becomes a relay log
    (stafettlogg) for the unit's team: agreed measures, evaluations, a named contact for the family.
    It follows the child when the child changes units (``Handover``)."""

    worry = models.OneToOneField(Worry, on_delete=models.CASCADE, related_name="relay_log", verbose_name=_("worry"))
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="relay_logs",
                             verbose_name=_("unit holding the log"))
    consent = models.ForeignKey("childplans.Consent", on_delete=models.PROTECT, related_name="relay_logs",
                                verbose_name=_("consent"))
    family_contact = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("contact for the family"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("relay log")
        verbose_name_plural = _("relay logs")

    def __str__(self) -> str:
        return f"{_('Relay log')} {self.pk}"


class LogMember(models.Model):
    """A person in the child's unit the log names: only they see it."""

    log = models.ForeignKey(RelayLog, on_delete=models.CASCADE, related_name="members", verbose_name=_("relay log"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="relay_logs",
                                   verbose_name=_("person"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("person in the relay log")
        verbose_name_plural = _("people in the relay log")
        constraints = [models.UniqueConstraint(fields=["log", "membership"], name="logmember_unique")]
        indexes = [models.Index(fields=["membership", "removed_at"])]

    def __str__(self) -> str:
        return str(self.membership)


class MeasureStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class Measure(models.Model):
    """An agreed measure with a responsible person and a date for its evaluation."""

    log = models.ForeignKey(RelayLog, on_delete=models.CASCADE, related_name="measures", verbose_name=_("relay log"))
    description = models.TextField(_("measure"))
    responsible = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("responsible"))
    evaluate_on = models.DateField(_("evaluate on"), db_index=True)
    agreed_with_guardians = models.BooleanField(_("agreed with the guardians"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=MeasureStatus.choices,
                              default=MeasureStatus.ONGOING)
    created_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["evaluate_on", "pk"]

    def __str__(self) -> str:
        # Never the text (child data): printed outside the log's own pages it shows only its number.
        return f"{_('Measure')} {self.pk}"


class Evaluation(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="evaluations",
                                verbose_name=_("measure"))
    evaluated_on = models.DateField(_("evaluated on"))
    outcome = models.TextField(_("how it went"))
    recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["evaluated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.evaluated_on}"


class LogEntry(models.Model):
    """What happened in the log, in plain Swedish: the relay log's own history."""

    log = models.ForeignKey(RelayLog, on_delete=models.CASCADE, related_name="entries", verbose_name=_("relay log"))
    at = models.DateTimeField(_("when"), auto_now_add=True)
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("by"))
    text = models.CharField(_("what happened"), max_length=300)

    class Meta:
        verbose_name = _("relay log entry")
        verbose_name_plural = _("relay log entries")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        label = _("Relay log entry")  # never the text: it is child data
        return f"{label} {self.pk}"


class ForumDecision(models.TextChoices):
    SIP = "sip", _("A coordinated individual plan (SIP)")
    ONE_SERVICE = "one_service", _("Support from one service")
    REPORT = "report", _("A report of concern")
    NO_ACTION = "no_action", _("No action")


class AgeBand(models.TextChoices):
    INFANT = "0-2", _("0–2 years")
    PRESCHOOL = "3-5", _("3–5 years")
    YOUNG = "6-9", _("6–9 years")
    MIDDLE = "10-12", _("10–12 years")
    TEEN = "13-15", _("13–15 years")
    YOUTH = "16-18", _("16–18 years")


class ForumRequest(models.Model):
    """A unit brings a child's matter to a joint forum (Network of kind forum). Until a consent
    names every unit of the forum, the forum sees only the anonymous summary."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the forum")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    forum = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="forum_requests",
                              verbose_name=_("forum"))
    worry = models.ForeignKey(Worry, on_delete=models.PROTECT, related_name="forum_requests", verbose_name=_("worry"))
    requesting_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+",
                                        verbose_name=_("requesting unit"))
    requested_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    consent = models.ForeignKey("childplans.Consent", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="forum_requests", verbose_name=_("consent"))
    age_band = models.CharField(_("age"), max_length=5, choices=AgeBand.choices)
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("area"))
    needs = models.JSONField(_("kind of need"), default=list, blank=True)
    question = models.TextField(_("what the unit asks of the forum"))
    meeting = models.ForeignKey("networks.NetworkMeeting", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="forum_requests", verbose_name=_("meeting"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    decision = models.CharField(_("decision"), max_length=15, choices=ForumDecision.choices, blank=True)
    decision_reason = models.TextField(_("reasons"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    lead = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("SIP coordinator"))
    plan = models.ForeignKey("childplans.CoordinatedPlan", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="forum_requests", verbose_name=_("plan"))
    service_contact = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("contact in the service"))
    tell_by = models.DateField(_("to be told by"), null=True, blank=True, db_index=True)
    requester_told_at = models.DateTimeField(_("requesting unit told"), null=True, blank=True)
    family_told_at = models.DateTimeField(_("family told"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    PERSONAL_DATA = {"personal": ["worry"], "sensitive": ["question", "decision_reason", "needs"], **CHILD_DATA}

    class Meta:
        verbose_name = _("request to a forum")
        verbose_name_plural = _("requests to a forum")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["forum", "status"]), models.Index(fields=["decided_at"])]

    def __str__(self) -> str:
        return f"{_('Request')} {self.pk}"


class Handover(models.Model):
    """The relay log handed to a receiving unit with the guardians' consent; the receiving unit
    confirms it and the giving unit's access ends."""

    log = models.ForeignKey(RelayLog, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("relay log"))
    from_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("giving unit"))
    to_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("receiving unit"))
    recipient = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("recipient"))
    consent = models.ForeignKey("childplans.Consent", on_delete=models.PROTECT, related_name="handovers",
                                verbose_name=_("consent"))
    note = models.TextField(_("what the receiving unit should know"), blank=True)
    offered_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("handed over by"))
    offered_at = models.DateTimeField(_("handed over at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-offered_at"]
        indexes = [models.Index(fields=["recipient", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{_('Handover')} {self.pk}"

    @property
    def pending(self) -> bool:
        return self.confirmed_at is None and self.cancelled_at is None
