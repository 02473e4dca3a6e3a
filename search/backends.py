"""Two full-text backends behind one interface.

``backend().match(queryset, query, tier)`` keeps the entries matching ``query`` at a tier:

- ``TITLE``: the words as a phrase (and every reference token) in the title;
- ``PHRASE``: the words as a phrase (and every reference token) anywhere;
- ``ALL``: every word (as a word or, from two letters on, the start of one) and every token;
- ``ANY``: at least one of them.

Each tier is answered by the database's own full-text index: FTS5 on SQLite, the
``tsv`` column (GIN) on PostgreSQL. Both also index each entry's ``scope`` (its unit and
their ancestors as tokens: an FTS5 column on SQLite, ``@u<id>`` lexemes on PostgreSQL),
so a commune's search intersects posting lists instead of reading every matching row of
the province; the ORM filters of ``search.services`` still decide what is visible. Terms
are folded letters and digits only, so they are safe inside either query language.
"""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from search.query import ParsedQuery

TITLE, PHRASE, ALL, ANY = "title", "phrase", "all", "any"
DOCUMENTS_SCOPE = "docs"


def scope_tokens(path: str | None) -> str:
    """`` u1 u9 `` for the unit path ``/1/9/`` (``docs`` for entries of no unit)."""
    if not path:
        return f" {DOCUMENTS_SCOPE} "
    return f" {' '.join(f'u{pk}' for pk in path.strip('/').split('/'))} "


TIERS = (TITLE, PHRASE, ALL, ANY)


class Backend:
    # Rows (newest ids) a wide-scope query first reads in id order, without the full-text
    # index, before asking the index (0: never); see ``search.services.newest``.
    window = 0

    def condition(self, query: ParsedQuery, tier: str, scope: str = "", indexed: bool = True):
        raise NotImplementedError

    def match(self, queryset, query: ParsedQuery, tier: str, scope: str = ""):
        """``queryset`` limited to the entries matching ``query`` at ``tier`` (and within
        ``scope``, a unit token such as ``u9``, or ``docs``, if given)."""
        return queryset.filter(self.condition(query, tier, scope))

    def object_ids(self, kind: str, query: ParsedQuery, tier: str, scope: str) -> RawSQL:
        """A subquery of the ``object_id`` of the ``kind`` entries matching ``query`` at
        ``tier`` within ``scope``, for ``pk__in=`` on the indexed model's own table (the
        index answers it; the entries' own filters are not applied)."""
        raise NotImplementedError


class SQLiteBackend(Backend):
    name = "sqlite-fts5"

    @staticmethod
    def expression(query: ParsedQuery, tier: str) -> str:
        prefixed = [f'"{w}"*' if len(w) > 1 else f'"{w}"' for w in query.words]
        exact = [f'"{t}"' for t in query.tokens]
        if tier == ANY:
            return f"({' OR '.join(prefixed + exact)})"
        if tier == ALL:
            return " AND ".join(prefixed + exact)
        parts = [f'"{" ".join(query.words)}"'] if query.words else []
        parts += exact
        expression = " AND ".join(parts)
        return f"title_folded : ({expression})" if tier == TITLE else expression

    def scoped_expression(self, query: ParsedQuery, tier: str, scope: str = "") -> str:
        expression = self.expression(query, tier)
        if tier != TITLE:
            expression = f"{{title_folded folded}} : ({expression})"
        if scope:
            expression = f'{expression} AND scope : ("{scope}" OR "{DOCUMENTS_SCOPE}")'
        return expression

    def condition(self, query: ParsedQuery, tier: str, scope: str = "", indexed: bool = True):
        expression = self.scoped_expression(query, tier, scope)
        return Q(
            pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression])
        )

    def object_ids(self, kind: str, query: ParsedQuery, tier: str, scope: str) -> RawSQL:
        # CROSS JOIN keeps the full-text table first: SQLite would otherwise read every
        # entry of the kind and ask the full-text index once per entry.
        return RawSQL(
            'SELECT "e"."object_id" FROM search_fts CROSS JOIN "search_searchentry" "e" '
            'ON "e"."id" = search_fts.rowid WHERE search_fts MATCH %s AND "e"."kind" = %s',
            [self.scoped_expression(query, tier, scope), kind],
        )


class PostgreSQLBackend(Backend):
    name = "postgresql-tsvector"
    window = 50_000

    @staticmethod
    def expression(query: ParsedQuery, tier: str) -> str:
        """A ``tsquery`` literal; terms are folded letters and digits, safe between quotes.
        A prefix ``w:*`` is written ``'w' | '~w'`` (see ``search.structures``)."""
        if tier in (ALL, ANY):
            prefixed = [f"('{w}' | '~{w}')" if len(w) > 1 else f"'{w}'" for w in query.words]
            terms = prefixed + [f"'{t}'" for t in query.tokens]
            return (" | " if tier == ANY else " & ").join(terms)
        weight = ":A" if tier == TITLE else ""
        parts = [" <-> ".join(f"'{w}'{weight}" for w in query.words)] if query.words else []
        parts += [f"'{t}'{weight}" for t in query.tokens]
        return " & ".join(f"({part})" for part in parts)

    def condition(self, query: ParsedQuery, tier: str, scope: str = "", indexed: bool = True):
        """A condition on the unaliased ``search_searchentry`` table (not for subqueries);
        ``indexed=False`` spells it as a function call, which the GIN index cannot serve, so
        the planner reads rows in primary-key order instead (its estimates for several
        correlated words are far too low and would pick the index)."""
        expression = self.scoped_expression(query, tier, scope)
        if not indexed:
            return RawSQL(
                'ts_match_vq("search_searchentry"."tsv", %s::tsquery)', [expression], BooleanField()
            )
        return RawSQL('"search_searchentry"."tsv" @@ %s::tsquery', [expression], BooleanField())

    def scoped_expression(self, query: ParsedQuery, tier: str, scope: str = "") -> str:
        expression = self.expression(query, tier)
        if scope:
            scopes = " | ".join(f"'@{token}'" for token in dict.fromkeys([scope, DOCUMENTS_SCOPE]))
            expression = f"({expression}) & ({scopes})"
        return expression

    def object_ids(self, kind: str, query: ParsedQuery, tier: str, scope: str) -> RawSQL:
        return RawSQL(
            'SELECT "e"."object_id" FROM "search_searchentry" "e" '
            'WHERE "e"."kind" = %s AND "e"."tsv" @@ %s::tsquery',
            [kind, self.scoped_expression(query, tier, scope)],
        )


def backend():
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"search: no backend for {connection.vendor}")
