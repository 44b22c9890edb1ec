"""Forms for reports of concern. The professional's form has nine fields: who the reporter is, their
unit and how to reach them come from the acting membership and the account."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillsammans.concerns import routing, sectors
from tillsammans.concerns.models import Decision, FamilyInformed, IntakeSettings, ReportStatus, Urgency
from tillsammans.core.publicforms import BotGuardForm
from tillsammans.core.widgets import InlineRenderer
from tillsammans.organisations.forms import StyledMixin
from tillsammans.organisations.models import Principal


class ChildFields(forms.Form):
    """The child and what was seen. The service checks that there is a child and observations, so
    that both errors are shown at once and what was typed is kept."""

    child_number = forms.CharField(
        label=_("The child's personal identity number"), max_length=13, required=False,
        help_text=_("YYYYMMDD-NNNN. If you do not know it, write the name, age and address below."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}))
    child_name = forms.CharField(label=_("The child's name"), max_length=200, required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "off"}))
    child_age = forms.IntegerField(label=_("Age (years)"), required=False, min_value=0, max_value=20,
                                   widget=forms.NumberInput(attrs={"autocomplete": "off"}))
    child_address = forms.CharField(
        label=_("Where the child lives"), max_length=300, required=False,
        help_text=_("Street, postal code and city, if you know them. The report goes to that municipality's "
                    "intake."), widget=forms.TextInput(attrs={"autocomplete": "off"}))
    guardians = forms.CharField(
        label=_("Guardians, if you know them"), required=False,
        help_text=_("Names and how to reach them."), widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}))
    observations = forms.CharField(
        label=_("What you have seen, heard or been told, and when"), required=False,
        help_text=_("Write concretely: what happened, when, and whether you saw or heard it yourself or were "
                    "told (by whom: the child, a guardian, someone else). Not your interpretation."),
        widget=forms.Textarea(attrs={"rows": 7}))
    urgency = forms.ChoiceField(label=_("How urgent is it?"), choices=Urgency.choices, initial=Urgency.NORMAL,
                                widget=forms.RadioSelect)
    family_informed = forms.ChoiceField(label=_("Have you told the guardians that you report?"),
                                        choices=FamilyInformed.choices, initial=FamilyInformed.NO,
                                        widget=forms.RadioSelect)
    interpreter = forms.CharField(label=_("Interpreter needed – language"), max_length=100, required=False,
                                  help_text=_("Leave empty if no interpreter is needed."))


class ProfessionalReportForm(StyledMixin, ChildFields):
    """Nine fields. The services validate that there is a child and observations (the errors keep
    what was typed)."""


class PublicReportForm(StyledMixin, BotGuardForm, ChildFields):
    municipality = forms.ModelChoiceField(
        label=_("The municipality where the child lives or is staying"), queryset=Principal.objects.none(),
        empty_label=_("Choose a municipality"))
    relation = forms.ChoiceField(label=_("You are"), choices=sectors.PUBLIC_CHOICES, required=False,
                                 widget=forms.RadioSelect)
    reporter_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False,
                                    widget=forms.TextInput(attrs={"autocomplete": "name"}))
    reporter_phone = forms.CharField(label=_("Your phone (optional)"), max_length=40, required=False,
                                     widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    reporter_email = forms.EmailField(label=_("Your e-mail (optional)"), required=False,
                                      widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    ORDER = ("municipality", "child_number", "child_name", "child_age", "child_address", "guardians",
             "observations", "urgency", "family_informed", "interpreter", "relation", "reporter_name",
             "reporter_phone", "reporter_email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = routing.municipalities()
        self.order_fields([*self.ORDER, *self.GUARD_FIELDS])


class AssessmentForm(StyledMixin, forms.Form):
    assessment = forms.CharField(
        label=_("Protection assessment"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Is the child in need of immediate protection? What did you base it on? Made before the "
                    "guardians are contacted."))
    needs_protection = forms.BooleanField(label=_("The child needs immediate protection"), required=False)
    violence_suspected = forms.BooleanField(
        label=_("Violence or abuse against the child is suspected – open an investigation directly"),
        required=False, help_text=_("The decision is then recorded at once and the reporter gets feedback."))


class DecisionForm(StyledMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Grounds for the decision"), widget=forms.Textarea(attrs={"rows": 5}))
    give_feedback = forms.BooleanField(
        label=_("Tell the reporter now (by e-mail and in their list)"), required=False, initial=True,
        help_text=_("Only whether an investigation is opened, not opened or already ongoing – nothing else."))


class ExtensionForm(StyledMixin, forms.Form):
    until = forms.DateField(label=_("New date for the decision"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Exceptional reasons (synnerliga skäl)"), widget=forms.Textarea(attrs={"rows": 4}))


class ForwardForm(StyledMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Send to the intake of"), queryset=Principal.objects.none(),
                                          empty_label=_("Choose a municipality"))
    reason = forms.CharField(label=_("Why that municipality"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("E.g. the child is registered and lives there."))

    def __init__(self, *args, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = routing.municipalities()
        if exclude is not None:
            queryset = queryset.exclude(pk=exclude)
        self.fields["municipality"].queryset = queryset


class IntakeSettingsForm(StyledMixin, forms.ModelForm):
    """The intake's own municipality's settings; the municipality is never a field."""

    class Meta:
        model = IntakeSettings
        fields = ["show_sip", "intake_email"]
        widgets = {"intake_email": forms.EmailInput(attrs={"autocomplete": "off"})}


QUEUE_STATES = [("open", _("Not decided")), ("received", ReportStatus.RECEIVED.label),
                ("assessed", ReportStatus.ASSESSED.label), ("overdue", _("Overdue")),
                ("feedback", _("Feedback not given")), ("decided", _("Decided")), ("all", _("All"))]


class QueueForm(StyledMixin, forms.Form):
    default_renderer = InlineRenderer  # its select and input written in Python (ADR 0029)

    state = forms.ChoiceField(label=_("Show"), choices=QUEUE_STATES, required=False)
    q = forms.CharField(label=_("Reference number"), max_length=20, required=False)


class StatisticsForm(StyledMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Principal.objects.none(),
                                          required=False, empty_label=_("All municipalities"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = routing.municipalities()
        self.fields["year"].initial = timezone.localdate().year
