"""Reads about people and memberships."""

from __future__ import annotations

from tillsammans.accounts.models import Membership, User


def _current_memberships():
    return (Membership.objects.current()
            .select_related("unit", "unit__authority", "unit__authority__principal")
            .order_by("role", "unit__name"))


def memberships_of(user: User) -> list[Membership]:
    """The person's current memberships, with unit and authority, for the header selector."""
    cache = getattr(user, "_current_memberships", None)
    if cache is None:
        cache = list(_current_memberships().filter(user=user))
        user._current_memberships = cache
    return cache


def with_current_memberships(user_id) -> User | None:
    """The person with their current memberships already loaded, in one query (what every request
    needs to know who acts); a person without a current membership takes a second, plain one."""
    memberships = list(_current_memberships().filter(user_id=user_id).select_related("user"))
    if not memberships:
        user = User.objects.filter(pk=user_id).first()
        if user is not None:
            user._current_memberships = []
        return user
    user = memberships[0].user
    for membership in memberships:
        membership.user = user
    user._current_memberships = memberships
    return user


def acting_membership(user: User, membership_id: int | None) -> Membership | None:
    """The membership the person acts in now: the one chosen in this session, else the one they last
    acted in (a person with several roles comes back to it), else the only one they have."""
    current = memberships_of(user)
    for wanted in (membership_id, user.last_membership_id):
        if wanted is not None:
            for membership in current:
                if membership.pk == wanted:
                    return membership
    if len(current) == 1:
        return current[0]
    return None


def coordinator_area_ids(membership: Membership | None) -> set[int]:
    """Areas in a coordinator's scope: the membership's areas and everything below them."""
    if membership is None:
        return set()
    from tillsammans.organisations.selectors import descendant_area_ids

    cached = getattr(membership, "_area_scope", None)
    if cached is None:
        roots = set(membership.areas.values_list("pk", flat=True))
        cached = descendant_area_ids(roots)
        membership._area_scope = cached
    return cached
