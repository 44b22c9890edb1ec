"""A mapping (kartläggning) of the collaboration that already exists: family centres, youth
clinics, Barnahus, school as an arena … with the units and principals taking part, the target
groups, since when, how mature it is, its success factors and challenges, and documents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CollaborationKind(models.TextChoices):
    FAMILY_CENTRE = "family_centre", _("Family centre")
    YOUTH_CLINIC = "youth_clinic", _("Youth clinic")
    BARNAHUS = "barnahus", _("Barnahus")
    SCHOOL_ARENA = "school_arena", _("School as an arena")
    OPEN_PRESCHOOL = "open_preschool", _("Open preschool")
    OTHER = "other", _("Other collaboration")


class Maturity(models.IntegerChoices):
    IDEA = 1, _("Planned")
    STARTED = 2, _("Started")
    ESTABLISHED = 3, _("Established")
    EMBEDDED = 4, _("Embedded in the regular work")


class CollaborationForm(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CollaborationKind.choices)
    description = models.TextField(_("description"), blank=True)
    units = models.ManyToManyField("organisations.Unit", related_name="collaboration_forms",
                                   verbose_name=_("participating units"))
    areas = models.ManyToManyField("organisations.Area", related_name="+", blank=True, verbose_name=_("areas"))
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    since = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)
    maturity = models.PositiveSmallIntegerField(_("maturity"), choices=Maturity.choices, default=Maturity.STARTED)
    owner = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("mapped by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("collaboration form")
        verbose_name_plural = _("collaboration forms")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name


class FindingTag(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership and mandate")
    PREMISES = "premises", _("Shared premises")
    FUNDING = "funding", _("Funding")
    STAFFING = "staffing", _("Staffing and continuity")
    SECRECY = "secrecy", _("Secrecy and information sharing")
    KNOWLEDGE = "knowledge", _("Shared knowledge and language")
    REACH = "reach", _("Reaching the families")
    FOLLOW_UP = "follow_up", _("Follow-up")
    OTHER = "other", _("Other")


class Finding(models.Model):
    class Kind(models.TextChoices):
        SUCCESS = "success", _("Success factor")
        CHALLENGE = "challenge", _("Challenge")

    form = models.ForeignKey(CollaborationForm, on_delete=models.CASCADE, related_name="findings",
                             verbose_name=_("collaboration form"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    tag = models.CharField(_("theme"), max_length=20, choices=FindingTag.choices)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("success factor or challenge")
        verbose_name_plural = _("success factors and challenges")
        ordering = ["kind", "tag", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class CollaborationDocument(models.Model):
    """A document about the collaboration (agreement, evaluation), kept in the database and served
    only through a page with a policy – never from a public file address."""

    form = models.ForeignKey(CollaborationForm, on_delete=models.CASCADE, related_name="documents",
                             verbose_name=_("collaboration form"))
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title
