"""``dvcq load-demo``: the demo commune of Hưng Chính with its 2023 program.

Run by ``make run`` the first time. It creates the unit tree, hamlets, the steering committee
(with an earlier decision, so the committee's history shows a reconstitution), one demo
account per role, imports the seed program through ``import-program`` (never a fixture), and
records plainly labelled sample progress. It then fills every other page for 2023 through
each app's own service functions (validated and audited, in the same transaction): the
chairman's reception schedule, the reception register, petitions (the denouncer's identity
sealed by ``citizens.crypto`` like any other), the two half-year committee meetings, three
activities, a recognised bright spot, a finished self-inspection, the reminder rules, and two
reports sent up: 2023's to Thành phố Vinh (the commune's parent until 30 June 2025, with an
office account ``vinh``) and the first half of 2026 to the province (``tinh``).
Every person and document number is fictional; free text starts with "[Dữ liệu mẫu]".
Run again, it changes nothing and prints the logins.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from activities import services as activity_services
from activities.models import ActivityKind, Anniversary
from audit.services import record
from brightspots import services as spot_services
from brightspots.models import EvaluationCriterion, RegistrantKind
from brightspots.models import Field as SpotField
from citizens import services as citizen_services
from citizens.forms import SlotForm
from citizens.models import CaseType, Channel, Competence, PetitionField, Result, StepKind
from committee import services as committee_services
from committee.models import CommitteeMember, CommitteeRole
from dvcq.text import fold
from inspections import services as inspection_services
from inspections.models import ChecklistTemplate, CriterionKind
from meetings import services as meeting_services
from meetings.models import Attendance, MeetingKind
from programs import services as program_services
from programs.evidence import CheckedFile
from programs.models import Program, TaskKind
from reminders import services as reminder_services
from reports import services as report_services
from reports.models import ReportKind
from units import tree
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
    ("vinh", Role.OFFICE, "Thành", "Cán bộ", "tp-vinh", None),
    ("tinh", Role.OFFICE, "Tỉnh", "Cán bộ", "tinh-nghe-an", None),
]
# Until 30 June 2025 the commune reported to the city (a district-level unit); since 1 July
# 2025 there is no district level and it reports straight to the province.
DISTRICTS_ABOLISHED = datetime.date(2025, 7, 1)

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
# The sample denunciation's (fictional) denouncer: stored only sealed, like any other.
DEMO_DENOUNCER = "Đoàn Thị Thanh Xuân"


def _task(program, words: str, period: str | None = None):
    """The one task of ``program`` whose folded text contains ``words`` (folded)."""
    tasks = program.tasks.filter(search_text__contains=fold(words))
    if period is not None:
        tasks = tasks.filter(period=period)
    found = list(tasks)
    if len(found) != 1:
        raise CommandError(f"Expected one task matching {words!r}, found {len(found)}.")
    return found[0]


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
        tree.end_parent(unit=city, last_day=DISTRICTS_ABOLISHED - datetime.timedelta(days=1))
        commune = tree.change_parent(unit=commune, parent=province, on=DISTRICTS_ABOLISHED)
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
        self._sample_reception(commune, users)
        self._sample_meetings(commune, program, seats, clerk)
        self._sample_activities(commune, program, clerk)
        self._sample_bright_spot(commune, hamlets, clerk)
        self._sample_inspection(commune, program, clerk)
        reminder_services.ensure_rules(commune)
        self._sample_reports(commune, clerk)

    def _sample_reports(self, commune, clerk):
        """The 2023 annual report, sent to Thành phố Vinh (the commune's parent then), and the
        first half of 2026, sent to the province: both wait for the level above to receive,
        return or accept them."""
        samples = (
            (ReportKind.YEAR, 2023, datetime.date(2023, 12, 22)),
            (ReportKind.HALF, 2026, datetime.date(2026, 6, 25)),
        )
        for kind, year, issued_on in samples:
            report = report_services.create_report(
                unit=commune,
                actor=clerk,
                kind=kind,
                period=report_services.period_for(kind, year),
            )
            report = report_services.update_texts(
                report=report,
                actor=clerk,
                data={
                    "situation": SAMPLE_NOTE
                    + "Ban Chỉ đạo triển khai chương trình theo kế hoạch; số liệu lấy từ phần mềm.",
                    "next_tasks": SAMPLE_NOTE + "Tiếp tục thực hiện các nhiệm vụ còn lại.",
                    "signer_capacity": "TM. BAN CHỈ ĐẠO",
                    "signer_title": "TRƯỞNG BAN",
                    "signer_name": "Nguyễn Hồng Quang",
                },
            )
            report = report_services.issue_report(report=report, actor=clerk, day=issued_on)
            report_services.submit_report(report=report, actor=clerk)

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

    # The other pages, 2023: everything through the apps' services, all of it fictional.

    def _sample_reception(self, commune, users):
        """The chairman's weekly reception, three rows of the register (the first opens a
        complaint) and five petitions of different kinds; names are sealed by the service."""
        clerk, chair = users["vanphong"], users["chutich"]
        slots = {}
        for kind, weekday, receiver, start, end in (
            ("chair", 3, "Chủ tịch UBND xã Nguyễn Hồng Quang", "07:30", "11:30"),
            ("staff", 1, "Công chức Tư pháp - Hộ tịch Phạm Văn Nam", "07:30", "11:00"),
        ):
            form = SlotForm(
                {
                    "kind": kind,
                    "weekday": weekday,
                    "receiver": receiver,
                    "place": "Phòng tiếp công dân, trụ sở UBND xã Hưng Chính",
                    "start_time": start,
                    "end_time": end,
                    "valid_from": "2023-01-02",
                }
            )
            if not form.is_valid():
                raise CommandError(form.errors.as_text())
            slot = form.save(commit=False)
            slot.unit = commune
            slot.save()
            record(
                actor=clerk,
                unit=commune,
                target=slot,
                verb="create",
                summary=f"Lịch tiếp công dân: {slot}",
            )
            slots[kind] = slot
        fields = {f.code: f for f in PetitionField.objects.all()}

        _visit, opened = citizen_services.record_visit(
            unit=commune,
            actor=chair,
            data={
                "date": datetime.date(2023, 3, 9),
                "name": "Nguyễn Văn Thắng",
                "address": "Xóm 2, xã Hưng Chính (mẫu)",
                "content": SAMPLE_NOTE + "Khiếu nại việc xác định ranh giới thửa đất khi đo đạc "
                "chỉnh lý bản đồ địa chính tại Xóm 2.",
                "case_type": CaseType.COMPLAINT,
                "within_competence": True,
                "result": "Tiếp nhận đơn, thụ lý giải quyết lần đầu",
                "slot": slots["chair"],
                "field": fields.get("dat-dai"),
            },
            open_petition=True,
        )
        complaint = opened.petition
        for kind, day, number, result, note in (
            (StepKind.ACCEPT, (3, 16), "08/TB-UBND (mẫu)", "", "Thụ lý giải quyết lần đầu."),
            (StepKind.NOTIFY_ACCEPT, (3, 17), "09/TB-UBND (mẫu)", "", ""),
            (StepKind.VERIFY, (3, 30), "", "", "Xác minh thực địa cùng cán bộ địa chính."),
            (StepKind.DIALOGUE, (4, 12), "", "", "Đối thoại với người khiếu nại."),
            (StepKind.DECIDE, (4, 20), "27/QĐ-UBND (mẫu)", Result.PARTLY, ""),
            (StepKind.NOTIFY, (4, 24), "27/QĐ-UBND (mẫu)", "", "Gửi quyết định giải quyết."),
        ):
            citizen_services.add_step(
                petition=complaint,
                actor=clerk,
                kind=kind,
                date=datetime.date(2023, *day),
                document_number=number,
                result=result,
                note=SAMPLE_NOTE + note if note else "",
            )

        citizen_services.record_visit(
            unit=commune,
            actor=chair,
            data={
                "date": datetime.date(2023, 6, 15),
                "name": "Trần Thị Huyền",
                "address": "Xóm 6, xã Hưng Chính (mẫu)",
                "content": SAMPLE_NOTE + "Hỏi về thủ tục hưởng trợ cấp xã hội hằng tháng "
                "cho người cao tuổi.",
                "case_type": CaseType.PETITION,
                "within_competence": True,
                "result": "Đã giải thích, hướng dẫn trực tiếp",
                "slot": slots["chair"],
            },
        )
        citizen_services.record_visit(
            unit=commune,
            actor=users["thanhvien"],
            data={
                "date": datetime.date(2023, 9, 12),
                "name": "Lê Văn Khánh",
                "address": "Xóm 8, xã Hưng Chính (mẫu)",
                "content": SAMPLE_NOTE + "Phản ánh việc tranh chấp hợp đồng mua bán xe máy "
                "giữa hai hộ gia đình.",
                "case_type": CaseType.PETITION,
                "within_competence": False,
                "guided_to": "Tòa án nhân dân thành phố Vinh",
                "result": "Đã hướng dẫn công dân đến cơ quan có thẩm quyền",
                "slot": slots["staff"],
            },
        )

        forwarded = citizen_services.intake(
            unit=commune,
            actor=clerk,
            data={
                "received_on": datetime.date(2023, 5, 8),
                "channel": Channel.DEPUTIES,
                "forwarded_by": "Ủy ban MTTQ xã Hưng Chính",
                "case_type": CaseType.PETITION,
                "competence": Competence.OUTSIDE,
                "field": fields.get("khac"),
                "content": SAMPLE_NOTE + "Kiến nghị của cử tri Xóm 7 về việc điện áp yếu, "
                "thường xuyên mất điện vào giờ cao điểm.",
            },
            people=[{"name": "Hồ Văn Sỹ", "address": "Xóm 7, xã Hưng Chính (mẫu)"}],
        ).petition
        citizen_services.add_step(
            petition=forwarded,
            actor=clerk,
            kind=StepKind.FORWARD,
            date=datetime.date(2023, 5, 12),
            document_number="112/UBND-VP (mẫu)",
            body="Điện lực thành phố Vinh",
            note=SAMPLE_NOTE + "Chuyển kiến nghị đến cơ quan có thẩm quyền.",
        )

        denunciation = citizen_services.intake(
            unit=commune,
            actor=clerk,
            data={
                "received_on": datetime.date(2023, 8, 21),
                "channel": Channel.POST,
                "case_type": CaseType.DENUNCIATION,
                "field": fields.get("can-bo"),
                "content": SAMPLE_NOTE + "Tố cáo cán bộ phụ trách đất đai gây khó khăn khi "
                "tiếp nhận hồ sơ đăng ký biến động đất đai.",
                "summary": SAMPLE_NOTE + "Tố cáo hành vi của cán bộ trong lĩnh vực đất đai.",
            },
            people=[
                {
                    "name": DEMO_DENOUNCER,
                    "address": "Xóm 4, xã Hưng Chính (mẫu)",
                    "contact": "0900000000",
                }
            ],
        ).petition
        for kind, day, number, result in (
            (StepKind.ACCEPT, (8, 28), "15/QĐ-UBND (mẫu)", ""),
            (StepKind.NOTIFY_ACCEPT, (8, 29), "16/TB-UBND (mẫu)", ""),
            (StepKind.VERIFY, (9, 11), "", ""),
            (StepKind.DECIDE, (9, 25), "03/KL-UBND (mẫu)", Result.WRONG),
            (StepKind.NOTIFY, (9, 27), "03/KL-UBND (mẫu)", ""),
            (StepKind.PUBLISH, (9, 29), "03/KL-UBND (mẫu)", ""),
        ):
            citizen_services.add_step(
                petition=denunciation,
                actor=clerk,
                kind=kind,
                date=datetime.date(2023, *day),
                document_number=number,
                result=result,
                note=SAMPLE_NOTE + "Bước xử lý mẫu.",
            )

        overdue = citizen_services.intake(
            unit=commune,
            actor=clerk,
            data={
                "received_on": datetime.date(2023, 11, 20),
                "channel": Channel.ONLINE,
                "case_type": CaseType.PETITION,
                "field": fields.get("moi-truong"),
                "content": SAMPLE_NOTE + "Phản ánh rác thải tồn đọng tại khu vực cống tiêu "
                "Xóm 3 chưa được thu gom.",
            },
            people=[{"name": "Phan Thị Ngọc", "address": "Xóm 3, xã Hưng Chính (mẫu)"}],
        ).petition
        citizen_services.assign_handlers(
            petition=overdue, actor=clerk, users=[clerk, users["thanhvien"]]
        )

    def _sample_meetings(self, commune, program, seats, clerk):
        """The two half-year meetings the program calls for, with attendance and minutes; a
        conclusion of the June meeting becomes a task of the program."""
        from meetings.proposals import recurring_task

        tz = timezone.get_current_timezone()
        head = seats["Nguyễn Hồng Quang"]
        for day, number, agenda, discussion, absent, conclusions in (
            (
                datetime.date(2023, 6, 29),
                "18/GM-BCĐ (mẫu)",
                "Sơ kết công tác Dân vận chính quyền 6 tháng đầu năm 2023; triển khai nhiệm "
                "vụ 6 tháng cuối năm 2023.",
                "Các thành viên báo cáo kết quả tại các xóm được phân công theo dõi; "
                "ý kiến về việc trả lời kiến nghị của cử tri còn chậm.",
                {"Nguyễn Văn Bình": "Đi công tác tại thành phố"},
                [
                    meeting_services.ConclusionInput(
                        text=SAMPLE_NOTE + "Rà soát, trả lời dứt điểm các kiến nghị của cử tri "
                        "tồn đọng từ 6 tháng đầu năm.",
                        due_date=datetime.date(2023, 9, 30),
                        responsible=seats["Trần Văn Hùng"],
                    )
                ],
            ),
            (
                datetime.date(2023, 12, 28),
                "41/GM-BCĐ (mẫu)",
                "Tổng kết công tác Dân vận chính quyền năm 2023; phương hướng, nhiệm vụ năm 2024.",
                "Thống nhất báo cáo tổng kết năm 2023 và dự thảo chương trình năm 2024.",
                {},
                [],
            ),
        ):
            meeting = meeting_services.schedule_meeting(
                unit=commune,
                actor=clerk,
                kind=MeetingKind.HALF_YEAR,
                starts_at=datetime.datetime.combine(day, datetime.time(8), tzinfo=tz),
                place="Hội trường UBND xã Hưng Chính",
                agenda=agenda,
                chair=head,
                secretary="Lê Thị Hoa",
                source_task=recurring_task(commune, program.year),
            )
            meeting_services.update_meeting(meeting=meeting, actor=clerk, invitation_number=number)
            meeting_services.record_attendance(
                meeting=meeting,
                actor=clerk,
                entries={
                    i.pk: (Attendance.ABSENT, absent[i.full_name])
                    if i.full_name in absent
                    else (Attendance.PRESENT, "")
                    for i in meeting.invitations.all()
                },
            )
            meeting_services.save_minutes(
                meeting=meeting,
                actor=clerk,
                discussion=SAMPLE_NOTE + discussion,
                ends_at=datetime.time(10, 30),
                conclusions=conclusions,
            )

    def _sample_activities(self, commune, program, clerk):
        """Three activities linked to the tasks they carry out; the two in Quý IV also
        finish their tasks (sample updates with evidence)."""
        anniversaries = {a.month: a for a in Anniversary.objects.filter(unit=None)}
        legal_q2 = _task(program, "to chuc tuyen truyen, pho bien phap luat tai cac co quan")
        study_q3 = _task(program, "trien khai tuyen truyen hoc tap bai bao")
        study_q4 = _task(program, "nhan ngay 15/10")
        law_day = _task(program, "ngay phap luat viet nam 09/11")
        for values, tasks in (
            (
                {
                    "kind": ActivityKind.LEGAL,
                    "title": "Tuyên truyền, phổ biến pháp luật về tiếp công dân, khiếu nại, "
                    "tố cáo tại Xóm 5",
                    "held_on": datetime.date(2023, 5, 18),
                    "place": "Nhà văn hóa Xóm 5",
                    "organiser": "UBND xã Hưng Chính – Công chức Tư pháp - Hộ tịch",
                    "audience": "Cán bộ, đảng viên và Nhân dân Xóm 5",
                    "participants": 85,
                    "description": "Giới thiệu Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo; "
                    "giải đáp thắc mắc của Nhân dân.",
                },
                [legal_q2],
            ),
            (
                {
                    "kind": ActivityKind.STUDY,
                    "title": "Học tập, quán triệt bài báo “Dân vận” của Chủ tịch Hồ Chí Minh",
                    "held_on": datetime.date(2023, 10, 15),
                    "place": "Hội trường UBND xã Hưng Chính",
                    "organiser": "Ban Chỉ đạo Dân vận chính quyền xã",
                    "audience": "Cán bộ, công chức xã và trưởng các xóm",
                    "participants": 42,
                    "description": "Đọc và thảo luận bài báo “Dân vận”; liên hệ trách nhiệm "
                    "của cán bộ, công chức trong tiếp xúc với Nhân dân.",
                    "anniversary": anniversaries.get(10),
                },
                [study_q3, study_q4],
            ),
            (
                {
                    "kind": ActivityKind.LEGAL,
                    "title": "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam",
                    "held_on": datetime.date(2023, 11, 9),
                    "place": "Sân UBND xã Hưng Chính",
                    "organiser": "UBND xã Hưng Chính",
                    "audience": "Cán bộ, công chức, đoàn viên thanh niên và Nhân dân",
                    "participants": 120,
                    "description": "Mít tinh hưởng ứng, thi tìm hiểu pháp luật, phát tờ rơi "
                    "về phòng, chống lừa đảo qua mạng.",
                    "anniversary": anniversaries.get(11),
                },
                [law_day],
            ),
        ):
            values["description"] = SAMPLE_NOTE + values["description"]
            activity_services.create_activity(unit=commune, actor=clerk, tasks=tasks, **values)
        for task, day, note in (
            (study_q4, datetime.date(2023, 10, 15), "Đã tổ chức học tập bài báo “Dân vận”."),
            (law_day, datetime.date(2023, 11, 9), "Đã tổ chức hưởng ứng Ngày Pháp luật."),
        ):
            program_services.record_task_update(
                task=task,
                actor=clerk,
                status="done",
                progress=100,
                note=SAMPLE_NOTE + note,
                files=[
                    checked_pdf(f"minh-chung-{task.position}.pdf", f"DVCQ demo {task.position}")
                ],
                on_day=day,
                sample=True,
            )

    def _sample_bright_spot(self, commune, hamlets, clerk):
        """One bright spot registered under the Quý I task, reported, evaluated and
        recognised. The task itself is left as it was (the demo keeps it overdue)."""
        task = spot_services.default_task(commune, 2023)
        if task is None or "diem sang" not in task.search_text:
            raise CommandError("Không tìm thấy nhiệm vụ đăng ký điểm sáng năm 2023.")
        spot = spot_services.register(
            unit=commune,
            actor=clerk,
            registrant_kind=RegistrantKind.HAMLET,
            hamlet=hamlets["Xóm 3"],
            name="Xóm 3 “Đường hoa tự quản – ngõ xóm sáng, xanh, sạch”",
            field=SpotField.SOCIETY,
            goal=SAMPLE_NOTE + "Nhân dân tự nguyện hiến đất, góp công trồng hoa và lắp đèn "
            "chiếu sáng 1,2 km đường xóm; tổ tự quản duy trì vệ sinh hằng tuần.",
            start_date=datetime.date(2023, 3, 1),
            end_date=datetime.date(2023, 11, 30),
            person_in_charge="Trần Văn Hùng – Phó Chủ tịch UBND xã",
            task=task,
            registered_on=datetime.date(2023, 3, 15),
        )
        spot_services.report_progress(
            spot=spot,
            actor=clerk,
            note=SAMPLE_NOTE + "Đã hoàn thành 0,8 km đường hoa và 40 bóng đèn chiếu sáng.",
            files=[checked_pdf("diem-sang-xom-3.pdf", "DVCQ demo bright spot report")],
            on_day=datetime.date(2023, 8, 10),
        )
        spot_services.evaluate(
            spot=spot,
            actor=clerk,
            results={c.pk: (True, "Đạt") for c in EvaluationCriterion.objects.filter(active=True)},
            passed=True,
            conclusion=SAMPLE_NOTE + "Mô hình đạt các tiêu chí, đề nghị công nhận.",
            on_day=datetime.date(2023, 11, 24),
        )
        spot_services.recognise(
            spot=spot,
            actor=clerk,
            decision_number="168/QĐ-UBND (mẫu)",
            decision_date=datetime.date(2023, 12, 5),
            issuer="UBND xã Hưng Chính",
        )

    def _sample_inspection(self, commune, program, clerk):
        """A finished self-inspection with the DVCQ template; it finishes the Quý III task."""
        template = ChecklistTemplate.objects.get(code="tu-kiem-tra-dvcq")
        inspection = inspection_services.start_inspection(
            template=template,
            unit=commune,
            period_start=datetime.date(2023, 1, 1),
            period_end=datetime.date(2023, 9, 30),
            actor=clerk,
        )
        entries = {}
        for criterion in inspection_services.criteria_of(template):
            if criterion.kind == CriterionKind.SCORED:
                score = criterion.max_points - (1 if criterion.max_points >= 10 else 0)
            elif criterion.kind == CriterionKind.BONUS:
                score = 1
            else:
                score = 0
            entries[criterion.pk] = {
                "score": score,
                "evidence": "Hồ sơ lưu tại Văn phòng UBND xã (mẫu)",
                "remarks": "",
            }
        inspection_services.save_scores(
            inspection=inspection,
            actor=clerk,
            entries=entries,
            conclusion=SAMPLE_NOTE + "Cơ bản hoàn thành các nhiệm vụ 9 tháng; cần trả lời "
            "kiến nghị của cử tri kịp thời hơn.",
            finish=True,
        )
        task = _task(program, "tu kiem tra cong tac dan van chinh quyen", period="Q3")
        program_services.record_task_update(
            task=task,
            actor=clerk,
            status="done",
            progress=100,
            note=SAMPLE_NOTE
            + f"Đã tự kiểm tra: {inspection.total:g} điểm, xếp loại {inspection.rating}.",
            files=[checked_pdf("bien-ban-tu-kiem-tra.pdf", "DVCQ demo self-inspection")],
            on_day=datetime.date(2023, 9, 28),
            sample=True,
        )

    def _print_logins(self):
        self.stdout.write("")
        self.stdout.write("Tài khoản demo (chỉ dùng thử), mật khẩu chung: " + DEMO_PASSWORD)
        for username, role, first, last, unit_code, _seat in ACCOUNTS:
            label = Role(role).label
            self.stdout.write(f"  {username:<10} {last} {first} – {label} – {unit_code}")
        self.stdout.write("  admin      Quản trị hệ thống (trang /quan-tri/)")
