"""A small world for the security tests: one object of each kind in two communes of one
province, and one user per role.

``World.objects[side][kind]`` is the object of ``kind`` in the user's own commune
(``side="own"``) or in the other commune (``side="other"``). Names in the other commune carry
``LEAK_MARKER`` so a page that shows another unit's data is caught by a text search.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from accounts.models import Role, User
from activities import services as activity_services
from api.services import issue_token as issue_api_token
from brightspots import services as spot_services
from citizens import services as citizen_services
from citizens.models import CaseType, Channel, StepKind
from committee.models import CommitteeMember, CommitteeRole
from documents.importing import parse_program_text
from documents.models import Citation, CitedDocument, ImportDraft
from followup import feeds
from followup.urging import draft_letter, issue_urging_letter, move_letter
from inspections import services as inspection_services
from inspections.models import ChecklistTemplate
from jobs.models import Job
from meetings import services as meeting_services
from programs import services as program_services
from programs.tests.helpers import pdf_checked, pdf_upload
from reminders.models import Notification
from reports import services as report_services
from reports.models import ReportFile, ReportKind
from reports.periods import Period

LEAK_MARKER = "ZZKHACZZ"
DRAFT_TEXT = (
    Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"
).read_text(encoding="utf-8")

ROLES = (
    "anonymous",
    "viewer",
    "member",
    "office",
    "chair",
    "handler",
    "province_viewer",
    "superuser",
)


@dataclass
class World:
    province: object
    own_unit: object
    other_unit: object
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=lambda: {"own": {}, "other": {}})
    feed_secrets: dict = field(default_factory=dict)
    api_keys: dict = field(default_factory=dict)  # role -> a read-only API key


def _user(username, unit, role, **extra):
    user = User(username=username, unit=unit, role=role, **extra)
    user.set_unusable_password()
    user.save()
    return user


def _unit_objects(unit, office, member, marker: str, secrets: dict) -> dict:
    from conftest import make_program

    objects = {}
    seat = CommitteeMember.objects.create(
        unit=unit,
        full_name=f"Phạm Văn Nam {marker}",
        committee_role=CommitteeRole.MEMBER,
        office_title="Công chức Tư pháp",
        user=member,
        start_date=datetime.date(2023, 1, 1),
    )
    program = make_program(unit)
    program.title = f"Công tác DVCQ năm 2023 {marker}"
    program.save(update_fields=["title"])
    task = program.tasks.get(position=1)
    task.responsible = seat
    task.text = f"Nhiệm vụ tuyên truyền {marker}"
    task.save()
    update = program_services.record_task_update(
        task=task, actor=office, status="in_progress", progress=10, files=[pdf_checked()]
    )
    program.status = "issued"
    program.save(update_fields=["status"])
    letter = draft_letter(
        unit=unit,
        program=program,
        task_ids=[task.pk],
        actor=office,
        day=datetime.date(2023, 12, 1),
    )
    move_letter(letter=letter, actor=office, step="submit")
    letter = issue_urging_letter(letter=letter, actor=office, day=timezone.localdate())
    document = CitedDocument.objects.create(
        kind="Nghị quyết", number=f"1{unit.pk}", symbol="NQ-TW", key=f"nq-{unit.pk}"
    )
    Citation.objects.create(program=program, document=document)
    draft = ImportDraft.objects.create(
        unit=unit,
        uploaded_by=office,
        filename="ct.txt",
        source_text=DRAFT_TEXT,
        reading=parse_program_text(DRAFT_TEXT).to_dict(),
    )
    token, secret = feeds.issue_token(office, "unit")
    secrets[token.pk] = secret
    meeting = meeting_services.schedule_meeting(
        unit=unit,
        actor=office,
        kind="ad_hoc",
        starts_at=datetime.datetime(2023, 5, 5, 1, 0, tzinfo=datetime.UTC),
        place=f"Hội trường {marker}",
        agenda="Sơ kết",
    )
    activity = activity_services.create_activity(
        unit=unit,
        actor=office,
        files=[pdf_checked()],
        kind="propaganda",
        title=f"Tuyên truyền {marker}",
        held_on=datetime.date(2023, 4, 1),
        place="Nhà văn hóa",
        organiser="UBND xã",
    )
    anniversary = activity_services.add_anniversary(
        unit=unit, actor=office, name=f"Thành lập xã {marker}", month=3, base_year=1960
    )
    result = citizen_services.intake(
        unit=unit,
        actor=office,
        data={
            "received_on": datetime.date(2026, 8, 3),
            "channel": Channel.POST,
            "case_type": CaseType.DENUNCIATION,
            "content": f"Tố cáo cán bộ {marker}",
        },
        people=[{"name": f"Lê Thị Bí Mật {marker}", "address": "Xóm 2"}],
        files=[pdf_upload()],
    )
    petition = result.petition
    step = citizen_services.add_step(
        petition=petition, actor=office, kind=StepKind.ACCEPT, date=datetime.date(2026, 8, 5)
    )
    inspection = inspection_services.start_inspection(
        template=ChecklistTemplate.objects.order_by("pk").first(),
        unit=unit,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        actor=office,
    )
    spot = spot_services.register(
        unit=unit,
        actor=office,
        name=f"Dân vận khéo {marker}",
        field="economy",
        registrant_kind="unit",
        goal="Giải phóng mặt bằng",
        start_date=datetime.date(2023, 2, 1),
        end_date=datetime.date(2023, 11, 30),
        person_in_charge="Trần Văn Hùng",
        registered_on=datetime.date(2023, 2, 1),
    )
    report = spot_services.report_progress(
        spot=spot, actor=office, note="Đã làm", files=[pdf_checked()]
    )
    visit, _ = citizen_services.record_visit(
        unit=unit,
        actor=office,
        data={
            "date": datetime.date(2026, 8, 4),
            "name": f"Người đến {marker}",
            "content": f"Hỏi về thủ tục {marker}",
            "case_type": "petition",
        },
    )
    # An issued report sent up to the province, so the province viewer reads it too.
    unit_report = report_services.create_report(
        unit=unit, actor=office, kind=ReportKind.YEAR, period=Period.year(2023)
    )
    unit_report = report_services.issue_report(
        report=unit_report, actor=office, day=datetime.date(2023, 7, 5)
    )
    unit_report = report_services.submit_report(report=unit_report, actor=office)
    report_file = ReportFile.objects.create(
        report=unit_report, fmt="docx", name=f"bao-cao{marker}.docx", content=b"PK", size=2
    )
    objects.update(
        unit=unit,
        visit=visit,
        report=unit_report,
        report_file=report_file,
        seat=seat,
        program=program,
        task=task,
        evidence=update.evidence.first(),
        document=document,
        urging_letter=letter,
        draft=draft,
        feed_token=token,
        api_token=issue_api_token(office, f"Khoá {marker}", "read")[0],
        meeting=meeting,
        activity=activity,
        activity_file=activity.files.first(),
        anniversary=anniversary,
        notification=Notification.objects.create(user=office, title=f"Nhắc việc {marker}"),
        job=Job.objects.create(kind="test", created_by=office),
        petition=petition,
        step=step,
        attachment=petition.attachments.first(),
        inspection=inspection,
        spot=spot,
        spot_evidence=report.evidence.first(),
    )
    return objects


def build_world(province, commune, other_commune) -> World:
    world = World(province=province, own_unit=commune, other_unit=other_commune)
    users = world.users
    users["viewer"] = _user("w-viewer", commune, Role.VIEWER)
    users["member"] = _user("w-member", commune, Role.MEMBER)
    users["office"] = _user("w-office", commune, Role.OFFICE)
    users["chair"] = _user("w-chair", commune, Role.CHAIR)
    users["handler"] = _user("w-handler", commune, Role.MEMBER)
    users["province_viewer"] = _user("w-province", province, Role.VIEWER)
    users["superuser"] = _user("w-admin", None, Role.VIEWER, is_staff=True, is_superuser=True)
    other_office = _user("w-other-office", other_commune, Role.OFFICE)
    other_member = _user("w-other-member", other_commune, Role.MEMBER)
    world.objects["own"] = _unit_objects(
        commune, users["office"], users["member"], "", world.feed_secrets
    )
    world.objects["other"] = _unit_objects(
        other_commune, other_office, other_member, LEAK_MARKER, world.feed_secrets
    )
    citizen_services.assign_handlers(
        petition=world.objects["own"]["petition"],
        actor=users["office"],
        users=[users["office"], users["handler"]],
    )
    return world
