"""Reports of concern (orosanmälan) and the intake's settings.

A report is child data: it is read only through the access rules (``childplans.rules``, rule (d):
intake for the reports routed to its municipality; the reporter sees the receipt and the feedback
only), and every read writes an access event. Who reported never reaches the family
(``concerns.disclosure``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Who reports, for the statistics (from the reporter's unit type, or chosen in the public form)."""

    PRESCHOOL = "preschool", _("Preschool")
    SCHOOL = "school", _("School and pupil health")
    HEALTH = "health", _("Health care and dental care")
    SOCIAL = "social", _("Social services")
    POLICE = "police", _("Police")
    CIVIL = "civil", _("Civil society and leisure")
    OTHER_AUTHORITY = "other_authority", _("Other authority")
    RELATIVE = "relative", _("Relative or family")
    PRIVATE = "private", _("Other private person")
    ANONYMOUS = "anonymous", _("Anonymous")


class Urgency(models.TextChoices):
    ACUTE = "acute", _("Acute – the child may be in danger now")
    SOON = "soon", _("Urgent – within a day")
    NORMAL = "normal", _("Not urgent")


class FamilyInformed(models.TextChoices):
    YES = "yes", _("Yes, the guardians know that I report")
    NO = "no", _("No")
    NOT_SAFE = "not_safe", _("No – telling them could put the child at risk")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Awaiting protection assessment")
    ASSESSED = "assessed", _("Protection assessed, awaiting decision")
    DECIDED = "decided", _("Decided")


PENDING = (~Q(status=ReportStatus.DECIDED) | Q(assessed_at__isnull=True) | Q(decided_at__isnull=True)
           | Q(reporter__isnull=False, feedback_at__isnull=True))
"""A report the intake still works on or owes the reporter feedback: every report the queue's open,
received, assessed, overdue and feedback lists can hold (the index ``concern_pending_idx``)."""


class Decision(models.TextChoices):
    OPENED = "opened", _("An investigation is opened")
    NOT_OPENED = "not_opened", _("No investigation is opened")
    ONGOING = "ongoing", _("An investigation is already ongoing")


