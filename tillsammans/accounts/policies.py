"""Policies about accounts and memberships."""

from tillsammans.accounts.roles import Role
from tillsammans.core.access import has_role, register

register("accounts.manage_users", has_role(Role.SYSTEM_ADMIN))
