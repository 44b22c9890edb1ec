from tillsammans.accounts.roles import Role
from tillsammans.core.access import has_role, register

register("logreview.review", has_role(Role.AUDITOR))
