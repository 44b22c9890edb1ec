"""Access events in words an auditor reads: Swedish roles, actions, legal grounds and objects,
never the codes the log stores (``sip_lead``, ``emergency``, ``childplans.coordinatedplan``)."""

from __future__ import annotations

from django.apps import apps
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillsammans.accounts.roles import Role
from tillsammans.childplans.models import LegalGround
from tillsammans.core.models import AccessEvent

# Object types the log writes that are not models.
SPECIAL_OBJECTS = {
    "childplans.emergency": gettext_lazy("Emergency access to a coordinated plan"),
    "childplans.search": gettext_lazy("Search for a child"),
    "core.accessevent": gettext_lazy("The access log"),
    "logreview.extract": gettext_lazy("Extract from the access log"),
}
PURPOSES = {
    "loggkontroll": gettext_lazy("Log review"),
    "SIP": gettext_lazy("Coordinated individual plan (SIP)"),
    "orosanmalan-anmalare": gettext_lazy("Report of concern (the reporter's side)"),
    "orosanmalan-mottagning": gettext_lazy("Report of concern (intake)"),
}


def role_label(code: str) -> str:
    if not code:
        return _("no role")
    if code == "family":
        return _("Guardian or young person (e-ID)")
    return str(Role(code).label) if code in Role.values else _("other role")


def purpose_label(purpose: str) -> str:
    if purpose in LegalGround.values:
        return str(LegalGround(purpose).label)
    return str(PURPOSES.get(purpose, purpose))


def _model_name(label: str) -> str | None:
    app_label, _dot, model_name = label.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None
    return str(model._meta.verbose_name)


def object_label(event: AccessEvent) -> str:
    """"Samordnad plan nr 10 (barn nr 5)" rather than "childplans.coordinatedplan 10 (child 5)"."""
    special = SPECIAL_OBJECTS.get(event.object_type)
    if special is not None:
        text = str(special)
    else:
        name = _model_name(event.object_type)
        text = capfirst(name) if name else _("Other information")
        if event.object_id:
            text = _("%(what)s no. %(id)s") % {"what": text, "id": event.object_id}
    if event.person_type and event.person_id:
        person = _model_name(f"childplans.{event.person_type}") or _model_name(f"accounts.{event.person_type}")
        person = person or _("person")
        text += " (" + _("%(what)s no. %(id)s") % {"what": person, "id": event.person_id} + ")"
    return text


def user_label(event: AccessEvent) -> str:
    if event.user_label.startswith("system:"):
        return _("Tillsammans itself (automatic job)")
    if event.user_label.startswith("family:"):
        return _("The family, with e-ID (%(number)s)") % {"number": event.user_label[7:] or "–"}
    return event.user_label or "–"


def describe(rows: list[AccessEvent]) -> list[AccessEvent]:
    """Each row in words. A page of 50 events has a handful of roles, actions and purposes: each
    label is translated once for the page, not once a row (``get_action_display`` translated every
    action's label for every row)."""
    actions = {value: str(label) for value, label in AccessEvent._meta.get_field("action").flatchoices}
    roles: dict[str, str] = {}
    purposes: dict[str, str] = {}
    for row in rows:
        if row.role not in roles:
            roles[row.role] = role_label(row.role)
        if row.purpose not in purposes:
            purposes[row.purpose] = purpose_label(row.purpose)
        row.user_display = user_label(row)
        row.role_label = roles[row.role]
        row.purpose_label = purposes[row.purpose]
        row.action_label = actions.get(row.action, row.action)
        row.object_label = object_label(row)
    return rows
