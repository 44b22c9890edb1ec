"""Children, guardians, consent and coordinated individual plans (SIP).

Access to everything here follows ``childplans.policies``/``selectors``: consent, participation
and emergency access – never a menu being hidden. Every read is written to the access log.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.core.identity import display


class Child(models.Model):
    """A child exists once, identified by a personal identity or coordination number."""

    personal_number = models.CharField(_("personal identity number"), max_length=12, unique=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    protected_identity = models.BooleanField(
        _("protected identity"), default=False,
        help_text=_("Skyddade personuppgifter: name and address are hidden and a marker is shown."))
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("the young person's own e-mail"), blank=True,
                              help_text=_("For invitations to SIP meetings; shown through the display rules."))
    units = models.ManyToManyField("organisations.Unit", blank=True, related_name="children_enrolled",
                                   verbose_name=_("preschool, school, child health centre"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    PERSONAL_DATA = {
        "personal": ["personal_number", "first_name", "last_name", "street", "postal_code", "city", "email"],
        "sensitive": ["protected_identity"],
        "retention": "plan_closed_plus_5_years",
        "archived": True,
    }

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self) -> str:
        return f"{_('Child')} {self.pk}"

    @property
    def number_display(self) -> str:
        return display(self.personal_number)

    @property
    def age(self) -> int:
        from tillsammans.core.identity import age

        return age(self.personal_number)


class Guardian(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="guardians",
                              verbose_name=_("child"))
    name = models.CharField(_("name"), max_length=200)
    personal_number = models.CharField(_("personal identity number"), max_length=12, blank=True)
    has_custody = models.BooleanField(_("has custody"), default=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    protected_identity = models.BooleanField(
        _("protected identity"), default=False,
        help_text=_("The guardian's own skyddade personuppgifter: name, contact details and address "
                    "are hidden from everyone but the SIP coordinator."))

    PERSONAL_DATA = {
        "personal": ["name", "personal_number", "phone", "email", "street", "postal_code", "city"],
        "sensitive": ["protected_identity"],
        "retention": "plan_closed_plus_5_years",
        "archived": True,
    }

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        ordering = ["pk"]

    def __str__(self) -> str:
        # Never the name: forms and logs that print a guardian go through core.identity.shown().
        return f"{_('Guardian')} {self.pk}"


class InformationCategory(models.Model):
    """A short, managed list: health and care, school and learning, family and social, …"""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    class Meta:
        verbose_name = _("information category")
        verbose_name_plural = _("information categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    NEED_FOUND = "need_found", _("Need found")
    PREPARING = "preparing", _("Preparing")
    INVITED = "invited", _("Invited")
    MEETING = "meeting", _("SIP meeting")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    NO_CONSENT = "no_consent", _("No consent")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")


class CoordinatedPlan(models.Model):
    """One coordinated individual plan (SIP) per child."""

    child = models.OneToOneField(Child, on_delete=models.PROTECT, related_name="plan",
                                 verbose_name=_("child"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices,
                              default=PlanStatus.NEED_FOUND, db_index=True)
    reason = models.TextField(_("why a coordinated plan is needed"), blank=True)
    lead_membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT,
                                        related_name="led_plans", verbose_name=_("SIP coordinator"))
    lead_principal = models.ForeignKey("organisations.Principal", on_delete=models.PROTECT,
                                       null=True, blank=True, related_name="plans_responsible",
                                       verbose_name=_("principal with overall responsibility"))
    gdpr_basis = models.CharField(
        _("GDPR legal basis"), max_length=200, blank=True,
        default="Art. 6.1 e och 9.2 h dataskyddsförordningen",
        help_text=_("Recorded apart from the consent that lifts secrecy."))
    closed_reason = models.CharField(_("reason for closing"), max_length=300, blank=True)
    childs_view = models.TextField(_("what is important to the child"), blank=True)
    guardians_view = models.TextField(_("the guardians' views"), blank=True)
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True, db_index=True)
    follow_up_owner = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True,
                                        blank=True, related_name="+", verbose_name=_("follow-up owner"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("coordinated plan")
        verbose_name_plural = _("coordinated plans")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"SIP {self.pk}"


class Participant(models.Model):
    """Taking part in a plan: a separate grant pointing at a staff membership."""

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="participants",
                             verbose_name=_("plan"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT,
                                   related_name="plan_participations", verbose_name=_("person"))
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["plan", "membership"],
                                               name="participant_unique")]
        indexes = [models.Index(fields=["membership", "removed_at"])]

    def __str__(self) -> str:
        return str(self.membership)


def one_year_from_today():
    return timezone.localdate() + timedelta(days=365)


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral, documented")
    EID = "eid", _("Signed with e-ID by the family")


class ConsentGiver(models.TextChoices):
    GUARDIANS = "guardians", _("The guardians with custody")
    YOUNG_PERSON = "young_person", _("The young person (15 or older) themselves")


class ConsentPurpose(models.TextChoices):
    SIP = "sip", _("Coordinated individual plan (SIP)")
    RELAY_LOG = "relay_log", _("Relay log in the child's own unit")
    FORUM = "forum", _("Request to a joint forum")
    HANDOVER = "handover", _("Handover to another unit")


class Consent(models.Model):
    """Consent about one child: named receiving units × categories × period × purpose, per guardian –
    or the young person's own consent from 15, where the law allows it (ADR 0009). A consent for a
    plan has the plan; one for the pathway (relay log, forum, handover) has none until a forum opens
    a plan with it (ADR 0023)."""

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="consents", verbose_name=_("plan"),
                             null=True, blank=True)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="consents", verbose_name=_("child"),
                              null=True, blank=True)
    purpose = models.CharField(_("purpose"), max_length=12, choices=ConsentPurpose.choices,
                               default=ConsentPurpose.SIP)
    receiving_units = models.ManyToManyField("organisations.Unit", related_name="consents",
                                             verbose_name=_("receiving units"))
    categories = models.ManyToManyField(InformationCategory, verbose_name=_("categories of information"))
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_to = models.DateField(_("valid to"), default=one_year_from_today)
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices,
                            default=ConsentForm.WRITTEN)
    recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"),
                                    help_text=_("Empty: given by the family themselves with e-ID."))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    child_view = models.TextField(_("the child's own view"), blank=True)
    child_heard_how = models.CharField(_("how the child was heard"), max_length=300, blank=True)
    given_by = models.CharField(_("given by"), max_length=15, choices=ConsentGiver.choices,
                                default=ConsentGiver.GUARDIANS)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at"]
        constraints = [models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")),
                                              name="consent_valid_range")]

    def __str__(self) -> str:
        return f"{_('Consent')} {self.pk}"


class ConsentGrant(models.Model):
    """One guardian's (or, without a guardian, the young person's own) consent for one receiving
    unit; withdrawn at any time, history kept."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="grants", verbose_name=_("consent"))
    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, related_name="grants", verbose_name=_("guardian"),
                                 null=True, blank=True, help_text=_("Empty: the young person's own consent."))
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT,
                                               null=True, blank=True, related_name="+",
                                                   verbose_name=_("withdrawal recorded by"))

    class Meta:
        verbose_name = _("consent per unit")
        verbose_name_plural = _("consents per unit")
        constraints = [models.UniqueConstraint(fields=["consent", "guardian", "unit"],
                                               name="consentgrant_unique")]
        indexes = [models.Index(fields=["unit", "withdrawn_at"])]

    def __str__(self) -> str:
        who = str(self.guardian) if self.guardian_id else _("the young person")
        return f"{who} → {_('unit')} {self.unit_id}"


