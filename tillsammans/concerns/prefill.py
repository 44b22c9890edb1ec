"""Opening the professional's report "with what is known filled in", from another app.

Another app (the pathway's worries and forum requests) registers a provider for a query parameter:

    from tillsammans.concerns.prefill import Prefill, provider

    @provider("oro")
    def from_worry(actor, value: str) -> Prefill | None:
        worry = Worry.objects.filter(pk=value).first()
        if worry is None or not access.allowed(actor, "pathway.view_worry", worry):
            return None          # the same answer for "no such worry" and "not yours"
        audit.record(actor, AuditAction.READ, worry, person=worry.child, purpose=...)
        return Prefill(child_number=worry.child.personal_number, child_unit=worry.unit, ...)

and links to ``/orosanmalan/ny/?oro=<id>``. The form view asks the provider of each parameter in the
request; the provider checks access and writes its own access event (it knows the child). What a
provider returns only fills the form: the reporter reads it and sends it themselves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tillsammans.core.access import Actor


@dataclass
class Prefill:
    child_number: str = ""
    child_name: str = ""
    child_age: int | None = None
    child_address: str = ""
    guardians: str = ""
    observations: str = ""
    child_unit: object = None  # organisations.Unit: the child's preschool or school
    origin: str = ""  # e.g. "oro:12", kept in the access event of the report
    note: str = ""  # shown above the form, e.g. "Filled in from the worry of 3 May"
    extra: dict = field(default_factory=dict)

    def initial(self) -> dict:
        return {"child_number": self.child_number, "child_name": self.child_name, "child_age": self.child_age,
                "child_address": self.child_address, "guardians": self.guardians,
                "observations": self.observations}


Provider = Callable[[Actor, str], Prefill | None]
_PROVIDERS: dict[str, Provider] = {}

PARAMETERS = ("oro", "arende")
"""The parameters the pathway will use (a worry, a request to the forum); others may be added."""


def provider(parameter: str) -> Callable[[Provider], Provider]:
    def register(function: Provider) -> Provider:
        _PROVIDERS[parameter] = function
        return function

    return register


def unregister(parameter: str) -> None:
    _PROVIDERS.pop(parameter, None)


def lookup(actor: Actor, query) -> tuple[Prefill | None, bool]:
    """(what to fill in, whether a prefill was asked for). An id that is not a number, that no
    provider knows, that does not exist or that the actor may not see all give (None, True)."""
    for parameter, function in _PROVIDERS.items():
        value = query.get(parameter)
        if value is None:
            continue
        if not value.isdigit():
            return None, True
        found = function(actor, value)
        if found is not None:
            found.origin = found.origin or f"{parameter}:{value}"
        return found, True
    asked = any(name in query for name in PARAMETERS)
    return None, asked
