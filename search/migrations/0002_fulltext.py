"""Full-text structures per database: FTS5 on SQLite, a tsvector column on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from search import structures

    structures.create(schema_editor.connection)


def drop(apps, schema_editor):
    from search import structures

    structures.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
