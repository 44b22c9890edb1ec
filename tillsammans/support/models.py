"""Parenting support: the offer catalogue (public, in several languages), programmes, materials with
stock per unit. Parent groups, sessions, sign-ups and group leaders are in ``models_groups``.

Structural level: no child is identifiable here. Parents' sign-up details (name, contact, their
children's age band) are personal data of the public, kept minimal and deleted a configurable time
after the group ends (``SUPPORT_PARTICIPANT_RETENTION_DAYS``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillsammans.support.languages import CHOICES as LANGUAGE_CHOICES


class OfferKind(models.TextChoices):
    PROGRAMME = "programme", _("Parent programme")
    OPEN_PRESCHOOL = "open_preschool", _("Open preschool")
    FAMILY_CENTRE = "family_centre", _("Family centre")
    MEETING_PLACE = "meeting_place", _("Meeting place")
    INDIVIDUAL = "individual", _("Individual parenting support")
    LECTURE = "lecture", _("Parent lecture")
    READING = "reading", _("Reading promotion")
    OTHER = "other", _("Other support")


class AgeBand(models.TextChoices):
    """The children's ages an offer is for, and what a parent tells when signing up."""

    EXPECTING = "expecting", _("Expecting a child")
    AGE_0_2 = "0-2", _("0–2 years")
    AGE_3_5 = "3-5", _("3–5 years")
    AGE_6_9 = "6-9", _("6–9 years")
    AGE_10_12 = "10-12", _("10–12 years")
    AGE_13_18 = "13-18", _("13–18 years")


BAND_YEARS = {"0-2": (0, 2), "3-5": (3, 5), "6-9": (6, 9), "10-12": (10, 12), "13-18": (13, 18)}


class SignUp(models.TextChoices):
    DROP_IN = "drop_in", _("Just come, no sign-up")
    CONTACT = "contact", _("Contact the provider")
    GROUP = "group", _("Sign up for a group on this page")
    LINK = "link", _("Sign up on the provider's page")


class Programme(models.Model):
    """A parent programme run as groups: ABC, Trygghetscirkeln, BiFF, LFT or a new one."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    certification_required = models.BooleanField(_("group leaders must be certified"), default=True)
    sub_goal_number = models.CharField(
        _("follows up sub-goal"), max_length=20, blank=True,
        help_text=_("The number of the action plans' sub-goal whose follow-up shows this programme's groups, "
                    "e.g. 7.1.2."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OfferQuerySet(models.QuerySet):
    def published(self, today=None):
        from django.utils import timezone

        today = today or timezone.localdate()
        return self.filter(published=True).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


class Offer(models.Model):
    """One offer of support to parents, written in one or more languages (``OfferText``)."""

    kind = models.CharField(_("kind"), max_length=20, choices=OfferKind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="offers", verbose_name=_("programme"))
    provider = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="support_offers",
                                 verbose_name=_("provider"))
    areas = models.ManyToManyField("organisations.Area", related_name="support_offers", verbose_name=_("areas"))
    for_expecting = models.BooleanField(_("for expecting parents"), default=False)
    age_from = models.PositiveSmallIntegerField(_("children's age from (years)"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("children's age to (years)"), null=True, blank=True)
    free = models.BooleanField(_("free of charge"), default=True)
    signup = models.CharField(_("how to sign up"), max_length=10, choices=SignUp.choices, default=SignUp.CONTACT)
    signup_url = models.URLField(_("sign-up page"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    published = models.BooleanField(_("shown in the public catalogue"), default=False)
    ends_on = models.DateField(_("offered until"), null=True, blank=True)
    sub_goal_number = models.CharField(_("follows up sub-goal"), max_length=20, blank=True)
    created_by = models.ForeignKey("accounts.Membership", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["pk"]
        indexes = [models.Index(fields=["published", "kind"]), models.Index(fields=["age_from", "age_to"])]
        constraints = [models.CheckConstraint(
            condition=Q(age_from__isnull=True) | Q(age_to__isnull=True) | Q(age_to__gte=models.F("age_from")),
            name="offer_age_range")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.pk})"


class SpokenLanguage(models.Model):
    """A language the offer is held in (what a parent filters by), not the language of its texts."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="spoken", verbose_name=_("offer"))
    code = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)

    class Meta:
        verbose_name = _("language the offer is held in")
        verbose_name_plural = _("languages the offer is held in")
        constraints = [models.UniqueConstraint(fields=["offer", "code"], name="spoken_language_once")]
        indexes = [models.Index(fields=["code", "offer"])]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.code}"


class OfferText(models.Model):
    """The offer written in one language. Each offer has at least a Swedish text."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="texts", verbose_name=_("offer"))
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("in short"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    times = models.CharField(_("when"), max_length=300, blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    signup_note = models.CharField(_("how to sign up"), max_length=300, blank=True)
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    folded = models.CharField(_("text for search"), max_length=600, editable=False, default="")

    class Meta:
        verbose_name = _("offer text")
        verbose_name_plural = _("offer texts")
        ordering = ["offer", "language"]
        constraints = [models.UniqueConstraint(fields=["offer", "language"], name="offer_text_once_per_language")]

    def __str__(self) -> str:
        return self.title


class MaterialKind(models.TextChoices):
    BOOK = "book", _("Book")
    CARDS = "cards", _("Conversation cards")
    PIXIE = "pixie", _("Pixie book")
    BROCHURE = "brochure", _("Brochure")
    OTHER = "other", _("Other material")


class Material(models.Model):
    """Support material handed out through units (books, conversation cards, Pixie books)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    description = models.TextField(_("description"), blank=True)
    sub_goal_number = models.CharField(
        _("follows up sub-goal"), max_length=20, blank=True,
        help_text=_("The number of the action plans' sub-goal whose follow-up shows how much was handed out, "
                    "e.g. 7.2.2."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StockKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    HANDED_OUT = "handed_out", _("Handed out")
    CORRECTION = "correction", _("Stocktaking correction")


class StockEntry(models.Model):
    """One change of a unit's stock of a material; the stock is their sum, hand-outs are counted."""

    material = models.ForeignKey(Material, on_delete=models.PROTECT, related_name="entries",
                                 verbose_name=_("material"))
    unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="support_stock",
                             verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=12, choices=StockKind.choices)
    change = models.IntegerField(_("change"))
    on = models.DateField(_("date"))
    recorded_by = models.ForeignKey("accounts.Membership", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stock entry")
        verbose_name_plural = _("stock entries")
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["material", "unit"]), models.Index(fields=["kind", "on"])]

    def __str__(self) -> str:
        return f"{self.material_id}@{self.unit_id}: {self.change}"


from tillsammans.support.models_groups import (  # noqa: E402,F401 - one app, two modules
    ACTIVE,
    Attendance,
    Evaluation,
    GroupLeader,
    GroupSession,
    LeaderProgramme,
    LeaderStatus,
    ParentGroup,
    Participant,
    ParticipantStatus,
    RemindBy,
)
