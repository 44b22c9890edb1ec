"""What the family does through their own door, beside what childplans already holds: each consent
act signed with e-ID, answers to meeting invitations, what the family wants to talk about, the
child's own words, and how the family wants to be told that something is new."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Who(models.TextChoices):
    GUARDIAN = "guardian", _("A guardian")
    CHILD = "child", _("The child or young person")


class FamilyAct(models.Model):
    """A consent act the family signed with e-ID: the method, the identity and the time."""

    class Act(models.TextChoices):
        GIVE = "give", _("Gave consent")
        JOIN = "join", _("Gave consent to the same terms as the other guardian")
        WITHDRAW = "withdraw", _("Withdrew consent")
        OWN_CONSENT = "own_consent", _("The young person's own consent")
        OBJECTION = "objection", _("The young person's objection")

    plan = models.ForeignKey("childplans.CoordinatedPlan", on_delete=models.CASCADE, related_name="family_acts",
                             verbose_name=_("plan"))
    consent = models.ForeignKey("childplans.Consent", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="family_acts", verbose_name=_("consent"))
    guardian = models.ForeignKey("childplans.Guardian", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("guardian"),
                                 help_text=_("Empty: the young person themself."))
    act = models.CharField(_("act"), max_length=12, choices=Act.choices)
    units = models.ManyToManyField("organisations.Unit", related_name="+", verbose_name=_("units"))
    method = models.CharField(_("method"), max_length=20, default="e-id")
    identity_number = models.CharField(_("identity number from the e-ID"), max_length=12)
    assurance = models.CharField(_("assurance level"), max_length=100, blank=True)
    authenticated_at = models.DateTimeField(_("e-ID login at"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    PERSONAL_DATA = {"personal": ["identity_number"], "sensitive": [], "retention": "plan_closed_plus_5_years",
                     "archived": True}

    class Meta:
        verbose_name = _("consent act with e-ID")
        verbose_name_plural = _("consent acts with e-ID")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["plan", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.get_act_display()} ({self.recorded_at:%Y-%m-%d %H:%M})"


class Contribution(models.Model):
    """The family's own words in the plan: what matters to the child, or what to talk about."""

    class Kind(models.TextChoices):
        OWN_WORDS = "own_words", _("What matters to me")
        TOPIC = "topic", _("What we want to talk about")

    plan = models.ForeignKey("childplans.CoordinatedPlan", on_delete=models.CASCADE,
                             related_name="family_contributions", verbose_name=_("plan"))
    meeting = models.ForeignKey("childplans.PlanMeeting", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="family_topics", verbose_name=_("meeting"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    by = models.CharField(_("written by"), max_length=10, choices=Who.choices)
    guardian = models.ForeignKey("childplans.Guardian", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("guardian"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    PERSONAL_DATA = {"personal": ["text"], "sensitive": ["text"], "retention": "plan_closed_plus_5_years",
                     "archived": True}

    class Meta:
        verbose_name = _("the family's own words")
        verbose_name_plural = _("the family's own words")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class MeetingAnswer(models.Model):
    """A guardian's or the young person's answer to a SIP meeting: coming or not."""

    class Answer(models.TextChoices):
        COMING = "coming", _("Coming")
        NOT_COMING = "not_coming", _("Not coming")

    meeting = models.ForeignKey("childplans.PlanMeeting", on_delete=models.CASCADE, related_name="family_answers",
                                verbose_name=_("meeting"))
    who = models.CharField(_("who"), max_length=30, help_text=_("guardian-<id> or child"))
    guardian = models.ForeignKey("childplans.Guardian", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("guardian"))
    answer = models.CharField(_("answer"), max_length=12, choices=Answer.choices)
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)

    class Meta:
        verbose_name = _("the family's answer to a meeting")
        verbose_name_plural = _("the family's answers to meetings")
        constraints = [models.UniqueConstraint(fields=["meeting", "who"], name="family_meetinganswer_unique")]

    def __str__(self) -> str:
        return f"{self.who}: {self.answer}"


class NoticeChoice(models.Model):
    """How a family member wants to be told that something is new: e-mail, text message or not at
    all, and in which of the portal's languages. The message never says what is new."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")
        NONE = "none", _("No notices")

    identity_number = models.CharField(_("identity number"), max_length=12, unique=True)
    channel = models.CharField(_("how"), max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    language = models.CharField(_("language"), max_length=5, default="sv")
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    PERSONAL_DATA = {"personal": ["identity_number"], "sensitive": [], "retention": "plan_closed_plus_5_years",
                     "archived": False}

    class Meta:
        verbose_name = _("notice choice")
        verbose_name_plural = _("notice choices")

    def __str__(self) -> str:
        return self.get_channel_display()
