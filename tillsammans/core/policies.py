"""Policies of the core app."""

from tillsammans.accounts.roles import Role
from tillsammans.core.access import has_role, in_membership, register

register("core.system_admin", has_role(Role.SYSTEM_ADMIN))
register("core.member", in_membership)
