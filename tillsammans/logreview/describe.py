"""Access events in words an auditor reads: Swedish roles, actions, legal grounds and objects,
never the codes the log stores (``sip_lead``, ``emergency``, ``childplans.coordinatedplan``)."""

from __future__ import annotations

from django.apps import apps
from django.utils import timezone
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
    return _Words().object(event)


def user_label(event: AccessEvent) -> str:
    if event.user_label.startswith("system:"):
        return _("Tillsammans itself (automatic job)")
    if event.user_label.startswith("family:"):
        return _("The family, with e-ID (%(number)s)") % {"number": event.user_label[7:] or "–"}
    return event.user_label or "–"


FLAG_LABELS = {
    "emergency": gettext_lazy("Emergency access"),
    "protected": gettext_lazy("Protected identity"),
    "many": gettext_lazy("Many children"),
    "night": gettext_lazy("Outside office hours"),
    "refused": gettext_lazy("Refused"),
    "probing": gettext_lazy("Repeated refusals"),
}


class _Words:
    """The words of one page, each translated once however many rows use it."""

    def __init__(self) -> None:
        self.number = _("%(what)s no. %(id)s")
        self.roles: dict[str, str] = {}
        self.purposes: dict[str, str] = {}
        self.objects: dict[str, tuple[str, bool]] = {}
        self.people: dict[str, str] = {}
        self.users: dict[str, str] = {}

    def role(self, code: str) -> str:
        if code not in self.roles:
            self.roles[code] = role_label(code)
        return self.roles[code]

    def purpose(self, purpose: str) -> str:
        if purpose not in self.purposes:
            self.purposes[purpose] = purpose_label(purpose)
        return self.purposes[purpose]

    def object(self, event) -> str:
        """``object_label``, with the names of the page's object and person types looked up once."""
        if event.object_type not in self.objects:
            special = SPECIAL_OBJECTS.get(event.object_type)
            if special is not None:  # words of their own, never numbered
                self.objects[event.object_type] = (str(special), False)
            else:
                name = _model_name(event.object_type)
                self.objects[event.object_type] = (capfirst(name) if name else _("Other information"), True)
        text, numbered = self.objects[event.object_type]
        if numbered and event.object_id:
            text = self.number % {"what": text, "id": event.object_id}
        if event.person_type and event.person_id:
            if event.person_type not in self.people:
                self.people[event.person_type] = (_model_name(f"childplans.{event.person_type}")
                                                  or _model_name(f"accounts.{event.person_type}") or _("person"))
            text += " (" + self.number % {"what": self.people[event.person_type], "id": event.person_id} + ")"
        return text

    def user(self, event) -> str:
        label = event.user_label
        if label.startswith(("system:", "family:")):
            if label not in self.users:
                self.users[label] = user_label(event)
            return self.users[label]
        return label or "–"


def describe(rows: list) -> list:
    """Each row (an AccessEvent or an EventRow) in words, and the table's cells made once, here:
    the template prints them as they are. A page of 50 events has a handful of roles, actions,
    purposes, object types and flags: each label is translated once for the page, not once a row."""
    words = _Words()
    actions = {value: str(label) for value, label in AccessEvent._meta.get_field("action").flatchoices}
    flags = {name: str(label) for name, label in FLAG_LABELS.items()}
    tz = timezone.get_current_timezone()
    for row in rows:
        row.when = row.occurred_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        row.user_display = words.user(row)
        row.role_label = words.role(row.role)
        row.role_unit = f"{row.role_label}, {row.unit_label or '–'}"
        row.action_label = actions.get(row.action, row.action)
        row.object_label = words.object(row)
        detail = row.detail
        description = detail.get("description") if isinstance(detail, dict) else None
        row.description = str(description) if description else ""
        row.purpose_label = words.purpose(row.purpose)
        row.purpose_shown = row.purpose_label or "–"
        row.flag_labels = [flags[name] for name in getattr(row, "flags", ())]
    return rows
