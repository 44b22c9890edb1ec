from django import forms
from django.utils.translation import gettext_lazy as _

from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Unit
from tillsammans.planning.models import SubGoal


class ActivityForm(StyledMixin, forms.Form):
    sub_goal = forms.ModelChoiceField(label=_("Sub-goal"), queryset=SubGoal.objects.none())
    description = forms.CharField(label=_("Planned activity"), widget=forms.Textarea(attrs={"rows": 3}))
    target_group = forms.CharField(label=_("Target group"), required=False)
    responsible_units = forms.ModelMultipleChoiceField(label=_("Responsible units"), required=False,
                                                       queryset=Unit.objects.current().order_by("name"),
                                                       widget=forms.SelectMultiple(attrs={"size": 6}))
    responsible_text = forms.CharField(label=_("Responsible (roles, free text)"), required=False)
    expected_effect = forms.CharField(label=_("Expected effect or result"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    start = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    measure = forms.CharField(label=_("How it is followed up"), required=False)
    target = forms.CharField(label=_("Target"), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_goal"].queryset = SubGoal.objects.filter(goal_area__template=plan.template)
