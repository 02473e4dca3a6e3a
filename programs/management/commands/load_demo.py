"""``dvcq load-demo``: the demo commune of Hưng Chính with its 2023 program.

Run by ``make run`` the first time. It creates the unit tree, hamlets, the steering committee
(with an earlier decision, so the committee's history shows a reconstitution), one demo
account per role, imports the seed program through ``import-program`` (never a fixture), and
records plainly labelled sample progress. Run again, it changes nothing and prints the logins.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Role, User
from committee import services as committee_services
from committee.models import CommitteeMember, CommitteeRole
from programs import services as program_services
from programs.evidence import CheckedFile
from programs.models import Program, TaskKind
from units.models import Hamlet, HamletKind, Unit, UnitKind

DEMO_UNIT = "xa-hung-chinh"
DEMO_PASSWORD = "demo-dvcq-2023"  # noqa: S105 - the demo's published password
SEED = Path(settings.BASE_DIR) / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"

# (username, role, first name, last name, unit code, committee seat name or None)
ACCOUNTS = [
    ("vanphong", Role.OFFICE, "Hoa", "Lê Thị", DEMO_UNIT, "Lê Thị Hoa"),
    ("chutich", Role.CHAIR, "Quang", "Nguyễn Hồng", DEMO_UNIT, "Nguyễn Hồng Quang"),
    ("thanhvien", Role.MEMBER, "Nam", "Phạm Văn", DEMO_UNIT, "Phạm Văn Nam"),
    ("xem", Role.VIEWER, "Minh", "Đặng Văn", DEMO_UNIT, None),
    ("tinh", Role.VIEWER, "Tỉnh", "Cán bộ", "tinh-nghe-an", None),
]

MEMBERS_2021 = [
    ("Nguyễn Hồng Quang", CommitteeRole.HEAD, "Chủ tịch UBND xã"),
    ("Trần Văn Hùng", CommitteeRole.DEPUTY, "Phó Chủ tịch UBND xã"),
    ("Võ Thị Mai", CommitteeRole.MEMBER, "Công chức Văn phòng - Thống kê"),
    ("Phạm Văn Nam", CommitteeRole.MEMBER, "Công chức Tư pháp - Hộ tịch"),
]
MEMBERS_2023 = [
    ("Nguyễn Hồng Quang", CommitteeRole.HEAD, "Chủ tịch UBND xã", ["Xóm 1", "Xóm 2"]),
    ("Trần Văn Hùng", CommitteeRole.DEPUTY, "Phó Chủ tịch UBND xã", ["Xóm 3", "Xóm 4"]),
    ("Lê Thị Hoa", CommitteeRole.MEMBER, "Công chức Văn phòng - Thống kê", ["Xóm 5"]),
    ("Phạm Văn Nam", CommitteeRole.MEMBER, "Công chức Tư pháp - Hộ tịch", ["Xóm 6"]),
    ("Hoàng Thị Lan", CommitteeRole.MEMBER, "Chủ tịch Ủy ban MTTQ xã", ["Xóm 7"]),
    ("Nguyễn Văn Bình", CommitteeRole.MEMBER, "Công chức Địa chính - Xây dựng", ["Xóm 8"]),
]

SAMPLE_NOTE = "[Dữ liệu mẫu] "


def sample_pdf(title: str) -> bytes:
    """A one-page PDF with a line of text, made here so the demo needs no file on disk."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def checked_pdf(name: str, title: str) -> CheckedFile:
    import hashlib

    data = sample_pdf(title)
    return CheckedFile(
        name=name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


class Command(BaseCommand):
    help = "Nạp dữ liệu demo: xã Hưng Chính với chương trình Dân vận chính quyền năm 2023."

    def handle(self, *args, **options):
        if Unit.objects.filter(code=DEMO_UNIT).exists():
            self.stdout.write("Dữ liệu demo đã có; không nạp lại.")
        else:
            self._load()
            self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu demo xã Hưng Chính."))
        self._print_logins()

    @transaction.atomic
    def _load(self):
        province = Unit.objects.create(
            code="tinh-nghe-an", name="Tỉnh Nghệ An", kind=UnitKind.PROVINCE
        )
        city = Unit.objects.create(
            code="tp-vinh",
            name="Thành phố Vinh",
            kind=UnitKind.DISTRICT,
            parent=province,
            valid_until=datetime.date(2025, 6, 30),
        )
        commune = Unit.objects.create(
            code=DEMO_UNIT, name="Xã Hưng Chính", kind=UnitKind.COMMUNE, parent=city
        )
        hamlets = {
            name: Hamlet.objects.create(unit=commune, name=name, kind=HamletKind.HAMLET, position=i)
            for i, name in enumerate([f"Xóm {n}" for n in range(1, 9)], start=1)
        }

        users = {}
        for username, role, first, last, unit_code, _seat in ACCOUNTS:
            users[username] = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                email=f"{username}@example.com",
                first_name=first,
                last_name=last,
                role=role,
                unit=Unit.objects.get(code=unit_code),
            )
        User.objects.create_superuser(
            username="admin", password=DEMO_PASSWORD, email="admin@example.com", unit=province
        )
        clerk = users["vanphong"]

        committee_services.reconstitute(
            unit=commune,
            actor=clerk,
            number="45/QĐ-UBND (mẫu)",
            signed_on=datetime.date(2021, 8, 16),
            summary="Về việc kiện toàn Ban Chỉ đạo thực hiện công tác Dân vận chính quyền xã",
            members=[
                {"full_name": n, "committee_role": r, "office_title": t} for n, r, t in MEMBERS_2021
            ],
        )
        committee_services.reconstitute(
            unit=commune,
            actor=clerk,
            number="12/QĐ-UBND (mẫu)",
            signed_on=datetime.date(2023, 2, 6),
            summary=(
                "Về việc kiện toàn Ban Chỉ đạo thực hiện công tác Dân vận chính quyền xã năm 2023"
            ),
            members=[
                {
                    "full_name": n,
                    "committee_role": r,
                    "office_title": t,
                    "hamlets": [hamlets[h] for h in hs],
                }
                for n, r, t, hs in MEMBERS_2023
            ],
        )
        seats = {m.full_name: m for m in CommitteeMember.objects.filter(unit=commune).current()}
        for username, *_rest, seat in ACCOUNTS:
            if seat:
                CommitteeMember.objects.filter(pk=seats[seat].pk).update(user=users[username])

        call_command("import_program", str(SEED), unit=DEMO_UNIT, stdout=self.stdout)
        program = Program.objects.get(unit=commune, year=2023)
        self._sample_progress(program, seats, hamlets, clerk)

    def _sample_progress(self, program, seats, hamlets, clerk):
        """Plainly labelled sample work: assignments for every task, a few tasks done with
        evidence (one of them late), some in progress; the rest stay as the program left them."""
        owners = [seats[name] for name, *_ in MEMBERS_2023]
        tasks = list(program.tasks.order_by("position"))
        for index, task in enumerate(tasks):
            program_services.assign_task(
                task=task,
                actor=clerk,
                responsible=owners[index % len(owners)],
                responsible_office="Bộ phận Văn phòng"
                if task.kind == TaskKind.ORGANIZATION
                else "",
                cooperators=[owners[(index + 2) % len(owners)]],
                hamlets=[hamlets[f"Xóm {index % 8 + 1}"]]
                if task.kind == TaskKind.SCHEDULED
                else [],
            )
        scheduled = [t for t in tasks if t.kind == TaskKind.SCHEDULED]
        q1 = [t for t in scheduled if t.period == "Q1"]
        q2 = [t for t in scheduled if t.period == "Q2"]
        q3 = [t for t in scheduled if t.period == "Q3"]
        done_on_time = [
            (q1[0], datetime.date(2023, 2, 20), "Chương trình đã ban hành và gửi các thành viên."),
            (q1[2], datetime.date(2023, 2, 6), "Đã kiện toàn Ban theo Quyết định 12/QĐ-UBND."),
            (q2[0], datetime.date(2023, 5, 25), "Đã tổ chức 3 buổi tuyên truyền tại các xóm."),
        ]
        for task, day, note in done_on_time:
            program_services.record_task_update(
                task=task,
                actor=clerk,
                status="done",
                progress=100,
                note=SAMPLE_NOTE + note,
                files=[
                    checked_pdf(
                        f"minh-chung-{task.position}.pdf", f"DVCQ demo evidence {task.position}"
                    )
                ],
                on_day=day,
                sample=True,
            )
        program_services.record_task_update(
            task=q2[1],
            actor=clerk,
            status="done",
            progress=100,
            note=SAMPLE_NOTE + "Báo cáo sơ kết gửi chậm so với kế hoạch.",
            files=[checked_pdf("bao-cao-so-ket.pdf", "DVCQ demo half-year report")],
            on_day=datetime.date(2023, 7, 12),
            sample=True,
        )
        for task, progress in ((q3[0], 60), (q3[2], 30)):
            program_services.record_task_update(
                task=task,
                actor=clerk,
                status="in_progress",
                progress=progress,
                note=SAMPLE_NOTE + "Đang triển khai.",
                on_day=datetime.date(2023, 8, 15),
                sample=True,
            )

    def _print_logins(self):
        self.stdout.write("")
        self.stdout.write("Tài khoản demo (chỉ dùng thử), mật khẩu chung: " + DEMO_PASSWORD)
        for username, role, first, last, unit_code, _seat in ACCOUNTS:
            label = Role(role).label
            self.stdout.write(f"  {username:<10} {last} {first} – {label} – {unit_code}")
        self.stdout.write("  admin      Quản trị hệ thống (trang /quan-tri/)")
