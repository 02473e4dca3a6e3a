"""Fast inserts for the largest tables: rows as tuples with ids chosen here, written with
``executemany``; model instances and per-row SQL compiling are what make ``bulk_create``
slow at hundreds of thousands of rows. Sequences are reset afterwards (PostgreSQL)."""

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

CONVERTED = (models.DateField, models.DateTimeField, models.TimeField, models.JSONField)


class Inserter:
    def __init__(self, model, batch: int = 5000):
        self.model, self.batch, self.rows = model, batch, []
        self.fields = list(model._meta.concrete_fields)
        self.names = [f.attname for f in self.fields]
        quote = connection.ops.quote_name
        # Table and column names come from the model, values are parameters.
        self.sql = (
            f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(f.column) for f in self.fields)}) "
            f"VALUES ({', '.join(['%s'] * len(self.fields))})"
        )
        now = timezone.now()
        self.defaults = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            else:
                self.defaults[f.attname] = f.get_default()
        self.convert = {
            f.attname: (lambda v, f=f: f.get_db_prep_save(v, connection))
            for f in self.fields
            if isinstance(f, CONVERTED)
        }
        last = model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
        self.next_id = last + 1
        self.count = 0

    def add(self, **values) -> int:
        pk = self.next_id
        self.next_id += 1
        values["id"] = pk
        row = []
        for name in self.names:
            value = values[name] if name in values else self.defaults[name]
            if value is not None and name in self.convert:
                value = self.convert[name](value)
            row.append(value)
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= self.batch:
            self.flush()
        return pk

    def flush(self) -> None:
        if self.rows:
            with connection.cursor() as cursor:
                cursor.executemany(self.sql, self.rows)
            self.rows = []


def reset_sequences(*models_) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