class LegalGround(models.TextChoices):
    OSL_10_2 = "osl_10_2", _("OSL 10 kap. 2 § – necessary for the agency's own work")
    OSL_10_28 = "osl_10_28", _("OSL 10 kap. 28 § – a duty to provide information laid down in law")
    EMERGENCY = "emergency", _("Emergency – danger to the child's life or health")


class EmergencyAccess(models.Model):
    """Access without consent: chosen legal ground, written reason, logged, flagged, time-limited."""

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="emergency",
                             verbose_name=_("plan"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("membership"))
    legal_ground = models.CharField(_("legal ground"), max_length=20, choices=LegalGround.choices)
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    confirm_by = models.DateTimeField(_("to be confirmed by"), null=True, blank=True,
                                      help_text=_("Granted at + EMERGENCY_CONFIRM_HOURS."))
    confirmed_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="+", verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmation_note = models.TextField(_("the confirmer's assessment"), blank=True)
    unconfirmed_flagged_at = models.DateTimeField(
        _("flagged as unconfirmed"), null=True, blank=True,
        help_text=_("Set when nobody confirmed the access in time; shown in the log review."))
    follows_withdrawal = models.BooleanField(
        _("within 30 days of a withdrawal for this unit"), default=False,
        help_text=_("A guardian withdrew consent for the unit that then declared an emergency."))

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["membership", "expires_at"]),
                   models.Index(fields=["confirmed_at", "confirm_by"])]

    def __str__(self) -> str:
        return f"{self.get_legal_ground_display()} ({self.expires_at:%Y-%m-%d %H:%M})"

    @property
    def unconfirmed(self) -> bool:
        """Nobody confirmed it in time (or the time is not yet out: see ``awaiting_confirmation``)."""
        return self.confirmed_at is None and self.confirm_by is not None and timezone.now() > self.confirm_by

    @property
    def awaiting_confirmation(self) -> bool:
        return self.confirmed_at is None and not self.unconfirmed


