"""Policies of the core app."""

from tillsammans.accounts.roles import Role
from tillsammans.core.access import declare_child_data, has_role, in_membership, register

register("core.system_admin", has_role(Role.SYSTEM_ADMIN))
register("core.member", in_membership)

# Routes that show child data: every answer is "no-store", and a refused request is logged.
# An app that shows child data adds its own policies here (or calls declare_child_data itself).
declare_child_data("childplans.*", "logreview.*")
