"""Strings the portal shows that live elsewhere (shared form templates, Django's own form errors,
the wellbeing indicators, the family's models' choices): listed here so that the portal's own
catalogues (Arabic, Somali) translate them too (docs/adr/0018). Never imported at run time."""

from django.utils.translation import gettext_noop as _
from django.utils.translation import pgettext_noop

STRINGS = [
    # includes/form_errors.html, includes/field.html, base layout
    _("Please correct the following"), _("required"), _("Skip to main content"), _("Log out"), _("Change"),
    _("Accessibility statement"), _("Privacy notice"),
    # Django's form errors (Somali has no catalogue of Django's own)
    _("This field is required."), _("Enter a valid date."),
    _("Select a valid choice. %(value)s is not one of the available choices."),
    _("Select a valid choice. That choice is not one of the available choices."),
    _("Enter a list of values."),
    # childplans.wellbeing
    _("Safe"), _("Healthy"), _("Achieving"), _("Nurtured"), _("Active"), _("Respected"), _("Responsible"),
    _("Included"), _("The professionals"), _("The child"), _("A guardian"),
    _("Radar chart of the eight wellbeing indicators: %(names)s."),
    # core.identity.shown
    pgettext_noop("shown instead of a name", "Protected identity"), _("%(name)s, %(age)s years"), _("Child"),
    _("Guardian"),
    # childplans.extract and logreview.describe: the access log's words
    _("read"), _("create"), _("update"), _("delete"), _("print"), _("export"), _("disclose"), _("grant"),
    _("revoke"), _("login"), _("no role"), _("other role"), _("System administrator"),
    _("Coordinator / process leader"),
    _("Manager / head teacher"), _("Professional"), _("SIP coordinator"), _("Social services intake"),
    _("Log auditor"), _("Action plan receiver"),
    # family.models choices shown in the portal
    _("Gave consent"), _("Gave consent to the same terms as the other guardian"), _("Withdrew consent"),
    _("The young person's own consent"), _("The young person's objection"), _("The child or young person"),
    _("Coming"), _("Not coming"), _("E-mail"), _("Text message"), _("No notices"), _("What matters to me"),
    _("What we want to talk about"),
]
