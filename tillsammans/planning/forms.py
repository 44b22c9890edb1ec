"""Forms of the plan pages: creating a plan, the template's goals, activities, posts, budget lines,
the plan's text and follow-up."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core import pii
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Area, Authority, Unit
from tillsammans.planning.goals import parse_goals
from tillsammans.planning.models import Activity, Agreement, SubGoal, Template


class ActivityForm(StyledMixin, forms.Form):
    sub_goal = forms.ModelChoiceField(label=gettext_lazy("Sub-goal"), queryset=SubGoal.objects.none())
    description = forms.CharField(label=gettext_lazy("Planned activity"), widget=forms.Textarea(attrs={"rows": 3}))
    target_group = forms.CharField(label=gettext_lazy("Target group"), required=False)
    responsible_units = forms.ModelMultipleChoiceField(label=gettext_lazy("Responsible units"), required=False,
                                                       queryset=Unit.objects.current().order_by("name"),
                                                       widget=forms.SelectMultiple(attrs={"size": 6}))
    responsible_text = forms.CharField(label=gettext_lazy("Responsible (roles, free text)"), required=False)
    expected_effect = forms.CharField(label=gettext_lazy("Expected effect or result"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    start = forms.DateField(label=gettext_lazy("Start"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    measure = forms.CharField(label=gettext_lazy("How it is followed up"), required=False)
    target = forms.CharField(label=gettext_lazy("Target"), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_goal"].queryset = SubGoal.objects.filter(goal_area__template=plan.template)


PERCENT = re.compile(r"^\s*(\d{1,3})\s*%?\s*$")


class PostForm(StyledMixin, forms.Form):
    role = forms.CharField(label=gettext_lazy("Post"), max_length=200)
    employer = forms.ModelChoiceField(label=gettext_lazy("Employer (authority)"), required=False,
                                      queryset=Authority.objects.current().order_by("name"))
    employer_unit = forms.ModelChoiceField(
        label=gettext_lazy("or employing unit"), required=False, queryset=Unit.objects.current().order_by("name"),
        help_text=gettext_lazy("Choose a unit when a unit employs the post; its authority is then the employer."))
    fte_percent = forms.CharField(label=gettext_lazy("Share of full time (%)"), max_length=6,
                                  help_text=gettext_lazy("For example 85 or 85 %."))

    def clean_fte_percent(self):
        match = PERCENT.match(self.cleaned_data["fte_percent"])
        if not match or not 1 <= int(match.group(1)) <= 100:
            raise ValidationError(_("Give the share of full time as a percentage from 1 to 100, e.g. 85 %."))
        return int(match.group(1))

    def clean(self):
        data = super().clean()
        if not data.get("employer") and not data.get("employer_unit"):
            self.add_error("employer", _("Choose the employer: an authority or a unit."))
        return data


class LineForm(StyledMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Budget line"), max_length=200)
    under_cofinancing = forms.BooleanField(label=gettext_lazy("Covered by the co-financing rule"), required=False)
    fte = forms.DecimalField(label=gettext_lazy("Full-time equivalents (if the line pays posts)"), required=False,
                             min_value=0, max_digits=5, decimal_places=2, localize=True)


class SectionsForm(StyledMixin, forms.Form):
    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = [name for name, _text in plan.ordered_sections]
        for index, (name, text) in enumerate(plan.ordered_sections):
            self.fields[f"s{index}"] = forms.CharField(label=name, required=False, initial=text,
                                                       widget=forms.Textarea(attrs={"rows": 4}),
                                                       validators=[pii.validate_text])

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"s{i}"] for i, name in enumerate(self.names)}


class FollowUpForm(StyledMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Activity.Status.choices)
    outcome = forms.CharField(label=gettext_lazy("Comment and measured outcome"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), validators=[pii.validate_text])


class PlanCreateForm(StyledMixin, forms.Form):
    area = forms.ModelChoiceField(label=gettext_lazy("Area"), queryset=Area.objects.none())
    template = forms.ModelChoiceField(label=gettext_lazy("Year and template"), queryset=Template.objects.none())

    def __init__(self, *args, area_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(pk__in=area_ids).order_by("name")
        self.fields["template"].queryset = (Template.objects.filter(project__isnull=True)
                                            .select_related("agreement").order_by("-year", "agreement__name"))
        self.fields["template"].label_from_instance = lambda t: f"{t.year} – {t.agreement.name}"


class GoalsForm(StyledMixin, forms.Form):
    goals = forms.CharField(
        label=gettext_lazy("Goal areas and sub-goals"), widget=forms.Textarea(attrs={"rows": 18}),
        validators=[pii.validate_text],
        help_text=gettext_lazy("One per line with its number, as the region's document numbers them, in the order "
                               "the plan shows them: “7 Chapter”, “7.1 Overall goal”, “7.1.1 Sub-goal” (three "
                               "levels) or “1 Overall goal”, “1.1 Sub-goal” (two levels). Move a line to reorder."))

    def clean_goals(self):
        return parse_goals(self.cleaned_data["goals"])


class TemplateCreateForm(GoalsForm):
    agreement = forms.ModelChoiceField(label=gettext_lazy("Agreement"), queryset=Agreement.objects.none())
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    field_order = ["agreement", "year", "goals"]

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
