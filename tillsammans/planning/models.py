"""Agreements, yearly templates of goal areas and sub-goals, action plans with activities,
posts and budgets per funder. Structural level: no child is identifiable here."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The headings of a plan's own text, in the order of the region's document.
SECTIONS = ["Inledning", "Målgrupp", "Koordinatorns roll", "Utvecklingsområden", "Instruktioner",
            "Översikt målsättningar", "Målsättningar och planerade insatser", "Organisering", "Övrigt", "Budget"]


class Agreement(models.Model):
    """A collaboration agreement (samverkansavtal) between principals' committees."""

    name = models.CharField(_("name"), max_length=200)
    parties = models.ManyToManyField("organisations.Authority", related_name="agreements", verbose_name=_("parties"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    receiver = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("receiver of the plans"))
    deadline_day = models.PositiveSmallIntegerField(_("deadline day"), default=1)
    deadline_month = models.PositiveSmallIntegerField(_("deadline month"), default=12)
    cofinancing_share = models.PositiveSmallIntegerField(
        _("region's share under the co-financing rule (%)"), default=50)
    cofinancing_tolerance_tkr = models.PositiveIntegerField(_("tolerance (tkr)"), default=0)
    development_areas = models.TextField(_("development areas"), blank=True,
                                         help_text=_("One per line, as the agreement names them."))
    areas = models.ManyToManyField("organisations.Area", blank=True, related_name="+",
                                   verbose_name=_("areas that submit a yearly plan"))

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.name


class Funder(models.Model):
    """A funder named in the agreement (HSNG, SN+FSN, GSN …), belonging to one party's side."""

    class Side(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        OTHER = "other", _("Other")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="funders",
                                  verbose_name=_("agreement"))
    code = models.CharField(_("short name"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["order", "code"]
        constraints = [models.UniqueConstraint(fields=["agreement", "code"], name="funder_unique")]

    def __str__(self) -> str:
        return self.code


class Project(models.Model):
    """A development project (e.g. an NPF sub-project in three municipalities) with its own plan."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    municipalities = models.ManyToManyField("organisations.Principal", related_name="projects",
                                            verbose_name=_("participating municipalities"))
    lead = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("project lead"))
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="projects",
                                  verbose_name=_("agreement"))

    class Meta:
        verbose_name = _("development project")
        verbose_name_plural = _("development projects")
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="project_period")]

    def __str__(self) -> str:
        return self.name


class Template(models.Model):
    """A city-wide set of goal areas and numbered sub-goals for a year, inherited by every plan
    (or a project's own goals, when ``project`` is set)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="templates",
                                  verbose_name=_("agreement"))
    year = models.PositiveSmallIntegerField(_("year"))
    project = models.OneToOneField(Project, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="template", verbose_name=_("project"))

    class Meta:
        verbose_name = _("template")
        verbose_name_plural = _("templates")
        constraints = [models.UniqueConstraint(fields=["agreement", "year"], condition=Q(project__isnull=True),
                                               name="template_unique")]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year}"


class GoalArea(models.Model):
    """A goal area with its overall goal. In a three-level numbering (7 → 7.1 → 7.1.1) the top level
    is the goal area's chapter (``chapter_number`` 7); in a two-level one (1 → 1.1) it is empty."""

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="goal_areas",
                                 verbose_name=_("template"))
    chapter_number = models.CharField(_("chapter number"), max_length=10, blank=True)
    chapter_title = models.CharField(_("chapter"), max_length=400, blank=True)
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("overall goal"), max_length=400)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "number"]
        verbose_name = _("goal area")
        verbose_name_plural = _("goal areas")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class SubGoal(models.Model):
    goal_area = models.ForeignKey(GoalArea, on_delete=models.CASCADE, related_name="sub_goals",
                                  verbose_name=_("goal area"))
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("sub-goal"), max_length=400)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["goal_area__order", "order", "number"]
        verbose_name = _("sub-goal")
        verbose_name_plural = _("sub-goals")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")
    SUBMITTED = "submitted", _("Submitted")
    FOLLOWED_UP = "followed_up", _("Followed up")


