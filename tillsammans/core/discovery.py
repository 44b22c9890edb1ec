"""Import one named module from every project app that has it (``policies``, ``overview``, ``busy``,
``plan_sections``…): how an app joins a registry that core or a lower app keeps without the lower
one importing it. A module that is absent is skipped; an import error inside one is raised."""

from __future__ import annotations

import importlib

from django.apps import apps


def import_app_modules(module: str) -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("tillsammans."):
            try:
                importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.{module}":
                    raise
