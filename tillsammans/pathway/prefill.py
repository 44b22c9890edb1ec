"""The report of concern opened from the pathway "with what is known filled in": the providers of
``?oro=<worry>`` and ``?arende=<request>`` for concerns.prefill. Access is checked and the read is
logged by ``selectors.report_prefill``; "no such worry" and "not yours" give the same answer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tillsammans.concerns.prefill import Prefill, provider
from tillsammans.core import identity
from tillsammans.pathway import selectors
from tillsammans.pathway.models import ForumRequest, Worry


def _prefill(actor, *, worry=None, request=None) -> Prefill | None:
    try:
        data = selectors.report_prefill(actor, worry=worry, request=request)
    except PermissionDenied:
        return None
    if not data:
        return None
    worry = request.worry if request is not None else worry
    child = worry.child
    log = getattr(worry, "relay_log", None)
    guardians = ", ".join(g.name for g in child.guardians.filter(has_custody=True, protected_identity=False))
    return Prefill(
        child_number=identity.display(child.personal_number),
        child_name="" if child.protected_identity else f"{child.first_name} {child.last_name}",
        child_age=child.age, guardians=guardians, observations=data["observations"],
        child_unit=log.unit if log is not None else worry.unit,
        note=_("Filled in from the worry of %(date)s. Read it through before you send the report.")
        % {"date": worry.arose_on.isoformat()})


@provider("oro")
def from_worry(actor, value: str) -> Prefill | None:
    worry = Worry.objects.select_related("child", "unit").filter(pk=int(value)).first()
    return _prefill(actor, worry=worry) if worry is not None else None


@provider("arende")
def from_request(actor, value: str) -> Prefill | None:
    request = ForumRequest.objects.select_related("worry__child", "worry__unit", "forum").filter(pk=int(value)).first()
    return _prefill(actor, request=request) if request is not None else None
