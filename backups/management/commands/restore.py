"""``dvcq restore DIR [--yes]``: put a backup made by ``dvcq backup`` back.

Every checksum is verified before anything changes; ``--yes`` is needed to overwrite a
database, file folder or S3 bucket prefix that already holds data.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, holds_data, restore_backup, verify_backup


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu (kiểm tra mã kiểm tra trước khi thay đổi gì)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Thư mục bản sao lưu.")
        parser.add_argument(
            "--yes", action="store_true", help="Ghi đè dữ liệu đang có mà không hỏi lại."
        )

    def handle(self, *args, folder, yes=False, **options):
        try:
            verify_backup(folder)
            if not yes and holds_data():
                raise CommandError(
                    "Cơ sở dữ liệu, thư mục tệp hoặc kho S3 đang có dữ liệu; khôi phục sẽ ghi đè "
                    "toàn bộ. "
                    "Chạy lại với --yes nếu chắc chắn."
                )
            manifest = restore_backup(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Đã khôi phục {rows} bản ghi và {len(manifest['files'])} tệp từ {folder}; "
            "số bản ghi khớp bản sao lưu."
        )
