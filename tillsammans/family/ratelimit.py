"""A small fixed-window rate limit in the cache: per client address for logins, per person for
changes. Over the limit the family sees a plain page asking them to wait (429)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def hit(scope: str, key: str, limit: int, window_seconds: int = 3600) -> bool:
    """Count one attempt; False when the limit for this window is already reached."""
    window = int(time.time() // window_seconds)
    name = "rl:" + hashlib.sha256(f"{scope}:{key}:{window}".encode()).hexdigest()
    if cache.add(name, 1, timeout=window_seconds + 60):
        return True
    try:
        count = cache.incr(name)
    except ValueError:
        cache.set(name, 1, timeout=window_seconds + 60)
        return True
    return count <= limit
