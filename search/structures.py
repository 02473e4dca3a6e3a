"""The full-text structures each database keeps beside ``search_searchentry``.

SQLite: an FTS5 table with the entry table as its external content, kept in step by
triggers. PostgreSQL: a generated ``tsvector`` column (title weighted A, plus the scope
tokens and word prefixes) with a GIN index. Both are created by migration 0002 (the
PostgreSQL column again by 0003, which added scope and prefixes) and, idempotently, by
``rebuild-search-index`` (a later SQLite table rebuild by Django would drop the triggers).
"""

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title_folded, folded, scope, content='search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title_folded, folded, scope) "
    "VALUES (new.id, new.title_folded, new.folded, new.scope); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_folded, folded, scope) "
    "VALUES ('delete', old.id, old.title_folded, old.folded, old.scope); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_folded, folded, scope) "
    "VALUES ('delete', old.id, old.title_folded, old.folded, old.scope); "
    "INSERT INTO search_fts(rowid, title_folded, folded, scope) "
    "VALUES (new.id, new.title_folded, new.folded, new.scope); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
SQLITE_REBUILD = "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"

# Besides the words, the tsvector holds (without positions) the scope tokens ``@u1 @u9`` and
# the proper prefixes of every word from two letters on (``~ng ~ngu ~nguy ~nguye``): none
# can meet a folded word (letters and digits only). A prefix query ``ngu:*`` would make the
# GIN index merge the posting lists of every word starting so (a whole table for "an:*",
# which "anh" starts), while ``ngu | ~ngu`` is two exact entries it can intersect, skipping,
# with a commune's ``@u9``.
POSTGRESQL_PREFIXES = (
    "CREATE OR REPLACE FUNCTION search_prefixes(words text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT array_to_tsvector(coalesce(array_agg(DISTINCT '~' || left(w, n)), '{}')) "
    "FROM unnest(string_to_array(btrim(words), ' ')) AS w, generate_series(2, length(w) - 1) AS n"
    " $$"
)
POSTGRESQL_TSV = (
    "setweight(to_tsvector('simple'::regconfig, title_folded), 'A') || "
    "to_tsvector('simple'::regconfig, folded) || "
    "array_to_tsvector(string_to_array('@' || replace(btrim(scope), ' ', ' @'), ' ')) || "
    "search_prefixes(title_folded || folded)"
)
POSTGRESQL = [
    POSTGRESQL_PREFIXES,
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
    f"({POSTGRESQL_TSV}) STORED",
    "ALTER TABLE search_searchentry ALTER COLUMN tsv SET STATISTICS 1000",
    "CREATE INDEX IF NOT EXISTS search_entry_tsv ON search_searchentry USING gin (tsv)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
]


def create(connection) -> None:
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(connection) -> None:
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ensure(connection) -> None:
    """Create whatever is missing (SQLite triggers dropped by a table rebuild, say)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(cursor, "search_searchentry")
        if any(column.name == "tsv" for column in columns):
            return
    create(connection)
