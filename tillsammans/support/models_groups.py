"""Parent groups of a programme: sessions with dates and places, parents' sign-ups with a waitlist,
attendance, an anonymous evaluation, and the pool of certified group leaders."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillsammans.support.languages import CHOICES as LANGUAGE_CHOICES


def new_token() -> str:
    return secrets.token_urlsafe(24)


class LeaderStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested (recruiting)")
    IN_TRAINING = "in_training", _("In training")
    CERTIFIED = "certified", _("Certified")
    PAUSED = "paused", _("Paused")


class GroupLeader(models.Model):
    """A professional who leads parent groups; a contact (perhaps without a login) at their unit."""

    contact = models.OneToOneField("accounts.Contact", on_delete=models.PROTECT, related_name="group_leader",
                                   verbose_name=_("contact"))
    available_next_term = models.BooleanField(_("available next term"), default=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group leader")
        verbose_name_plural = _("group leaders")
        ordering = ["contact__name"]

    def __str__(self) -> str:
        return self.contact.name


class LeaderProgramme(models.Model):
    """A leader's standing in one programme: recruited, in training, certified (with the date)."""

    leader = models.ForeignKey(GroupLeader, on_delete=models.CASCADE, related_name="programmes",
                               verbose_name=_("group leader"))
    programme = models.ForeignKey("support.Programme", on_delete=models.PROTECT, related_name="leaders",
                                  verbose_name=_("programme"))
    status = models.CharField(_("status"), max_length=12, choices=LeaderStatus.choices)
    since = models.DateField(_("since"))
    certified_on = models.DateField(_("certified on"), null=True, blank=True)

    class Meta:
        verbose_name = _("group leader's programme")
        verbose_name_plural = _("group leaders' programmes")
        constraints = [models.UniqueConstraint(fields=["leader", "programme"], name="leader_programme_once")]

    def __str__(self) -> str:
        return f"{self.leader_id}: {self.programme_id} ({self.status})"


class ParentGroup(models.Model):
    """One group of a programme, shown on its offer's public page, where parents sign up."""

    offer = models.ForeignKey("support.Offer", on_delete=models.PROTECT, related_name="groups",
                              verbose_name=_("offer"))
    programme = models.ForeignKey("support.Programme", on_delete=models.PROTECT, related_name="groups",
                                  verbose_name=_("programme"))
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="parent_groups",
                             verbose_name=_("area"))
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="sv")
    childcare = models.BooleanField(_("childcare during the sessions"), default=False)
    capacity = models.PositiveSmallIntegerField(_("places"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=300)
    signup_open = models.BooleanField(_("open for sign-up"), default=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    leaders = models.ManyToManyField(GroupLeader, blank=True, related_name="groups", verbose_name=_("leaders"))
    organisers = models.ManyToManyField("accounts.Membership", related_name="parent_groups",
                                        verbose_name=_("organisers"))
    data_removed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("parent group")
        verbose_name_plural = _("parent groups")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["area", "starts_on"]), models.Index(fields=["programme", "starts_on"]),
                   models.Index(fields=["ends_on", "data_removed"])]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="group_ends_after_start")]

    def __str__(self) -> str:
        return self.name


class GroupSession(models.Model):
    group = models.ForeignKey(ParentGroup, on_delete=models.CASCADE, related_name="sessions",
                              verbose_name=_("group"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True,
                             help_text=_("Leave empty if it is the group's usual place."))
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["group", "starts_at"]), models.Index(fields=["starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="session_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.starts_at:%Y-%m-%d}"


class ParticipantStatus(models.TextChoices):
    REGISTERED = "registered", _("Has a place")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE = (ParticipantStatus.REGISTERED, ParticipantStatus.WAITLISTED)


class RemindBy(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")


class Participant(models.Model):
    """A parent's place (or waitlist place) in a group: only what is needed to run the group."""

    group = models.ForeignKey(ParentGroup, on_delete=models.CASCADE, related_name="participants",
                              verbose_name=_("group"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    age_band = models.CharField(_("children's age"), max_length=10)
    remind_by = models.CharField(_("reminders by"), max_length=5, choices=RemindBy.choices, default=RemindBy.EMAIL)
    language = models.CharField(_("language of messages"), max_length=8, default="sv",
                                help_text=_("The language the parent signed up in; messages are written in it."))
    status = models.CharField(_("status"), max_length=12, choices=ParticipantStatus.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    signed_up_by = models.ForeignKey("accounts.Membership", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("signed up by"))
    completed = models.BooleanField(_("completed"), default=False, editable=False)
    feedback_given = models.BooleanField(default=False, editable=False)
    data_removed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_DATA = {
        "personal": ["name", "email", "phone", "age_band", "language"],
        "sensitive": [],
        "retention": "SUPPORT_PARTICIPANT_RETENTION_DAYS after the group's last day",
        "archived": False,
    }

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["group", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["group", "email"], condition=~Q(status="cancelled") & ~Q(email=""),
                                    name="participant_one_active_per_email"),
            models.UniqueConstraint(fields=["group", "phone"], condition=~Q(status="cancelled") & ~Q(phone=""),
                                    name="participant_one_active_per_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.group_id}"

    @property
    def display_name(self) -> str:
        return self.name or str(_("Participant (details removed)"))


class Attendance(models.Model):
    """A parent was present at a session (a row exists only for those present)."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("session"))
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="attendance",
                                    verbose_name=_("participant"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["session", "participant"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.participant_id}"


class Evaluation(models.Model):
    """One anonymous evaluation at the end of a group: no person, no sign-up, only the day."""

    group = models.ForeignKey(ParentGroup, on_delete=models.CASCADE, related_name="evaluations",
                              verbose_name=_("group"))
    rating = models.PositiveSmallIntegerField(_("overall rating (1–5)"))
    helped = models.PositiveSmallIntegerField(_("helped me as a parent (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    answered_on = models.DateField(_("answered on"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_5"),
            models.CheckConstraint(condition=Q(helped__gte=1, helped__lte=5), name="evaluation_helped_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.rating}/5"
