"""Django's Redis cache with one client object per connection pool.

Django's ``RedisCacheClient`` builds a new ``redis.Redis`` for every operation; its constructor
(response callbacks, retry and connection settings) costs more than a GET on loopback, and every
request does two or three (the session, rate limits). The client is thread-safe and only wraps the
pool, so it is kept. Configured by ``CACHE_URL`` (config/settings/base.py)."""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
