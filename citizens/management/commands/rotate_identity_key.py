"""``dvcq rotate-identity-key``: re-seal every sealed value under a new identity key.

The new key is ``DVCQ_IDENTITY_KEY`` (or ``--new-key``); the old one(s) come from
``DVCQ_IDENTITY_KEY_OLD`` (or ``--old-key``, repeatable). Safe to run again after a kill.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from citizens import name_index, rotation
from citizens.crypto import DEMO_KEY, NEW_KEY_COMMAND, key_problem


class Command(BaseCommand):
    help = "Niêm phong lại mọi dữ liệu danh tính bằng khoá mới (có thể chạy lại sau khi bị ngắt)."

    def add_arguments(self, parser):
        parser.add_argument("--new-key", default="", help="mặc định: DVCQ_IDENTITY_KEY")
        parser.add_argument(
            "--old-key", action="append", default=[], help="mặc định: DVCQ_IDENTITY_KEY_OLD"
        )
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, new_key, old_key, batch, **options):
        new = new_key or settings.DVCQ_IDENTITY_KEY
        old = [k for k in [*old_key, *settings.DVCQ_IDENTITY_KEY_OLD] if k and k != new]
        if settings.DVCQ_IDENTITY_KEY and new != settings.DVCQ_IDENTITY_KEY:
            old.append(settings.DVCQ_IDENTITY_KEY)
        if key_problem(new):
            raise CommandError(f"Khoá mới không hợp lệ. Tạo khoá bằng: {NEW_KEY_COMMAND}")
        if new == DEMO_KEY and not settings.DEBUG:
            raise CommandError("Khoá mới là khoá demo công khai; hãy tạo khoá riêng.")
        if not old:
            raise CommandError("Chưa có khoá cũ: đặt DVCQ_IDENTITY_KEY_OLD hoặc dùng --old-key.")
        if any(key_problem(k) for k in old):
            raise CommandError("Một khoá cũ không phải khoá Fernet hợp lệ.")
        if batch < 1:
            raise CommandError("--batch phải lớn hơn 0.")
        keys = rotation.Keys.from_strings(new, old)

        def progress(label, seen, total, changed):
            self.stdout.write(f"{label}: {seen}/{total} dòng, đã niêm phong lại {changed}")

        try:
            done = rotation.rotate(keys, batch=batch, progress=progress)
        except rotation.UnknownKey as error:
            raise CommandError(
                f"{error}: không khoá nào đã cho mở được giá trị này; các lô trước đã xong, "
                "lô này không đổi. Thêm đúng khoá cũ rồi chạy lại."
            ) from error
        left = rotation.left_under_old_keys(keys)
        if left:
            raise CommandError("Còn giá trị dưới khoá cũ: " + ", ".join(left[:20]))
        # The keyed hashes that find repeat petitions are derived from the key: recompute them
        # under the new one, or intake would find no earlier petitioner after the switch.
        with override_settings(DVCQ_IDENTITY_KEY=new):
            reindexed = name_index.reindex(only_missing=False)
        self.stdout.write(
            f"Đã tính lại chỉ mục họ tên của {reindexed} người viết đơn theo khoá mới."
        )
        total = sum(v for k, v in done.items() if k != "orphans")
        self.stdout.write(
            self.style.SUCCESS(
                f"Xong: đã niêm phong lại {total} giá trị; không còn gì dưới khoá cũ. "
                "Có thể bỏ DVCQ_IDENTITY_KEY_OLD (giữ khoá cũ cùng các bản sao lưu cũ)."
            )
        )
