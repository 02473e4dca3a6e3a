"""``dvcq export-program --unit CODE --year YYYY --format docx|pdf --output FILE``: write a
unit's program of one year as a Word or PDF file in the format of Decree 30/2020.

Errors are told in Vietnamese; nothing is written when the unit, year or format is wrong.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outgoing.export_docx import program_docx
from outgoing.export_pdf import program_pdf
from programs.models import Program
from units.models import Unit

WRITERS = {"docx": program_docx, "pdf": program_pdf}
OPTIONS = ("unit", "year", "format", "output")


class Command(BaseCommand):
    help = "Xuất chương trình công tác của một đơn vị ra tệp .docx hoặc .pdf (Nghị định 30/2020)."

    def add_arguments(self, parser):
        # Checked in handle(), so that a missing option is told in Vietnamese too.
        parser.add_argument("--unit", help="mã đơn vị, ví dụ xa-hung-chinh")
        parser.add_argument("--year", help="năm của chương trình, ví dụ 2023")
        parser.add_argument("--format", help="docx hoặc pdf")
        parser.add_argument("--output", help="tệp sẽ ghi ra")

    def handle(self, *args, **options):
        missing = [f"--{name}" for name in OPTIONS if not options.get(name)]
        if missing:
            raise CommandError(
                f"Thiếu {', '.join(missing)}. Ví dụ: dvcq export-program --unit xa-hung-chinh "
                "--year 2023 --format docx --output chuong-trinh.docx"
            )
        fmt = options["format"].lower().lstrip(".")
        if fmt not in WRITERS:
            raise CommandError(
                f"Định dạng “{options['format']}” không được hỗ trợ; chọn docx hoặc pdf."
            )
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{options['unit']}”.")
        year = options["year"]
        if not year.isdigit():
            raise CommandError(f"Năm “{year}” không hợp lệ; ghi năm bằng số, ví dụ 2023.")
        program = Program.objects.filter(unit=unit, year=int(year)).first()
        if program is None:
            raise CommandError(f"{unit.name} chưa có chương trình năm {year}.")
        data = WRITERS[fmt](program)
        output = Path(options["output"])
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {output}: {exc.strerror or exc}.") from exc
        self.stdout.write(
            f"Đã xuất {program.doc_type.lower()} năm {program.year} của {unit.name} ra {output}."
        )
