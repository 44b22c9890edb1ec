"""Knowledge events: breakfast series, competence days, courses; registrations with a waitlist;
attendance; competence goals per role and area; anonymous feedback.

Structural level: no child is identifiable here. Guests' personal details are deleted a
configurable time after the event (``EVENTS_GUEST_RETENTION_DAYS``).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.accounts.roles import Role


class EventKind(models.TextChoices):
    BREAKFAST = "breakfast", _("Breakfast meeting")
    COMPETENCE_DAY = "competence_day", _("Competence day")
    COURSE = "course", _("Course")
    STUDY_VISIT = "study_visit", _("Study visit")
    WORKSHOP = "workshop", _("Workshop")
    LECTURE = "lecture", _("Lecture")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Course(models.Model):
    """A course whose completion can be required of roles in areas (e.g. the basic FCA course)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    validity_years = models.PositiveSmallIntegerField(
        _("valid for (years)"), null=True, blank=True,
        help_text=_("Leave empty if the course never needs to be refreshed."))
    active = models.BooleanField(_("active"), default=True)
    sub_goal_number = models.CharField(
        _("follows up sub-goal"), max_length=20, blank=True,
        help_text=_("The number of the action plans' sub-goal whose follow-up shows this course's coverage, "
                    "e.g. 7.3.1."))

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventSeries(models.Model):
    """A series of occasions, e.g. breakfast meetings where one agency at a time presents itself."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.BREAKFAST)
    description = models.TextField(_("description"), blank=True)
    organisers = models.ManyToManyField("accounts.Membership", related_name="event_series",
                                        verbose_name=_("organisers"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())

    def open_to_guests(self):
        return self.filter(open_to_guests=True, cancelled=False)


class Event(models.Model):
    """One occasion: a breakfast meeting in a series, a course day, a study visit."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    series = models.ForeignKey(EventSeries, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="events", verbose_name=_("series"))
    presenting_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="presented_events", verbose_name=_("presenting unit"))
    course = models.ForeignKey(Course, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
                               verbose_name=_("course completed by attending"))
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    accessibility = models.CharField(_("accessibility at the place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    registration_deadline = models.DateTimeField(_("last day to register"), null=True, blank=True)
    open_to_guests = models.BooleanField(_("open to external guests"), default=False)
    audience_roles = models.JSONField(_("audience (roles)"), default=list, blank=True)
    audience_areas = models.ManyToManyField("organisations.Area", blank=True, related_name="events",
                                            verbose_name=_("audience (areas)"))
    organisers = models.ManyToManyField("accounts.Membership", related_name="organised_events",
                                        verbose_name=_("organisers"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["open_to_guests", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="event_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def uid(self) -> str:
        return f"event-{self.pk}@tillsammans"

    def audience_role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels[r]) for r in self.audience_roles if r in labels]

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.cancelled or self.starts_at <= now:
            return False
        return self.registration_deadline is None or now <= self.registration_deadline


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


class Registration(models.Model):
    """A staff member's or an external guest's place (or waitlist place) at an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations",
                              verbose_name=_("event"))
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="event_registrations", verbose_name=_("person"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("as"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    is_guest = models.BooleanField(_("external guest"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    feedback_given = models.BooleanField(default=False, editable=False)
    guest_data_removed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_DATA = {
        "personal": ["name", "organisation", "email", "dietary", "accessibility_needs"],
        "sensitive": ["dietary", "accessibility_needs"],
        "retention": "guests: EVENTS_GUEST_RETENTION_DAYS after the event; staff: as the event",
        "archived": False,
    }

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], condition=~Q(status="cancelled") & Q(user__isnull=False),
                                    name="registration_one_active_per_person"),
            models.UniqueConstraint(fields=["event", "email"], condition=~Q(status="cancelled") & ~Q(email=""),
                                    name="registration_one_active_per_email"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.event}"

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        return self.name or str(_("Guest (details removed)"))

    @property
    def contact_email(self) -> str:
        return self.user.email if self.user_id else self.email


class Completion(models.Model):
    """A person has completed a course: from attendance, or registered by hand with evidence."""

    class Source(models.TextChoices):
        ATTENDANCE = "attendance", _("Attendance")
        MANUAL = "manual", _("Registered by hand")

    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="completions",
                             verbose_name=_("person"))
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions",
                               verbose_name=_("course"))
    completed_on = models.DateField(_("completed on"))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("event"))
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    registered_by = models.ForeignKey("accounts.Membership", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("registered by"))

    class Meta:
        verbose_name = _("completed course")
        verbose_name_plural = _("completed courses")
        ordering = ["-completed_on"]
        indexes = [models.Index(fields=["course", "user", "completed_on"])]
        constraints = [models.UniqueConstraint(fields=["user", "course", "completed_on"],
                                               name="completion_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user} – {self.course} ({self.completed_on})"


class CompetenceRequirement(models.Model):
    """A course required of a role, in an area (its sub-areas included) or everywhere."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="requirements",
                               verbose_name=_("course"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    area = models.ForeignKey("organisations.Area", on_delete=models.CASCADE, null=True, blank=True,
                             related_name="competence_requirements", verbose_name=_("area"),
                             help_text=_("Leave empty to require it everywhere."))

    class Meta:
        verbose_name = _("competence requirement")
        verbose_name_plural = _("competence requirements")
        constraints = [models.UniqueConstraint(fields=["course", "role", "area"],
                                               name="requirement_unique")]

    def __str__(self) -> str:
        return f"{self.course}: {self.get_role_display()}"


class FeedbackAnswer(models.Model):
    """One anonymous answer: no person, registration, address or time finer than the day."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback",
                              verbose_name=_("event"))
    rating = models.PositiveSmallIntegerField(_("overall rating (1–5)"))
    useful = models.PositiveSmallIntegerField(_("useful in my work (1–5)"))
    comment = models.TextField(_("comment"), blank=True)
    answered_on = models.DateField(_("answered on"))

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"),
            models.CheckConstraint(condition=Q(useful__gte=1, useful__lte=5), name="feedback_useful_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rating}/5"
