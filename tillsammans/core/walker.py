"""Walks every route (Django URL patterns, admin URLs, API operations per method) and lists the
ones without a declared, registered policy. Used by a test and by ``tillsammans check-policies``."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from tillsammans.core import access


@dataclass(frozen=True)
class Route:
    route: str
    name: str
    policy: str | None
    kind: str = "url"

    @property
    def problem(self) -> str | None:
        if self.policy is None:
            return "no policy declared"
        if not access.is_registered(self.policy):
            return f"unknown policy {self.policy!r}"
        return None


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            label = entry.name or getattr(callback, "__qualname__", repr(callback))
            yield Route(prefix + str(entry.pattern), label, access.policy_of(callback))


def api_operations():
    from tillsammans.api.main import api

    api.urls  # noqa: B018 - binds the routers
    for bound in api._get_bound_routers():
        for path, path_view in bound.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield Route(f"api/v1{bound.prefix}{path}", f"{method} "
                                f"{operation.view_func.__qualname__}",
                                access.policy_of(operation.view_func), kind="api")


def all_routes(urlconf: str | None = None) -> list[Route]:
    routes = list(_walk(get_resolver(urlconf).url_patterns))
    routes.extend(api_operations())
    return routes


def routes_without_policy(urlconf: str | None = None) -> list[Route]:
    return [route for route in all_routes(urlconf) if route.problem]
