"""``dvcq index_petitioner_names [--missing]``: compute the keyed hashes of the petitioners'
names that intake looks up (``citizens.name_index``), e.g. after the identity key changed;
``--missing`` only for rows without one."""

from django.core.management.base import BaseCommand

from citizens import name_index


class Command(BaseCommand):
    help = "Tính lại chỉ mục (mã băm có khóa) họ tên người viết đơn dùng để phát hiện đơn trùng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="Chỉ tính cho những dòng chưa có chỉ mục."
        )

    def handle(self, *args, missing=False, **options):
        changed = name_index.reindex(only_missing=missing)
        unlinked = name_index.unlink_mixed_repeats()
        self.stdout.write(f"Đã cập nhật chỉ mục họ tên của {changed} người viết đơn.")
        if unlinked:
            self.stdout.write(
                f"Đã bỏ {unlinked} liên kết đơn trùng giữa đơn tố cáo và đơn không phải tố cáo."
            )
