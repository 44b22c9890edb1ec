"""The access engine: one place that says who may do what.

* Every view, API operation and admin URL declares a policy with :func:`policy`. A request to a
  view without one is refused at run time by :class:`~tillsammans.core.middleware.PolicyMiddleware`
  and the URL walker test names it.
* Named policies are ``rules`` predicates taking ``(actor, obj)``, registered in each app's
  ``policies.py`` with :func:`register`. Pages, API, exports and the admin call the same names.
* Reads are scoped by querysets (``Model.objects.visible_to(actor)``), never by hidden menus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import rules
from django.core.exceptions import PermissionDenied

from tillsammans.core.discovery import import_app_modules

if TYPE_CHECKING:
    from tillsammans.accounts.models import Membership, User

logger = logging.getLogger("tillsammans.access")

PUBLIC = "public"
"""Anyone, without logging in (health check, accessibility statement, login pages)."""

AUTHENTICATED = "authenticated"
"""Any person logged in with a second factor, acting in a membership or not (account pages)."""

API_DELEGATED = "api.delegated"
"""Marks the django-ninja dispatcher: each API operation declares and enforces its own policy."""

BUILTIN = {PUBLIC, AUTHENTICATED, API_DELEGATED}

FAMILY_PREFIX = "family."
"""Policies of the family's own door (``family.*``): only a family member logged in with e-ID reaches
them, and a family member reaches nothing else (docs/adr/0016-family-subject.md)."""

POLICIES = rules.RuleSet()

V = TypeVar("V", bound=Callable[..., Any])


@dataclass(frozen=True)
class Actor:
    """Who is acting: a person in one membership, or the system itself (worker, command)."""

    user: User | None = None
    membership: Membership | None = None
    verified: bool = False
    client_ip: str | None = None
    request_id: str = ""
    system: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    family: Any = None
    """A guardian or young person logged in with e-ID (``family.subject.FamilyMember``): no user
    account, no membership. Set only by the family app's middleware."""

    @classmethod
    def for_system(cls, name: str) -> Actor:
        return cls(system=name, verified=True)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user is not None and self.user.is_authenticated)

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    def has_role(self, *roles: str) -> bool:
        return self.membership is not None and self.membership.role in roles

    @property
    def unit(self):
        return self.membership.unit if self.membership else None

    def __str__(self) -> str:
        if self.system:
            return f"system:{self.system}"
        if self.family is not None:
            return "familj"
        return str(self.user) if self.user else "anonym"


ANONYMOUS = Actor()


def register(name: str, predicate: Callable[..., bool] | rules.Predicate) -> None:
    """Register a named policy. Names are ``app.verb_noun``, e.g. ``organisations.change_unit``."""
    if name in BUILTIN:
        raise ValueError(f"{name} is a built-in policy")
    if POLICIES.rule_exists(name):
        POLICIES.set_rule(name, predicate)
    else:
        POLICIES.add_rule(name, predicate)


CHILD_DATA_POLICIES: set[str] = set()
"""Policies (or ``app.*`` prefixes) whose routes carry child data: their answers are never cached,
and a refused request to them is written to the access log (see core.middleware)."""


def declare_child_data(*names: str) -> None:
    """Declare that routes with these policies show child data (``"childplans.*"`` for an app)."""
    CHILD_DATA_POLICIES.update(names)


def carries_child_data(name: str | None) -> bool:
    if not name or name in BUILTIN:
        return False
    return name in CHILD_DATA_POLICIES or f"{name.split('.', 1)[0]}.*" in CHILD_DATA_POLICIES


def is_registered(name: str) -> bool:
    return name in BUILTIN or POLICIES.rule_exists(name)


def allowed(actor: Actor, name: str, obj: Any = None) -> bool:
    """True if ``actor`` may do ``name`` (on ``obj``). Unknown names are denied."""
    if name == PUBLIC:
        return True
    if actor.family is not None or name.startswith(FAMILY_PREFIX):
        # Two worlds that never meet: a family member reaches family policies only, and a family
        # policy reaches nobody but a family member without a staff account.
        if actor.family is None or actor.user is not None or actor.system is not None \
                or not name.startswith(FAMILY_PREFIX) or not POLICIES.rule_exists(name):
            return False
        return bool(POLICIES.test_rule(name, actor, obj))
    if name == AUTHENTICATED:
        return actor.is_authenticated and actor.verified
    if not POLICIES.rule_exists(name):
        logger.error("Policy %r is not registered; denying.", name)
        return False
    if actor.system is None and not (actor.is_authenticated and actor.verified):
        return False
    return bool(POLICIES.test_rule(name, actor, obj))


def require(actor: Actor, name: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless ``actor`` may do ``name`` (on ``obj``)."""
    if not allowed(actor, name, obj):
        raise PermissionDenied(name)


def policy(name: str) -> Callable[[V], V]:
    """Declare the policy of a view function, a class-based view or an API operation."""

    def decorator(view: V) -> V:
        view.access_policy = name  # type: ignore[attr-defined]
        return view

    return decorator


def policy_of(view: Any) -> str | None:
    """The declared policy of a resolved view callable, or None."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "cls", None)):
        name = getattr(candidate, "access_policy", None)
        if name:
            return name
    wrapped = getattr(view, "__wrapped__", None)
    if wrapped is not None and wrapped is not view:
        return policy_of(wrapped)
    return None


def mark_patterns(patterns: list, name: str) -> list:
    """Declare ``name`` as the policy of every view in a list of URL patterns (admin, API)."""
    from django.urls import URLPattern, URLResolver

    for entry in patterns:
        if isinstance(entry, URLResolver):
            mark_patterns(entry.url_patterns, name)
        elif isinstance(entry, URLPattern) and policy_of(entry.callback) is None:
            try:
                entry.callback.access_policy = name
            except AttributeError:  # bound methods: wrap once
                original = entry.callback

                def wrapper(*args, _original=original, **kwargs):
                    return _original(*args, **kwargs)

                wrapper.access_policy = name  # type: ignore[attr-defined]
                wrapper.__wrapped__ = original  # type: ignore[attr-defined]
                entry.callback = wrapper
    return patterns


def autodiscover_policies() -> None:
    """Import every installed app's ``policies`` module so that its names are registered."""
    import_app_modules("policies")


# Predicates shared by every app -------------------------------------------------------------


@rules.predicate
def is_system(actor: Actor) -> bool:
    return actor.system is not None


def has_role(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(actor: Actor) -> bool:
        return actor.has_role(*roles)

    return predicate


@rules.predicate
def in_membership(actor: Actor) -> bool:
    return actor.membership is not None
