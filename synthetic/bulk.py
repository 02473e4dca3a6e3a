"""Fast inserts for the largest tables: rows as tuples with ids chosen here (the next ids
after the table's largest, so related rows can point at them before they are written).
Model instances and per-row SQL compiling are what make ``bulk_create`` slow at hundreds of
thousands of rows. PostgreSQL gets the rows through ``COPY ... FROM STDIN`` (psycopg 3
formats them in C); SQLite through ``executemany`` of one ``INSERT``. Sequences are reset
afterwards (PostgreSQL)."""

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

CONVERTED = (models.DateField, models.DateTimeField, models.TimeField, models.JSONField)


def copy_rows(table: str, columns: list[str], rows) -> None:
    """``COPY table (columns) FROM STDIN`` of ``rows`` (tuples of Python values) on the
    default connection (PostgreSQL, psycopg 3)."""
    quote = connection.ops.quote_name
    # Table and column names come from the models, values travel as COPY data.
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        write = copy.write_row
        for row in rows:
            write(row)


class Inserter:
    def __init__(self, model, batch: int | None = None):
        self.model, self.rows = model, []
        self.copy = connection.vendor == "postgresql"
        self.batch = batch or (20_000 if self.copy else 5000)
        self.fields = list(model._meta.concrete_fields)
        self.names = [f.attname for f in self.fields]
        self.columns = [f.column for f in self.fields]
        quote = connection.ops.quote_name
        # Table and column names come from the model, values are parameters.
        self.sql = (
            f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(c) for c in self.columns)}) "
            f"VALUES ({', '.join(['%s'] * len(self.fields))})"
        )
        now = timezone.now()
        self.defaults = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults.append(now)
            else:
                self.defaults.append(f.get_default())
        self.pairs = list(zip(self.names, self.defaults, strict=True))
        # psycopg adapts dates and times itself; COPY needs no conversion but JSON's.
        kinds = (models.JSONField,) if self.copy else CONVERTED
        self.convert = [(index, f) for index, f in enumerate(self.fields) if isinstance(f, kinds)]
        last = model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
        self.next_id = last + 1
        self.count = 0

    def add(self, **values) -> int:
        pk = self.next_id
        self.next_id += 1
        values["id"] = pk
        get = values.get
        row = [get(name, default) for name, default in self.pairs]
        for index, f in self.convert:
            if row[index] is not None:
                row[index] = f.get_db_prep_save(row[index], connection)
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= self.batch:
            self.flush()
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        if self.copy:
            copy_rows(self.model._meta.db_table, self.columns, self.rows)
        else:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.rows)
        self.rows = []


def reset_sequences(*models_) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
