"""Fresh planner statistics after a bulk load (a synthetic seed, a restore)."""

import time

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> tuple[str, float] | None:
    """``VACUUM (ANALYZE)`` on PostgreSQL: the statement run and the seconds it took (``None``
    elsewhere).

    After a bulk load the planner knows nothing of the new rows until autovacuum (which may
    be off, or not yet run) analyses them, and plans for empty tables: the province
    dashboard took 6 s instead of 0.2 s. The ``VACUUM`` half marks the pages all-visible, so
    that index-only scans (the dashboard's covering index) need not read the table: without
    it the national case's petition figures read 143,000 rows instead of 26,000 index
    entries (45 ms against 6 ms). ``VACUUM`` cannot run inside a transaction: within a
    caller's atomic block only ``ANALYZE`` runs. SQLite is left alone on purpose: with
    statistics its planner chose a far slower plan for the same page (docs/benchmarks.md)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(statement)
    return statement, time.perf_counter() - started
