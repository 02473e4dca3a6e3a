"""``dvcq backup --output DIR``: the database and every stored file, with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một thư mục (kèm mã kiểm tra)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            required=True,
            type=Path,
            help="Thư mục mới (hoặc trống) để ghi bản sao lưu.",
        )

    def handle(self, *args, output, **options):
        try:
            manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        source = "kho S3" if manifest["evidence_storage"] == "s3" else "thư mục"
        self.stdout.write(
            f"Đã sao lưu vào {output}: {rows} bản ghi, {len(manifest['files'])} tệp "
            f"({manifest['engine']}; tệp tải lên lấy từ {source})."
        )