class ActionPlan(models.Model):
    area = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, related_name="action_plans",
                             null=True, blank=True, verbose_name=_("area"))
    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="plan", null=True, blank=True,
                                   verbose_name=_("project"))
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="plans", verbose_name=_("template"))
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
                              db_index=True)
    sections = models.JSONField(_("sections"), default=dict, blank=True)
    check_comment = models.TextField(_("comment on broken checks"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(fields=["area", "template"], name="actionplan_one_per_area_year"),
            models.CheckConstraint(condition=Q(area__isnull=False, project__isnull=True)
                                   | Q(area__isnull=True, project__isnull=False), name="actionplan_area_or_project"),
        ]

    def __str__(self) -> str:
        return f"{self.owner_name} {self.template.year}"

    @property
    def ordered_sections(self) -> list[tuple[str, str]]:
        """The sections in the seed's order (jsonb on PostgreSQL does not keep key order)."""
        stored = self.sections or {}
        names = [n for n in SECTIONS if n in stored] + sorted(n for n in stored if n not in SECTIONS)
        return [(name, stored[name]) for name in names]

    @property
    def owner_name(self) -> str:
        return self.area.name if self.area_id else self.project.name


class Activity(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan"))
    sub_goal = models.ForeignKey(SubGoal, on_delete=models.PROTECT, related_name="activities",
                                 verbose_name=_("sub-goal"))
    description = models.TextField(_("activity"))
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    responsible_units = models.ManyToManyField("organisations.Unit", blank=True, related_name="+",
                                               verbose_name=_("responsible units"))
    responsible_text = models.CharField(_("responsible (free text)"), max_length=300, blank=True)
    expected_effect = models.TextField(_("expected effect or result"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    measure = models.CharField(_("how it is followed up"), max_length=300, blank=True)
    target = models.CharField(_("target"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    outcome = models.TextField(_("follow-up comment and measured outcome"), blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["sub_goal__goal_area__order", "sub_goal__order", "sub_goal__number", "pk"]
        constraints = [models.CheckConstraint(condition=Q(end__isnull=True) | Q(start__isnull=True)
                                              | Q(end__gte=models.F("start")), name="activity_period")]

    def __str__(self) -> str:
        return self.description[:60]


class Post(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="posts", verbose_name=_("plan"))
    role = models.CharField(_("role"), max_length=200)
    employer = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("employer"))
    employer_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, related_name="+", null=True,
                                      blank=True, verbose_name=_("employing unit"),
                                      help_text=_("When a unit employs the post; its authority is the employer."))
    fte_percent = models.PositiveSmallIntegerField(_("share of full time (%)"))

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(fte_percent__gte=1, fte_percent__lte=100),
                                              name="post_share_1_100")]

    def __str__(self) -> str:
        return f"{self.role} {self.fte_percent} %"

    @property
    def employer_name(self) -> str:
        return self.employer_unit.name if self.employer_unit_id else self.employer.name


class BudgetLine(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("plan"))
    name = models.CharField(_("budget line"), max_length=200)
    under_cofinancing = models.BooleanField(_("covered by the co-financing rule"), default=False)
    fte = models.DecimalField(_("full-time equivalents budgeted"), max_digits=5, decimal_places=2, null=True,
                              blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class BudgetAmount(models.Model):
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="amounts",
                             verbose_name=_("budget line"))
    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="+", verbose_name=_("funder"))
    tkr = models.PositiveIntegerField(_("thousands of SEK"))

    class Meta:
        verbose_name = _("budget amount")
        verbose_name_plural = _("budget amounts")
        constraints = [models.UniqueConstraint(fields=["line", "funder"], name="budgetamount_unique")]

    def __str__(self) -> str:
        return f"{self.funder_id}: {self.tkr} tkr"


class PlanChange(models.Model):
    """One line of the plan's version history: who changed what, from what to what."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    who = models.CharField(_("changed by"), max_length=200)
    text = models.TextField(_("change"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change to a plan")
        verbose_name_plural = _("changes to plans")

    def __str__(self) -> str:
        return self.text[:60]


class Approval(models.Model):
    """One party's approval of a plan in review; the plan is approved when every party has approved."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("plan"))
    party = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("party"))
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("membership"))
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [models.UniqueConstraint(fields=["plan", "party"], name="approval_once_per_party")]

    def __str__(self) -> str:
        return f"{self.party} ✓"


class SectionComment(models.Model):
    """A manager's comment on one section of a plan in review."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan"))
    section = models.CharField(_("section"), max_length=100)
    membership = models.ForeignKey("accounts.Membership", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("membership"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("section comment")
        verbose_name_plural = _("section comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:40]}"


class PlanSnapshot(models.Model):
    """What a plan said when it was submitted; a later change reopens it as a new version."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("plan"))
    version = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["plan", "version"], name="plansnapshot_unique")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.version}"


class Vision(models.Model):
    """A shared vision or strategy (målbild, samverkansstrategi) that principals' committees adopt."""

    class Kind(models.TextChoices):
        VISION = "vision", _("Shared vision")
        STRATEGY = "strategy", _("Collaboration strategy")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VISION)
    summary = models.TextField(_("summary"), blank=True)
    county = models.ForeignKey("organisations.Area", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("county or region area"))

    class Meta:
        verbose_name = _("shared vision or strategy")
        verbose_name_plural = _("shared visions and strategies")

    def __str__(self) -> str:
        return self.name


class Adoption(models.Model):
    """Which principal's committee adopted the document, when, with the decision reference."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("vision"))
    committee = models.ForeignKey("organisations.Authority", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("committee"))
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(_("decision reference"), max_length=100)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [models.UniqueConstraint(fields=["vision", "committee"], name="adoption_unique")]

    def __str__(self) -> str:
        return f"{self.committee} {self.decided_on}"
