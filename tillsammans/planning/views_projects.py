"""Creating a development project with its own plan."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.core import pii
from tillsammans.core.access import policy
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Principal, PrincipalKind
from tillsammans.organisations.views_edit import _try
from tillsammans.planning import services
from tillsammans.planning.goals import parse_goals
from tillsammans.planning.models import Agreement


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
        help_text=gettext_lazy("One per line with its number, as the document numbers them: “1 Overall goal”, "
                               "“1.1 Sub-goal”, or three levels “7 Chapter”, “7.1 Overall goal”, “7.1.1 Sub-goal”."))

    def clean_goals(self):
        return parse_goals(self.cleaned_data["goals"])


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
