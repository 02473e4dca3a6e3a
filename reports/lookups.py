"""``<foreign key>__in_ids``: ``IN (1, 2, 3)`` with the ids written into the SQL.

The dashboard's grouped figures filter on the ids of every compared unit (130 at a province
of 130 communes) in each of its queries. As ``__in`` Django prepares each id as a parameter
and the driver parses a placeholder for each: at 130 communes that was about a third of the
page's time, more than the counting itself. Ids are integers read from the database and
written with ``int()``, so nothing from a request reaches the SQL text.
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import ForeignKey, IntegerField, Lookup


class Ids:
    """Ids for ``__in_ids``, written once as SQL. Not a list: Django walks a list value
    item by item when it builds a filter."""

    def __init__(self, pks):
        self.sql = ", ".join(str(int(pk)) for pk in pks)

    def __bool__(self) -> bool:
        return bool(self.sql)


class InIds(Lookup):
    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs if isinstance(self.rhs, Ids) else Ids(self.rhs)

    def as_sql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} IN ({self.rhs.sql})", params


ForeignKey.register_lookup(InIds)
IntegerField.register_lookup(InIds)
