"""PostgreSQL: the scope tokens (``@u<unit id>``, ``@docs``) and the word prefixes
(``~ngu``) join the ``tsv`` column, so a commune's search intersects its own posting list
in the GIN index and a prefix is one exact entry (see ``search.structures``)."""

from django.db import migrations

DROP = [
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
]
INDEX = "CREATE INDEX search_entry_tsv ON search_searchentry USING gin (tsv)"
WORDS = (
    "setweight(to_tsvector('simple'::regconfig, title_folded), 'A') || "
    "to_tsvector('simple'::regconfig, folded)"
)
SCOPE = "array_to_tsvector(string_to_array('@' || replace(btrim(scope), ' ', ' @'), ' '))"
PREFIXES = (
    "CREATE OR REPLACE FUNCTION search_prefixes(words text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT array_to_tsvector(coalesce(array_agg(DISTINCT '~' || left(w, n)), '{}')) "
    "FROM unnest(string_to_array(btrim(words), ' ')) AS w, generate_series(2, length(w) - 1) AS n"
    " $$"
)
STATISTICS = "ALTER TABLE search_searchentry ALTER COLUMN tsv SET STATISTICS 1000"


def _column(expression):
    return (
        "ALTER TABLE search_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
        f"({expression}) STORED"
    )


def _rebuild(schema_editor, statements):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    expression = f"{WORDS} || {SCOPE} || search_prefixes(title_folded || folded)"
    _rebuild(schema_editor, [PREFIXES, *DROP, _column(expression), STATISTICS, INDEX])


def backwards(apps, schema_editor):
    _rebuild(
        schema_editor, [*DROP, _column(WORDS), INDEX, "DROP FUNCTION IF EXISTS search_prefixes"]
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(forwards, backwards)]
