"""The acting person and their memberships, for the page header's role selector."""

from tillsammans.accounts.selectors import memberships_of
from tillsammans.core import access


def actor(request):
    current = getattr(request, "actor", access.ANONYMOUS)
    memberships = []
    child_plans = concerns = False
    if current.is_authenticated and current.verified:
        memberships = memberships_of(current.user)
        child_plans = access.allowed(current, "childplans.use")
        concerns = access.allowed(current, "concerns.report")
    return {"actor": current, "my_memberships": memberships, "nav_child_plans": child_plans,
            "nav_concerns": concerns}