class ConcernReport(models.Model):
    """One report about one child, routed to one municipality's intake."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    municipality = models.ForeignKey("organisations.Principal", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipality"))
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("area"),
                             help_text=_("Where the child lives or stays, for the statistics."))
    routed_by = models.CharField(_("routed by"), max_length=20, blank=True)
    received_at = models.DateTimeField(_("received"), db_index=True)
    public = models.BooleanField(_("sent through the public form"), default=False)

    # The child. The number links to the child register only when the child is already in it.
    child = models.ForeignKey("childplans.Child", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="concern_reports", verbose_name=_("child"))
    child_number = models.CharField(_("personal identity number"), max_length=12, blank=True)
    child_name = models.CharField(_("the child's name"), max_length=200, blank=True)
    child_age = models.PositiveSmallIntegerField(_("the child's age"), null=True, blank=True)
    child_address = models.CharField(_("the child's address"), max_length=300, blank=True)
    child_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("the child's preschool or school"))
    guardians = models.TextField(_("guardians"), blank=True)

    # What the reporter saw, heard or was told.
    observations = models.TextField(_("what you have seen, heard or been told, and when"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    family_informed = models.CharField(_("the family was told"), max_length=10, choices=FamilyInformed.choices,
                                       default=FamilyInformed.NO)
    interpreter = models.CharField(_("interpreter needed (language)"), max_length=100, blank=True)

    # The reporter: a professional in a membership, or a private person (may be anonymous).
    reporter = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("reported by"))
    reporter_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name=_("reporter's unit"))
    reporter_sector = models.CharField(_("reporting sector"), max_length=20, choices=Sector.choices,
                                       db_index=True)
    reporter_name = models.CharField(_("reporter's name"), max_length=200, blank=True)
    reporter_role = models.CharField(_("reporter's role"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=40, blank=True)
    reporter_email = models.EmailField(_("reporter's e-mail"), blank=True)

    # The intake's work, with the deadlines the report was received with.
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices,
                              default=ReportStatus.RECEIVED, db_index=True)
    assessment_due_at = models.DateTimeField(_("protection assessment due"))
    decision_due_on = models.DateField(_("decision due"))
    assessed_at = models.DateTimeField(_("protection assessed"), null=True, blank=True)
    assessed_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("assessed by"))
    assessment = models.TextField(_("protection assessment"), blank=True)
    needs_protection = models.BooleanField(_("the child needs immediate protection"), default=False)
    violence_suspected = models.BooleanField(_("violence or abuse suspected"), default=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("grounds for the decision"), blank=True)
    extension_reason = models.TextField(_("exceptional reasons for the extension"), blank=True)
    extended_at = models.DateTimeField(_("extended"), null=True, blank=True)
    extended_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("extended by"))
    feedback_due_on = models.DateField(_("feedback due"), null=True, blank=True)
    feedback_at = models.DateTimeField(_("feedback given"), null=True, blank=True)
    sip_told_at = models.DateTimeField(_("the SIP's participants were told"), null=True, blank=True)
    forwarded_from = models.ForeignKey("organisations.Principal", on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="+", verbose_name=_("sent on from"))
    forward_reason = models.TextField(_("why it was sent on"), blank=True)

    PERSONAL_DATA = {
        "personal": ["child_number", "child_name", "child_age", "child_address", "guardians", "observations",
                     "reporter_name", "reporter_role", "reporter_phone", "reporter_email"],
        "sensitive": ["observations", "assessment", "decision_reason", "needs_protection", "violence_suspected"],
        "never_to_family": ["reporter", "reporter_unit", "reporter_name", "reporter_role", "reporter_phone",
                            "reporter_email", "reporter_sector"],
        "retention": "social_services_case_rules",
        "archived": True,
    }

    class Meta:
        verbose_name = _("report of concern")
        verbose_name_plural = _("reports of concern")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status", "assessment_due_at"]),
                   models.Index(fields=["municipality", "decision_due_on"]),
                   models.Index(fields=["reporter", "received_at"]),
                   # The intake's working set: what is not decided, or still owes the reporter
                   # feedback. The queue's open and overdue lists are counted and sorted from this
                   # index alone (PostgreSQL: an index-only scan), so their first query reads the
                   # reports still in work, not every report the municipality ever received.
                   models.Index(fields=["municipality"], name="concern_pending_idx",
                                include=["status", "assessed_at", "assessment_due_at", "decided_at",
                                         "decision_due_on", "reporter", "feedback_at", "feedback_due_on",
                                         "received_at", "id"],
                                condition=PENDING)]
        constraints = [models.CheckConstraint(
            condition=Q(public=True) | Q(reporter__isnull=False), name="concernreport_professional_named")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_professional(self) -> bool:
        return self.reporter_id is not None

    @property
    def assessment_overdue(self) -> bool:
        return self.assessed_at is None and timezone.now() > self.assessment_due_at

    @property
    def decision_overdue(self) -> bool:
        return self.decided_at is None and timezone.localdate() > self.decision_due_on

    @property
    def feedback_overdue(self) -> bool:
        return (self.is_professional and self.feedback_at is None and self.feedback_due_on is not None
                and timezone.localdate() > self.feedback_due_on)


class IntakeSettings(models.Model):
    """A municipality's choices for its intake: its intake changes them on its own page
    (``concerns:settings``), system administrators in the admin for any municipality."""

    municipality = models.OneToOneField("organisations.Principal", on_delete=models.CASCADE,
                                        related_name="intake_settings", verbose_name=_("municipality"))
    show_sip = models.BooleanField(
        _("intake may see whether the child has a coordinated plan (SIP) and its SIP coordinator"),
        default=False,
        help_text=_("Off by default. When on, the report's page tells intake whether the child has a SIP and "
                    "who leads it, so that intake can choose to tell the plan's participants. The plan "
                    "itself stays closed to intake."))
    intake_email = models.EmailField(
        _("the intake team's shared e-mail"), blank=True,
        help_text=_("Reminders of deadlines go here as well as to every person with the intake role."))

    class Meta:
        verbose_name = _("intake settings")
        verbose_name_plural = _("intake settings")

    def __str__(self) -> str:
        return str(self.municipality)
