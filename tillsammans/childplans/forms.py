from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tillsammans.accounts.models import Membership
from tillsammans.childplans.models import ConsentForm, InformationCategory, LegalGround, PlanStatus
from tillsammans.core import identity
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Principal, Unit


class NumberField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        try:
            return identity.normalise(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


class SearchForm(StyledMixin, forms.Form):
    personal_number = NumberField(label=_("Personal identity number"), max_length=20,
                                  help_text=_("The full number, YYYYMMDD-NNNN."))


class PlanListForm(StyledMixin, forms.Form):
    """The plan list's search: a name, a personal identity number or a plan number; a status."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False,
                        help_text=_("The beginning of a first or last name, the full personal identity "
                                    "number or the plan's number."))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *PlanStatus.choices])

    def clean(self):
        data = super().clean()
        page = self.data.get("page", "1")
        if not page.isdigit() or int(page) < 1:
            raise forms.ValidationError(_("The page number must be a whole number from 1."))
        return data


class StartForm(StyledMixin, forms.Form):
    personal_number = NumberField(label=_("Personal identity number"), max_length=20)
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    protected_identity = forms.BooleanField(label=_("Protected identity"), required=False)
    reason = forms.CharField(label=_("Why a coordinated plan is needed"), widget=forms.Textarea(
        attrs={"rows": 3}), required=False)


class GuardianForm(StyledMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    has_custody = forms.BooleanField(label=_("Has custody"), required=False, initial=True)
    protected_identity = forms.BooleanField(
        label=_("The guardian has protected identity"), required=False,
        help_text=_("Skyddade personuppgifter: only the SIP coordinator sees the name and contact "
                    "details; the address is shown to nobody."))
    personal_number = forms.CharField(label=_("Personal identity number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


def _guardian_label(plan):
    """Guardians in a choice list: through the one display function (the lead's view of a page)."""
    return lambda g: identity.shown(g, basis="lead", child=plan.child).label


class ConsentRecordForm(StyledMixin, forms.Form):
    receiving_units = forms.ModelMultipleChoiceField(
        label=_("Receiving units"), queryset=Unit.objects.none(),
        help_text=_("Name each unit; a consent for all authorities is not possible."),
        error_messages={"required": _("Name at least one receiving unit. A consent for all "
                                      "authorities is not possible.")},
        widget=forms.SelectMultiple(attrs={"size": 8}))
    categories = forms.ModelMultipleChoiceField(label=_("Categories of information"),
                                                queryset=InformationCategory.objects.all(),
                                                widget=forms.CheckboxSelectMultiple)
    guardians = forms.ModelMultipleChoiceField(label=_("Guardians who give their consent"),
                                               queryset=None, widget=forms.CheckboxSelectMultiple)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Valid to"), widget=forms.DateInput(attrs={"type": "date"}))
    consent_form = forms.ChoiceField(label=_("Form"), choices=ConsentForm.choices)
    child_view = forms.CharField(label=_("The child's own view"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    child_heard_how = forms.CharField(label=_("How the child was heard"), required=False, max_length=300)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_units"].queryset = Unit.objects.current().select_related(
            "unit_type").order_by("name")
        self.fields["guardians"].queryset = plan.child.guardians.all()
        self.fields["guardians"].label_from_instance = _guardian_label(plan)


class WithdrawForm(StyledMixin, forms.Form):
    guardian = forms.ModelChoiceField(label=_("Guardian who withdraws"), queryset=None)
    units = forms.ModelMultipleChoiceField(label=_("Withdrawn for"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = consent.plan.child.guardians.all()
        self.fields["guardian"].label_from_instance = _guardian_label(consent.plan)
        self.fields["units"].queryset = consent.receiving_units.all()


class ParticipantForm(StyledMixin, forms.Form):
    membership = forms.ModelChoiceField(label=_("Person"), queryset=None)

    def __init__(self, *args, unit_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.current().filter(
            unit_id__in=unit_ids).select_related("user", "unit").order_by("unit__name", "user__last_name")
        self.fields["membership"].label_from_instance = (
            lambda m: f"{m.user.get_full_name()}, {m.function or m.get_role_display()} – {m.unit.name}")


class EmergencyForm(StyledMixin, forms.Form):
    personal_number = forms.CharField(label=_("Personal identity number"), max_length=20)
    legal_ground = forms.ChoiceField(label=_("Legal ground"), choices=[("", "–"), *LegalGround.choices])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Written to the access log and reviewed by the log auditor."))


class PlanUpdateForm(StyledMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    lead_principal = forms.ModelChoiceField(label=_("Principal with overall responsibility"),
                                            queryset=Principal.objects.current(), required=False)
    closed_reason = forms.CharField(label=_("Reason for closing"), max_length=300, required=False)
    childs_view = forms.CharField(label=_("What is important to the child"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    guardians_view = forms.CharField(label=_("The guardians' views"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_date = forms.DateField(label=_("Follow-up date"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))


def _indicator_field(label):
    from tillsammans.childplans import wellbeing

    return forms.MultipleChoiceField(label=label, required=False, widget=forms.CheckboxSelectMultiple,
                                     choices=[(c, lab) for c, lab, _sv in wellbeing.INDICATORS])


class GoalForm(StyledMixin, forms.Form):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("A goal that can be evaluated; in the child's words where possible."))
    childs_own = forms.BooleanField(label=_("The child's own goal"), required=False)
    indicators = _indicator_field(_("Wellbeing indicators"))


class InterventionForm(StyledMixin, forms.Form):
    from tillsammans.childplans.models import InterventionStatus

    description = forms.CharField(label=_("Intervention"), widget=forms.Textarea(attrs={"rows": 2}))
    principal = forms.ModelChoiceField(label=_("Provided by principal"), required=False,
                                       queryset=Principal.objects.current())
    unit = forms.ModelChoiceField(label=_("Responsible unit"), required=False,
                                  queryset=Unit.objects.current().order_by("name"))
    other_actor = forms.CharField(label=_("Or provided by others (civil society, …)"), required=False)
    responsible_person = forms.CharField(label=_("Responsible person"), required=False)
    start = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=InterventionStatus.choices)
    indicators = _indicator_field(_("Wellbeing indicators"))


class AssessmentForm(StyledMixin, forms.Form):
    from tillsammans.childplans.models import WellbeingAssessment

    by = forms.ChoiceField(label=_("Rated by"), choices=WellbeingAssessment.By.choices)
    assessed_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from tillsammans.childplans import wellbeing

        scale = [("", "–"), *[(str(n), str(n)) for n in wellbeing.SCALE]]
        for code, label, _sv in wellbeing.INDICATORS:
            self.fields[code] = forms.TypedChoiceField(
                label=label, choices=scale, coerce=int,
                help_text=_("1 = great concern, 5 = doing well."),
                widget=forms.Select(attrs={"class": "ds-input"}))


class MeetingForm(StyledMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"), input_formats=["%Y-%m-%dT%H:%M",
                                                                                    "%Y-%m-%d %H:%M"])
    ends_at = forms.DateTimeField(label=_("Ends"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"), input_formats=["%Y-%m-%dT%H:%M",
                                                                                    "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("Place or video link"), max_length=300)
