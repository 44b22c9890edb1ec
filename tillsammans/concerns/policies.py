"""Policies for reports of concern. The rules themselves live in childplans.rules ((d) and (e))."""

import rules

from tillsammans.accounts.roles import Role
from tillsammans.childplans import rules as access_rules
from tillsammans.childplans.policies import WORKS_WITH_CHILDREN
from tillsammans.core.access import Actor, declare_child_data, has_role, register

REPORTING_ROLES = WORKS_WITH_CHILDREN
"""Everyone who meets children in their work has the duty to report (SoL 14 kap. 1 §)."""
STATISTICS_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.INTAKE)


@rules.predicate
def takes_in(actor: Actor, report) -> bool:
    return access_rules.report_basis(actor, report) == "intake"


@rules.predicate
def sent_it(actor: Actor, report) -> bool:
    return access_rules.report_basis(actor, report) == "reporter"


@rules.predicate
def runs_an_intake(actor: Actor) -> bool:
    """The acting intake membership belongs to a municipality (its unit's principal)."""
    return access_rules.intake_municipality_id(actor) is not None


register("concerns.report", has_role(*REPORTING_ROLES))
register("concerns.receipt", has_role(*REPORTING_ROLES) & sent_it)
register("concerns.intake", has_role(Role.INTAKE))
register("concerns.handle", has_role(Role.INTAKE) & takes_in)
register("concerns.statistics", has_role(*STATISTICS_ROLES))
# The intake's own municipality's settings (whether intake is told of a SIP, the team's address).
# System administrators keep the admin for every municipality; the page is intake's, for its own.
register("concerns.settings", has_role(Role.INTAKE) & runs_an_intake)

# The report, the receipt and the queue are child data: answers are never cached and a refused
# request is written to the access log. The statistics are not (suppressed counts only).
declare_child_data("concerns.report", "concerns.receipt", "concerns.intake", "concerns.handle")
