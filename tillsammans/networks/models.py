"""Networks (barnhälsonätverk, NOSAM, steering groups, …), their members, terms, meetings, themes,
minutes and follow-up actions. Structural level: no child is identifiable here."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NetworkKind(models.TextChoices):
    CHILD_HEALTH = "child_health", _("Child-health network")
    NOSAM = "nosam", _("NOSAM")
    STEERING = "steering", _("Steering group")
    TACTICAL = "tactical", _("Tactical group")
    PROCESS = "process", _("Process team")
    WORKING = "working", _("Working group")
    FORUM = "forum", _("Joint forum (En dörr in, resource team)")
    OTHER = "other", _("Other")


class Network(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="networks",
                             verbose_name=_("area"))
    purpose = models.TextField(_("purpose"), blank=True)
    convener = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="convened_networks",
                                 verbose_name=_("convener"))
    chair = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="chaired_networks", verbose_name=_("chair"))
    meetings_per_term = models.PositiveSmallIntegerField(_("meetings per term"), default=2)
    usual_minutes = models.PositiveSmallIntegerField(_("usual length (minutes)"), default=150)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    valid_to = models.DateField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        indexes = [models.Index(fields=["area", "kind"])]

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    """A member unit with one contact person: a user's membership or a contact without login."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members", verbose_name=_("network"))
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="network_memberships",
                             verbose_name=_("unit"))
    contact_membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="+", verbose_name=_("contact person"))
    contact = models.ForeignKey("accounts.Contact", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("contact person without login"))
    joined_at = models.DateField(_("joined at"), auto_now_add=True)
    left_at = models.DateField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [models.UniqueConstraint(fields=["network", "unit"], name="networkmember_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} in {self.network_id}"

    @property
    def contact_name(self) -> str:
        if self.contact_membership_id:
            return self.contact_membership.user.get_full_name()
        return self.contact.name if self.contact_id else ""

    @property
    def contact_email(self) -> str:
        if self.contact_membership_id:
            return self.contact_membership.user.email
        return self.contact.email if self.contact_id else ""


class Theme(models.Model):
    """A managed catalogue of meeting themes (barnfattigdom, skolfrånvaro, …), extendable."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkMeeting(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("network"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place or video link"), max_length=300)
    themes = models.ManyToManyField(Theme, blank=True, related_name="meetings", verbose_name=_("themes"))
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    sequence = models.PositiveIntegerField(_("invitation sequence number"), default=0)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["network", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="networkmeeting_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.network} {self.starts_at:%Y-%m-%d}"


class Attendance(models.Model):
    """A member's answer to the invitation (in the page) and whether they were present."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Not answered")
        ACCEPTED = "accepted", _("Coming")
        DECLINED = "declined", _("Not coming")

    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("meeting"))
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+", verbose_name=_("member"))
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices, default=Response.PENDING)
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.member_id} {'✓' if self.present else '–'}"


class ActionItem(models.Model):
    """A follow-up action owned by a person with a login (a membership) or by a member unit's
    contact person without one (a ``Contact``), who is reminded by e-mail all the same."""

    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="actions",
                                verbose_name=_("meeting"))
    text = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+", null=True,
                              blank=True, verbose_name=_("owner"))
    owner_contact = models.ForeignKey("accounts.Contact", on_delete=models.PROTECT, related_name="+", null=True,
                                      blank=True, verbose_name=_("owner without login"))
    due = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due"]
        indexes = [models.Index(fields=["due", "done_at"])]
        constraints = [models.CheckConstraint(
            condition=Q(owner__isnull=False, owner_contact__isnull=True)
            | Q(owner__isnull=True, owner_contact__isnull=False), name="actionitem_one_owner")]

    def __str__(self) -> str:
        return self.text

    @property
    def owner_name(self) -> str:
        return self.owner.user.get_full_name() if self.owner_id else self.owner_contact.name

    @property
    def owner_unit(self) -> str:
        return self.owner.unit.name if self.owner_id else self.owner_contact.unit.name

    @property
    def owner_email(self) -> str:
        return self.owner.user.email if self.owner_id else self.owner_contact.email


class TextRefusal(models.Model):
    """A refused agenda or minutes text, recorded without the text itself."""

    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("membership"))
    field = models.CharField(_("field"), max_length=20)
    kinds = models.JSONField(_("kinds of personal data found"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("refused text")
        verbose_name_plural = _("refused texts")

    def __str__(self) -> str:
        return f"{self.field}: {', '.join(self.kinds)}"


class CalendarFeed(models.Model):
    """A personal calendar address with a secret token, revocable. Network meetings only: no
    child data ever leaves the logged-in pages."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="calendar_feeds",
                             verbose_name=_("user"))
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed {self.user_id}"


class SchoolTerm(models.Model):
    """A municipality's own term dates; without one, VT January–June and HT August–December."""

    municipality = models.ForeignKey("organisations.Principal", on_delete=models.CASCADE, related_name="terms",
                                     verbose_name=_("municipality"))
    kind = models.CharField(_("term"), max_length=2, choices=[("VT", "VT"), ("HT", "HT")])
    year = models.PositiveSmallIntegerField(_("year"))
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("school term")
        verbose_name_plural = _("school terms")
        constraints = [models.UniqueConstraint(fields=["municipality", "kind", "year"], name="schoolterm_unique"),
                       models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="schoolterm_range")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} {self.municipality}"
