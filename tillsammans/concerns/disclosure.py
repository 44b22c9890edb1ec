"""What of a report of concern may reach whom. ONE place for the reporter's protection
(OSL 26 kap. 5 §): who reported never appears in anything a guardian or the child can see,
extract or be sent – the family's log extract, a register extract, the family's own door.

Every output made for a guardian or the child calls these functions:

* :func:`without_reporter` on the access events of the family's log extract (the reporter's own
  events – sending the report, reading the receipt and the feedback – name the reporter's unit);
* :func:`for_family` for what a report may say to the family (never the reporter);
* :func:`child_as_reported` to show the child of a report through ``core.identity.shown``.

An app that makes an output for a guardian or the child (the family's own door) registers a
renderer with :func:`guardian_output`; ``concerns/tests/test_disclosure.py`` renders every one for
a reported child and fails if the reporter's name, e-mail or unit is in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tillsammans.core import identity

REPORTER_PURPOSE = "orosanmalan-anmalare"
"""Purpose of every access event written on the reporter's side (kept from the family)."""
INTAKE_PURPOSE = "orosanmalan-mottagning"
"""Purpose of intake's access events."""

GUARDIAN_OUTPUTS: dict[str, Callable[[Any], str]] = {}
"""name -> renderer(child) -> the text a guardian or the child would see (a page, a PDF's text, a
message). Registered by the apps that make them."""


def guardian_output(name: str):
    def register(render: Callable[[Any], str]) -> Callable[[Any], str]:
        GUARDIAN_OUTPUTS[name] = render
        return render

    return register


FAMILY_FIELDS = ("reference", "received_at", "status", "decision", "decided_at")
"""The only fields of a report that an output for the family may carry."""


def reporter_events() -> Q:
    """The access events that would tell who reported."""
    return Q(purpose=REPORTER_PURPOSE)


def without_reporter(events):
    """Access events for a guardian or the child: a queryset or a list, without the reporter's."""
    if isinstance(events, QuerySet):
        return events.exclude(reporter_events())
    return [event for event in events if event.purpose != REPORTER_PURPOSE]


def for_family(report) -> dict:
    """What a report may say in an output for the child or a guardian: never who reported."""
    return {name: getattr(report, name) for name in FAMILY_FIELDS}


class _AsReported:
    """The child as the report describes it, shaped like ``childplans.Child`` for ``shown()``."""

    def __init__(self, report, protected: bool):
        self.first_name, self.last_name = report.child_name, ""
        self.personal_number = report.child_number
        self.protected_identity = protected
        self.street, self.postal_code, self.city = report.child_address, "", ""
        self.phone = self.email = ""


def child_as_reported(report, *, basis: str | None, output: str = identity.PAGE) -> identity.Shown:
    """How the report's child is shown to a viewer with this basis ("intake", "reporter", None).

    The reporter sees what they wrote and nothing from the child register (no oracle: not even
    whether the child has protected identity). Intake sees the register's protection: a protected
    child's address is shown to nobody."""
    protected = bool(basis == "intake" and report.child_id and report.child.protected_identity)
    shown = identity.shown(_AsReported(report, protected), basis=basis, output=output)
    if shown.age is None and report.child_age is not None:
        shown.age = report.child_age
    if shown.named and not report.child_name:
        shown.name = shown.number or _("Child")
    return shown
