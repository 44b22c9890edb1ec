"""Events: everyone acting in a membership sees events and registers; coordinators and managers
create them; an event's organisers (or its series' organisers) manage it. Competence coverage is
for coordinators (all areas) and managers (their own unit's people)."""

import rules

from tillsammans.accounts.roles import Role
from tillsammans.core.access import Actor, has_role, in_membership, register
from tillsammans.events.models import EventSeries


@rules.predicate
def organises(actor: Actor, event) -> bool:
    if event is None or actor.membership is None:
        return False
    pk = actor.membership.pk
    if event.organisers.filter(pk=pk).exists():
        return True
    return event.series_id is not None and EventSeries.organisers.through.objects.filter(
        eventseries_id=event.series_id, membership_id=pk).exists()


@rules.predicate
def organises_series(actor: Actor, series) -> bool:
    return series is not None and actor.membership is not None and series.organisers.filter(
        pk=actor.membership.pk).exists()


@rules.predicate
def own_registration(actor: Actor, registration) -> bool:
    return registration is not None and actor.user is not None and registration.user_id == actor.user.pk


ORGANISER_ROLES = has_role(Role.COORDINATOR, Role.MANAGER)

register("events.view", in_membership)
register("events.create", ORGANISER_ROLES)
register("events.manage", organises)
register("events.manage_series", organises_series)
register("events.certificate", own_registration | rules.predicate(
    lambda actor, registration: registration is not None and organises(actor, registration.event)))
register("events.coverage", has_role(Role.COORDINATOR, Role.MANAGER))
register("events.manage_courses", has_role(Role.COORDINATOR))