class AccessRequest(models.Model):
    """A professional asked to start a plan for a child who already has one they cannot see."""

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="access_requests",
                             verbose_name=_("plan"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("membership"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")

    def __str__(self) -> str:
        return f"{self.membership} → SIP {self.plan_id}"


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Goal(models.Model):
    """An evaluable goal, in the child's words where possible, tagged with wellbeing indicators."""

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    text = models.TextField(_("goal"))
    childs_own = models.BooleanField(_("the child's own goal"), default=False)
    indicators = models.JSONField(_("wellbeing indicators"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pk"]

    def __str__(self) -> str:
        # Never the text (child data): the admin or a log that prints a goal shows only its number.
        return f"{_('Goal')} {self.pk}"


class Intervention(models.Model):
    """Which principal provides what (SoL 2 kap. 7 §, HSL 16 kap. 4 §), or what others will do."""

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="interventions",
                             verbose_name=_("plan"))
    description = models.TextField(_("intervention"))
    principal = models.ForeignKey("organisations.Principal", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+", verbose_name=_("provided by principal"))
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("responsible unit"))
    other_actor = models.CharField(_("or provided by others (civil society, …)"), max_length=200,
                                   blank=True)
    responsible_membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("responsible participant"))
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True,
                                          help_text=_("For someone who does not take part in the plan."))
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=InterventionStatus.choices,
                              default=InterventionStatus.PLANNED)
    indicators = models.JSONField(_("wellbeing indicators"), default=list, blank=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{_('Intervention')} {self.pk}"


class WellbeingAssessment(models.Model):
    """Ratings 1–5 on the eight indicators, at the start and at each follow-up."""

    class By(models.TextChoices):
        PROFESSIONALS = "professionals", _("The professionals")
        CHILD = "child", _("The child")
        GUARDIAN = "guardian", _("A guardian")

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="assessments",
                             verbose_name=_("plan"))
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    by = models.CharField(_("rated by"), max_length=15, choices=By.choices, default=By.PROFESSIONALS)
    ratings = models.JSONField(_("ratings"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                    null=True, blank=True, verbose_name=_("recorded by"),
                                    help_text=_("Empty: rated by the child or a guardian themselves with e-ID."))

    class Meta:
        verbose_name = _("wellbeing assessment")
        verbose_name_plural = _("wellbeing assessments")
        ordering = ["assessed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.assessed_on} ({self.get_by_display()})"


class PlanVersion(models.Model):
    """Every change to a plan is a version: a snapshot of what the plan says at that moment."""

    plan = models.ForeignKey(CoordinatedPlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    note = models.CharField(_("what changed"), max_length=200)
    created_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   null=True, blank=True, verbose_name=_("created by"),
                                   help_text=_("Empty: a change the family made themselves with e-ID."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique")]

    def __str__(self) -> str:
        return f"SIP {self.plan_id} v{self.number}"


class Confirmation(models.Model):
    """A participant confirms a version of the plan."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="confirmations",
                                verbose_name=_("version"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("membership"))
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("confirmation")
        verbose_name_plural = _("confirmations")
        constraints = [models.UniqueConstraint(fields=["version", "membership"], name="confirmation_unique")]

    def __str__(self) -> str:
        return f"{self.membership_id} ✓ {self.version}"


from tillsammans.childplans.models_meetings import MeetingInvitation, PlanMeeting  # noqa: E402,F401
from tillsammans.childplans.models_records import MeetingRecord  # noqa: E402,F401
from tillsammans.childplans.models_voice import Objection, YoungPersonRequest  # noqa: E402,F401
