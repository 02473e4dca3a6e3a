"""The monthly petition tally (``PetitionTally``) is kept by database triggers, on SQLite
and PostgreSQL alike: one row per unit, month received and status, counted up on insert,
down on delete, and moved on an update of the unit, the day received or the status.

Triggers rather than signals: a queryset ``update()``, a bulk insert, the synthetic seed's
``COPY`` and a restore all change petitions without sending signals. A restore does not
count twice: ``pg_dump`` puts triggers after the data, and SQLite is copied page by page.
``rebuild()`` counts everything again from the petitions (the migration that creates the
tally fills it that way, and ``suspended()`` after a bulk load such as the synthetic seed);
``check()`` says which rows disagree with the petitions.
"""

from contextlib import contextmanager

from django.db import connection, transaction

TABLE = "citizens_petitiontally"

SQLITE_MONTH = "date({row}.received_on, 'start of month')"
POSTGRES_MONTH = "date_trunc('month', {row}.received_on)::date"


def _up(month: str) -> str:
    return (
        f"INSERT INTO {TABLE} (unit_id, month, status, petitions) "  # noqa: S608 -- constants
        f"VALUES (NEW.unit_id, {month.format(row='NEW')}, NEW.status, 1) "
        "ON CONFLICT (unit_id, month, status) "
        f"DO UPDATE SET petitions = {TABLE}.petitions + 1;"
    )


def _down(month: str) -> str:
    return (
        f"UPDATE {TABLE} SET petitions = petitions - 1 WHERE unit_id = OLD.unit_id "  # noqa: S608
        f"AND month = {month.format(row='OLD')} AND status = OLD.status;"
    )


CHANGED = (
    "OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.received_on IS DISTINCT FROM "
    "NEW.received_on OR OLD.status IS DISTINCT FROM NEW.status"
)

SQLITE_CREATE = [
    "CREATE TRIGGER citizens_petition_tally_insert AFTER INSERT ON citizens_petition "
    f"BEGIN {_up(SQLITE_MONTH)} END",
    "CREATE TRIGGER citizens_petition_tally_delete AFTER DELETE ON citizens_petition "
    f"BEGIN {_down(SQLITE_MONTH)} END",
    "CREATE TRIGGER citizens_petition_tally_update AFTER UPDATE OF unit_id, received_on, "
    f"status ON citizens_petition WHEN {CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} "
    f"BEGIN {_down(SQLITE_MONTH)} {_up(SQLITE_MONTH)} END",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS citizens_petition_tally_{event}"
    for event in ("insert", "delete", "update")
]

POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION citizens_petition_tally() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_down(POSTGRES_MONTH)} END IF; "
    f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_up(POSTGRES_MONTH)} END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER citizens_petition_tally AFTER INSERT OR DELETE ON citizens_petition "
    "FOR EACH ROW EXECUTE FUNCTION citizens_petition_tally()",
    "CREATE TRIGGER citizens_petition_tally_update AFTER UPDATE OF unit_id, received_on, "
    f"status ON citizens_petition FOR EACH ROW WHEN ({CHANGED}) "
    "EXECUTE FUNCTION citizens_petition_tally()",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS citizens_petition_tally ON citizens_petition",
    "DROP TRIGGER IF EXISTS citizens_petition_tally_update ON citizens_petition",
    "DROP FUNCTION IF EXISTS citizens_petition_tally()",
]


def _month(vendor: str) -> str:
    return (SQLITE_MONTH if vendor == "sqlite" else POSTGRES_MONTH).format(row="p")


def _counted(vendor: str) -> str:
    return (
        f"SELECT p.unit_id, {_month(vendor)} AS month, p.status, COUNT(*) AS petitions "  # noqa: S608
        "FROM citizens_petition p GROUP BY 1, 2, 3"
    )


def _present(conn) -> int:
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'citizens_petition_tally%'"
            )
        else:
            cursor.execute(
                "SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = "
                "'citizens_petition'::regclass AND tgname LIKE 'citizens_petition_tally%'"
            )
        return cursor.fetchone()[0]


def ensure(conn=None) -> bool:
    """After every ``migrate``: put the triggers back if a migration lost them (SQLite
    rebuilds a table to alter it, and its triggers go with the old table), then count
    everything again. True when it had to."""
    conn = conn or connection
    if conn.vendor not in ("sqlite", "postgresql"):
        return False
    if TABLE not in conn.introspection.table_names():
        return False  # migrated back before the tally
    if _present(conn) == (3 if conn.vendor == "sqlite" else 2):
        return False
    with transaction.atomic(using=conn.alias):
        drop_triggers(conn)
        create_triggers(conn)
        rebuild(conn)
    return True


@contextmanager
def suspended(conn=None):
    """Triggers off for a bulk load, then the tally counted once from the petitions. Inside
    the caller's transaction, so a failed load brings the triggers back with the rollback."""
    conn = conn or connection
    drop_triggers(conn)
    yield
    create_triggers(conn)
    rebuild(conn)


def _execute(conn, statements) -> None:
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def create_triggers(conn) -> None:
    _execute(conn, SQLITE_CREATE if conn.vendor == "sqlite" else POSTGRES_CREATE)


def drop_triggers(conn) -> None:
    _execute(conn, SQLITE_DROP if conn.vendor == "sqlite" else POSTGRES_DROP)


def rebuild(using=None) -> None:
    """Count every petition again."""
    conn = using or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 -- a constant
        cursor.execute(
            f"INSERT INTO {TABLE} (unit_id, month, status, petitions) {_counted(conn.vendor)}"
        )


def check(using=None) -> list[tuple]:
    """``(unit, month, status, tallied, counted)`` for every row where the tally and the
    petitions disagree (none, unless something bypassed the triggers)."""
    conn = using or connection
    counted = _counted(conn.vendor)
    on = "t.unit_id = c.unit_id AND t.month = c.month AND t.status = c.status"
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT c.unit_id, c.month, c.status, COALESCE(t.petitions, 0), c.petitions "  # noqa: S608
            f"FROM ({counted}) c LEFT JOIN {TABLE} t ON {on} "
            "WHERE COALESCE(t.petitions, 0) <> c.petitions "
            "UNION ALL "
            "SELECT t.unit_id, t.month, t.status, t.petitions, 0 "
            f"FROM {TABLE} t LEFT JOIN ({counted}) c ON {on} "
            "WHERE c.unit_id IS NULL AND t.petitions <> 0"
        )
        return [tuple(row) for row in cursor.fetchall()]
