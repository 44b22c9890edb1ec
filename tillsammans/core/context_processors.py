from tillsammans.core import access


def actor(request):
    current = getattr(request, "actor", access.ANONYMOUS)
    memberships = []
    if current.is_authenticated and current.verified:
        from tillsammans.accounts.selectors import memberships_of

        memberships = memberships_of(current.user)
    return {"actor": current, "my_memberships": memberships}
