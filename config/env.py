"""Typed, validated configuration from the environment.

Every setting the installation can change is read here, once, at start. A bad value stops the
process with a message that names the variable, the value and what is expected, so that an
operator never has to read a traceback to find a typo.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nej", ""}


class ConfigError(ImproperlyConfigured):
    """A configuration value is missing or malformed."""


@dataclass
class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    source: Mapping[str, str] = field(default_factory=lambda: os.environ)

    def _raw(self, name: str) -> str | None:
        value = self.source.get(name)
        return None if value is None else value.strip()

    def str(self, name: str, default: str | None = None, *, required: bool = False) -> str:
        value = self._raw(name)
        if value in (None, ""):
            if required or default is None:
                raise ConfigError(f"{name} must be set (a non-empty string).")
            return default
        return value

    def bool(self, name: str, default: bool = False) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ConfigError(f"{name}={value!r} is not a boolean: use true or false.")

    def int(self, name: str, default: int, *, minimum: int | None = None,
            maximum: int | None = None) -> int:
        value = self._raw(name)
        if value in (None, ""):
            return default
        try:
            number = int(value)
        except ValueError:
            raise ConfigError(f"{name}={value!r} is not a whole number.") from None
        if minimum is not None and number < minimum:
            raise ConfigError(f"{name}={number} is below the minimum {minimum}.")
        if maximum is not None and number > maximum:
            raise ConfigError(f"{name}={number} is above the maximum {maximum}.")
        return number

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        value = self._raw(name)
        if value in (None, ""):
            return list(default or [])
        return [part.strip() for part in value.split(",") if part.strip()]

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self._raw(name) or default
        if value not in choices:
            raise ConfigError(f"{name}={value!r} must be one of: {', '.join(choices)}.")
        return value

    def database(self, name: str, default_sqlite_path: str) -> dict:
        import dj_database_url

        value = self._raw(name)
        if not value:
            return {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": default_sqlite_path,
                "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            }
        try:
            config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
        except (ValueError, KeyError) as exc:
            raise ConfigError(f"{name} is not a database URL we understand: {exc}") from None
        engine = config.get("ENGINE", "")
        if engine.endswith("sqlite3"):
            config.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
            config["CONN_MAX_AGE"] = 0
        elif not engine.endswith("postgresql"):
            raise ConfigError(f"{name} must point at PostgreSQL or SQLite, not {engine!r}.")
        return config
