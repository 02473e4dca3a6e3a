"""``dvcq petition-tally [--rebuild]``: compare the monthly petition tally with the petitions
(``citizens.tally``); ``--rebuild`` counts it again. Exit status 1 when they disagree and
nothing was rebuilt."""

from django.core.management.base import BaseCommand, CommandError

from citizens import tally


class Command(BaseCommand):
    help = "Đối chiếu số đơn theo tháng (bảng tổng hợp của màn hình cấp trên) với đơn thư."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Đếm lại toàn bộ.")

    def handle(self, *args, rebuild=False, **options):
        if rebuild:
            tally.rebuild()
            self.stdout.write("Đã đếm lại số đơn theo tháng từ đơn thư.")
        wrong = tally.check()
        if not wrong:
            self.stdout.write("Số đơn theo tháng khớp với đơn thư.")
            return
        for unit, month, status, tallied, counted in wrong[:20]:
            self.stdout.write(f"  đơn vị {unit}, tháng {month}, {status}: {tallied} ≠ {counted}")
        raise CommandError(
            f"{len(wrong)} dòng không khớp với đơn thư; chạy lại với --rebuild để đếm lại."
        )
