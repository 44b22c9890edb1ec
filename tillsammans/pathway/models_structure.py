"""The municipality's pathway (handlingsvägledning): levels 0–3 with their steps, tools, deadlines
and contacts. Structural level: no child data here; the personal-data guard checks every text
(pathway/pii_fields.py). Every change is a version (a snapshot), and the pathway is printable."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pathway(models.Model):
    principal = models.OneToOneField("organisations.Principal", on_delete=models.PROTECT, related_name="pathway",
                                     verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True,
                             help_text=_("Who the pathway is for and how to use it. No personal data."))
    decision_days = models.PositiveSmallIntegerField(
        _("days from a worry to a decision"), default=14,
        help_text=_("A worry past this many days without a decision stands out on Min översikt."))
    tell_within_days = models.PositiveSmallIntegerField(
        _("days within which a forum's decision is told"), default=5,
        help_text=_("The requesting unit and the family are told within this many days of a forum's decision."))
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("updated by"))

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PathwayLevel(models.Model):
    """Level 0 (a worry), 1 (measures in the child's own unit), 2 (together with other services, the
    joint forum), 3 (social services)."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="levels", verbose_name=_("pathway"))
    number = models.PositiveSmallIntegerField(_("level"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what the level means"), blank=True)
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step per line."))
    tools = models.TextField(_("tools and material"), blank=True, help_text=_("One per line."))
    deadline_days = models.PositiveSmallIntegerField(_("deadline in days"), null=True, blank=True)
    contacts = models.ManyToManyField("accounts.Membership", blank=True, related_name="+",
                                      verbose_name=_("contacts with a login"))
    contact_persons = models.ManyToManyField("accounts.Contact", blank=True, related_name="+",
                                             verbose_name=_("contacts without a login"))

    class Meta:
        verbose_name = _("pathway level")
        verbose_name_plural = _("pathway levels")
        ordering = ["pathway", "number"]
        constraints = [models.UniqueConstraint(fields=["pathway", "number"], name="pathwaylevel_unique"),
                       models.CheckConstraint(condition=models.Q(number__lte=3), name="pathwaylevel_0_to_3")]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def tool_list(self) -> list[str]:
        return [line.strip() for line in self.tools.splitlines() if line.strip()]


class PathwayVersion(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="versions", verbose_name=_("pathway"))
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    note = models.CharField(_("what changed"), max_length=200)
    created_by = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("pathway version")
        verbose_name_plural = _("pathway versions")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["pathway", "number"], name="pathwayversion_unique")]

    def __str__(self) -> str:
        return f"{self.pathway} v{self.number}"
