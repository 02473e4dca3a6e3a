"""``dvcq import-program FILE --unit CODE``: read a program document and create the program.

With ``--dry-run`` nothing is saved and the reading is printed (``--format json`` gives the
report of ``docs/import-format.md``). Errors are told in Vietnamese and leave the database as it
was.
"""

import json
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from documents.importing import ImportFileError, parse_program_file, read_source, require_tasks


def source_text(filename: str, data: bytes) -> str:
    """The document's text as kept beside the program (shown on the review screen)."""
    try:
        return unicodedata.normalize("NFC", read_source(filename, data))
    except ImportFileError:
        return ""


class Command(BaseCommand):
    help = "Đọc văn bản chương trình/kế hoạch công tác và tạo chương trình cho đơn vị."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp văn bản (.txt, .docx)")
        parser.add_argument("--unit", help="mã đơn vị, ví dụ xa-hung-chinh")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ đọc và in kết quả, không lưu"
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if path.is_dir():
            self._handle_folder(path, options)
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không mở được tệp {path}: {exc.strerror or exc}.") from exc
        if len(data) > settings.IMPORT_MAX_BYTES:
            raise CommandError(
                f"Tệp {path.name} quá lớn: tối đa {settings.IMPORT_MAX_BYTES // 2**20} MB."
            )
        try:
            reading = parse_program_file(path.name, data)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc

        if options["dry_run"]:
            self._print(reading, options["format"])
            return
        if not options["unit"]:
            raise CommandError("Cần chỉ rõ đơn vị: --unit MÃ_ĐƠN_VỊ.")
        report = self._save(path, reading, options["unit"], data)
        program = report.program
        if options["format"] == "json":
            payload = {
                "program": program.pk,
                "created": report.created,
                "added": report.added,
                "changed": report.changed,
                "removed": report.removed,
                **reading.to_dict(),
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if report.created:
            self.stdout.write(
                f"Đã tạo chương trình năm {program.year} của {program.unit.name}: "
                f"{program.tasks.count()} mục, {program.citations.count()} văn bản trích dẫn."
            )
        else:
            for line in report.lines():
                self.stdout.write(line)
        for warning in reading.warnings:
            self.stdout.write(f"Lưu ý: {warning}")

    def _handle_folder(self, folder: Path, options) -> None:
        """Every document of a folder: a progress bar on stderr, a failure summary at the end.
        Without --dry-run each document updates or creates its year's program for --unit."""
        from documents.importing.batch import Failure, parse_folder

        if not options["dry_run"] and not options["unit"]:
            raise CommandError("Cần chỉ rõ đơn vị: --unit MÃ_ĐƠN_VỊ.")

        def progress(done, total, file):
            width = 30
            filled = width * done // total if total else width
            self.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
            )

        readings, failures = parse_folder(
            folder, progress=progress, max_bytes=settings.IMPORT_MAX_BYTES
        )
        self.stderr.write("")
        saved = []
        for file, reading in readings:
            if options["dry_run"]:
                if options["format"] == "json":
                    payload = {"file": file.name, **reading.to_dict()}
                    self.stdout.write(json.dumps(payload, ensure_ascii=False))
                continue
            try:
                saved.append((file, self._save(file, reading, options["unit"])))
            except CommandError as exc:
                failures.append(Failure(file, str(exc)))
        self.stdout.write(
            f"Đã đọc {len(readings)} văn bản"
            + (f", đã lưu {len(saved)}" if not options["dry_run"] else "")
            + f"; {len(failures)} tệp không đọc được."
        )
        for failure in failures:
            self.stdout.write(f"  ✗ {failure.path.name}: {failure.message}")
        if failures and not readings:
            raise CommandError("Không đọc được văn bản nào trong thư mục.")

    def _save(self, file: Path, reading, unit_code: str, data: bytes | None = None):
        from programs.revisions import apply_reading
        from units.models import Unit

        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None:
            raise CommandError(f"Không tìm thấy đơn vị có mã “{unit_code}”.")
        try:
            require_tasks(file.name, reading)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        try:
            return apply_reading(
                unit=unit,
                reading=reading,
                source_name=file.name,
                source_text=source_text(file.name, data if data is not None else file.read_bytes()),
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

    def _print(self, reading, fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2))
            return
        d = reading.to_dict()
        self.stdout.write(
            f"{d['doc_type']} {d['title']} (năm {d['year']}), số {d['number_symbol']}"
        )
        for item in d["items"]:
            self.stdout.write(f"  [{item['kind']}] [{item['period'] or '-'}] {item['text'][:90]}")
        self.stdout.write(
            f"Trích dẫn: {len(d['citations'])} văn bản; nơi nhận: {len(d['recipients'])}"
        )
        for warning in d["warnings"]:
            self.stdout.write(f"Lưu ý: {warning}")
