"""``dvcq rebuild-search-index``: drop the search index and index every object again."""

from django.core.management.base import BaseCommand
from django.db import connection

from search import indexing, structures
from search.backends import backend


class Command(BaseCommand):
    help = "Xây dựng lại chỉ mục tìm kiếm từ toàn bộ dữ liệu."

    def handle(self, *args, **options):
        structures.ensure(connection)
        counts = indexing.rebuild()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(structures.SQLITE_REBUILD)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} mục ({backend().name})."))
