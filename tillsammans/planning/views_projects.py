"""Creating a development project with its own plan."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core import pii
from tillsammans.core.access import policy
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Principal, PrincipalKind
from tillsammans.organisations.views_edit import _try
from tillsammans.planning import services
from tillsammans.planning.models import Agreement

GOAL_LINE = re.compile(r"^\s*(\d+(?:\.\d+)*)\s+(.+?)\s*$")


class ProjectForm(StyledMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    description = forms.CharField(label=gettext_lazy("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    agreement = forms.ModelChoiceField(label=gettext_lazy("Agreement"), queryset=Agreement.objects.all())
    start = forms.DateField(label=gettext_lazy("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("End"), widget=forms.DateInput(attrs={"type": "date"}))
    municipalities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Participating municipalities"), widget=forms.SelectMultiple(attrs={"size": 6}),
        queryset=Principal.objects.current().filter(kind=PrincipalKind.MUNICIPALITY))
    goals = forms.CharField(
        label=gettext_lazy("Goals"), widget=forms.Textarea(attrs={"rows": 6}), validators=[pii.validate_text],
        help_text=gettext_lazy("One per line with its number: “1 Overall goal”, then “1.1 Sub-goal”, “1.2 …”."))

    def clean_goals(self):
        goals, errors = [], []
        for number, line in enumerate(self.cleaned_data["goals"].splitlines(), start=1):
            if not line.strip():
                continue
            match = GOAL_LINE.match(line)
            if not match:
                errors.append(_("Line %(n)s has no number: %(line)s") % {"n": number, "line": line.strip()})
                continue
            code, title = match.groups()
            if "." not in code:
                goals.append((code, title, []))
            elif goals and code.startswith(goals[-1][0] + "."):
                goals[-1][2].append((code, title))
            else:
                errors.append(_("Line %(n)s: sub-goal %(code)s has no overall goal above it.")
                              % {"n": number, "code": code})
        if errors:
            raise ValidationError(errors)
        if not goals:
            raise ValidationError(_("Give at least one goal."))
        return goals


@policy("planning.create_project")
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _try(form, lambda: created.setdefault("plan", services.project_create(actor=request.actor,
                                                                                  **form.cleaned_data))):
            return redirect("planning:plan", created["plan"].pk)
    return render(request, "form_page.html", {"form": form, "title": _("New development project"),
                                              "cancel_url": "planning:plan_list"})
