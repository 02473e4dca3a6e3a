"""Counters that every process shares, for limits an attacker must not multiply by the
number of app server workers (the public status lookup, the API budget, password spraying).

One small interface, two stores:

- ``DatabaseCounters`` (the default): the ``dvcq.Counter`` table; each hit is one atomic
  statement (``UPDATE … SET count = count + 1 … RETURNING``, or a reset of an expired
  window, or ``INSERT … ON CONFLICT DO NOTHING``), so concurrent hits each get their own
  number.
- ``RedisCounters`` when ``DVCQ_CACHE_URL`` is set: ``INCR`` and, on the first hit of a
  window, ``EXPIRE``, in one Lua script (atomic on the server).

``hit`` returns the count including this hit and the seconds until the window ends: a
caller allows the attempt when the count is within its limit, which holds exactly however
many processes hit at once.
"""

import datetime
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime


@dataclass(frozen=True)
class Hit:
    count: int
    retry_after: int  # seconds until the window ends


class DatabaseCounters:
    table = "dvcq_counter"

    def _params(self, *values):
        return [
            connection.ops.adapt_datetimefield_value(v) if isinstance(v, datetime.datetime) else v
            for v in values
        ]

    def _one(self, sql: str, *values):
        with connection.cursor() as cursor:
            cursor.execute(sql.format(table=self.table), self._params(*values))
            return cursor.fetchone()

    def _hit(self, row, now) -> Hit:
        count, expires = row
        if isinstance(expires, str):
            expires = parse_datetime(expires)
        if timezone.is_naive(expires):
            expires = timezone.make_aware(expires, datetime.UTC)
        return Hit(count, max(1, int((expires - now).total_seconds())))

    def hit(self, key: str, window: int) -> Hit:
        while True:
            now = timezone.now()
            ends = now + datetime.timedelta(seconds=window)
            row = self._one(
                "UPDATE {table} SET count = count + 1 WHERE key = %s AND expires_at > %s "
                "RETURNING count, expires_at",
                key,
                now,
            )
            if row is None:
                row = self._one(
                    "UPDATE {table} SET count = 1, expires_at = %s "
                    "WHERE key = %s AND expires_at <= %s RETURNING count, expires_at",
                    ends,
                    key,
                    now,
                )
            if row is None:
                row = self._one(
                    "INSERT INTO {table} (key, count, expires_at) VALUES (%s, 1, %s) "
                    "ON CONFLICT (key) DO NOTHING RETURNING count, expires_at",
                    key,
                    ends,
                )
            if row is not None:
                return self._hit(row, now)
            # Another process created or renewed the row between the statements: again.

    def take_back(self, key: str) -> None:
        self._one(
            "UPDATE {table} SET count = count - 1 WHERE key = %s AND count > 0 RETURNING count",
            key,
        )

    def current(self, key: str) -> int:
        row = self._one(
            "SELECT count FROM {table} WHERE key = %s AND expires_at > %s", key, timezone.now()
        )
        return row[0] if row else 0

    def clear(self, key: str) -> None:
        self._one("DELETE FROM {table} WHERE key = %s RETURNING key", key)

    def purge(self) -> int:
        """Delete the windows that have ended; how many."""
        from dvcq.models import Counter

        return Counter.objects.filter(expires_at__lte=timezone.now()).delete()[0]


# INCR, and EXPIRE on a new window, atomically; the count and the seconds left.
_REDIS_HIT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
"""


# DECR only a live count above zero (never create a key without expiry).
_REDIS_TAKE_BACK = """
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return n
"""


class RedisCounters:
    prefix = "dvcq:counter:"

    def __init__(self, url: str):
        import redis

        self.client = redis.Redis.from_url(url)
        self._hit = self.client.register_script(_REDIS_HIT)
        self._take_back = self.client.register_script(_REDIS_TAKE_BACK)

    def hit(self, key: str, window: int) -> Hit:
        count, ttl = self._hit(keys=[self.prefix + key], args=[window])
        return Hit(int(count), max(1, int(ttl)))

    def take_back(self, key: str) -> None:
        self._take_back(keys=[self.prefix + key])

    def current(self, key: str) -> int:
        return int(self.client.get(self.prefix + key) or 0)

    def clear(self, key: str) -> None:
        self.client.delete(self.prefix + key)

    def purge(self) -> int:
        return 0  # Redis expires the keys itself


@cache
def _store_for(url: str):
    return RedisCounters(url) if url else DatabaseCounters()


def store():
    """The configured store: Redis when ``DVCQ_CACHE_URL`` is set, else the database."""
    return _store_for(getattr(settings, "DVCQ_CACHE_URL", ""))


def hit(key: str, window: int) -> Hit:
    return store().hit(key, window)


def take_back(key: str) -> None:
    store().take_back(key)


def current(key: str) -> int:
    return store().current(key)


def clear(key: str) -> None:
    store().clear(key)
