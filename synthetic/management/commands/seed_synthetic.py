"""``dvcq seed-synthetic``: fill the database with a synthetic province for measuring.

    dvcq seed-synthetic --communes 130 --years 5 [--provinces N] [--seed N] [--petitions 300]
                        [--today YYYY-MM-DD] [--database-url URL] [--no-migrate]

Over 1,000 communes (``--communes 3321``, the national case) the communes are spread over
34 provinces, each a root with its own viewer, unless ``--provinces`` says otherwise.

Units, users (password ``--password``), committees, a program per commune and year, task
updates and evidence records, activities, reception and petitions (``synthetic.generate``).
"""

import datetime
import time
from io import StringIO

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from dvcq.planner import refresh_planner_statistics
from synthetic.generate import (
    Generator,
    Options,
    default_provinces,
    province_code,
    province_viewer,
)


def use_database(url: str) -> None:
    """Point the ``default`` connection at ``url`` for the rest of the process."""
    connections["default"].close()
    config = dj_database_url.parse(url)
    if config["ENGINE"] == settings.DATABASES["default"]["ENGINE"]:
        config["OPTIONS"] = settings.DATABASES["default"].get("OPTIONS", {})
    connections.settings["default"] = connections.configure_settings({"default": config})["default"]
    del connections["default"]


class Command(BaseCommand):
    help = "Tạo dữ liệu tổng hợp của một tỉnh (đơn vị, chương trình, đơn thư...) để đo hiệu năng."

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, default=130)
        parser.add_argument(
            "--provinces",
            type=int,
            default=None,
            help="how many provinces share the communes (default 1; 34 over 1,000 communes)",
        )
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="the date the province is seeded as of (YYYY-MM-DD; default today)",
        )
        parser.add_argument("--petitions", type=int, default=300, help="per commune per year")
        parser.add_argument("--password", default="synthetic-dvcq")
        parser.add_argument("--database-url", default="")
        parser.add_argument("--no-migrate", action="store_true")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="leave the search index empty (bulk rows bypass the signals that index them)",
        )

    def handle(self, *args, **options):
        if options["communes"] < 1 or options["years"] < 1 or options["petitions"] < 0:
            raise CommandError("--communes và --years phải ≥ 1, --petitions ≥ 0.")
        provinces = options["provinces"]
        if provinces is None:
            provinces = default_provinces(options["communes"])
        if not 1 <= provinces <= options["communes"]:
            raise CommandError("--provinces phải từ 1 đến số xã (--communes).")
        if options["database_url"]:
            use_database(options["database_url"])
        if not options["no_migrate"]:
            call_command("migrate", verbosity=0, interactive=False)
        generator = Generator(
            Options(
                communes=options["communes"],
                provinces=provinces,
                years=options["years"],
                seed=options["seed"],
                today=options["today"],
                petitions=options["petitions"],
                password=options["password"],
                progress=not options["no_progress"],
            )
        )
        # Rows and search index in one transaction: an interrupted run leaves nothing that
        # the next one would take for a finished province.
        try:
            with transaction.atomic():
                summary = generator.run()
                if not options["no_index"]:
                    # Bulk inserts send no signals: index everything once, as
                    # rebuild-search-index does.
                    started = time.perf_counter()
                    call_command("rebuild_search_index", stdout=StringIO())
                    indexed = time.perf_counter() - started
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        analysed = refresh_planner_statistics()
        where = (
            f"province {province_code(1)}"
            if provinces == 1
            else f"provinces {province_code(1)} … {province_code(provinces)}"
        )
        self.stdout.write(
            f"Synthetic {where}: {options['communes']} communes × "
            f"{options['years']} years ({generator.years[0]}–{generator.years[-1]}), "
            f"seed {options['seed']}, in {summary.seconds:.1f} s"
        )
        for name, number in summary.counts.items():
            self.stdout.write(f"  {name:<18} {number:>9,}")
        if not options["no_index"]:
            self.stdout.write(f"  search index rebuilt in {indexed:.1f} s")
        if analysed is not None:
            self.stdout.write(f"  planner statistics ({analysed[0]}) in {analysed[1]:.1f} s")
        self.stdout.write(
            f"Logins (password {options['password']!r}): {province_viewer(1)} (province viewer), "
            f"syn-0001-vanphong (office), syn-0001-chutich, syn-0001-thanhvien1, syn-0001-xem"
        )
