"""Bright spots, meetings (with their conclusions), self-inspections, reports, outgoing
documents and hamlets are found, kept current on save and delete, and scoped like the rest."""

import datetime

from brightspots import services as spot_services
from brightspots.models import Field, RegistrantKind
from meetings import services as meeting_services
from meetings.models import MeetingKind
from outgoing.models import IssuedDocument, Series
from reports.models import Report, ReportKind, ReportStatus
from search.models import Kind
from search.tests.conftest import find
from units.models import Hamlet, HamletKind


def _spot(commune, clerk, hamlets, **extra):
    values = {
        "registrant_kind": RegistrantKind.HAMLET,
        "hamlet": hamlets[0],
        "name": "Xóm 1 “Đường hoa tự quản”",
        "field": Field.SOCIETY,
        "goal": "Nhân dân hiến đất, trồng hoa và lắp đèn chiếu sáng đường xóm",
        "start_date": datetime.date(2023, 3, 1),
        "end_date": datetime.date(2023, 11, 30),
        "person_in_charge": "Trần Văn Hùng",
    }
    return spot_services.register(unit=commune, actor=clerk, **values | extra)


def test_a_bright_spot_is_found_as_a_dan_van_kheo_model_and_by_its_reports(commune, clerk, hamlets):
    spot = _spot(commune, clerk, hamlets)
    assert find(clerk, "dân vận khéo")[0] == (Kind.BRIGHT_SPOT, spot.pk)
    assert find(clerk, "den chieu sang")[0] == (Kind.BRIGHT_SPOT, spot.pk)
    assert find(clerk, "giếng làng") == []
    spot_services.report_progress(
        spot=spot, actor=clerk, note="Đã xây bồn hoa giếng làng", files=[], on_day=None
    )
    assert find(clerk, "giếng làng") == [(Kind.BRIGHT_SPOT, spot.pk)]
    spot.delete()
    assert find(clerk, "dân vận khéo") == []


def test_a_meeting_is_found_by_its_agenda_and_its_conclusions(commune, clerk, program):
    meeting = meeting_services.schedule_meeting(
        unit=commune,
        actor=clerk,
        kind=MeetingKind.HALF_YEAR,
        starts_at=datetime.datetime(2023, 6, 29, 1, tzinfo=datetime.UTC),
        place="Hội trường UBND xã",
        agenda="Sơ kết công tác Dân vận chính quyền 6 tháng đầu năm",
    )
    assert (Kind.MEETING, meeting.pk) in find(clerk, "cuộc họp sơ kết")
    meeting_services.save_minutes(
        meeting=meeting,
        actor=clerk,
        discussion="Ý kiến về việc trả lời cử tri",
        conclusions=[
            meeting_services.ConclusionInput(
                text="Nạo vét kênh tiêu Đồng Mới", due_date=datetime.date(2023, 9, 30)
            )
        ],
    )
    found = find(clerk, "nao vet kenh tieu")
    assert (Kind.MEETING, meeting.pk) in found
    conclusion = meeting.conclusions.get()
    assert (Kind.TASK, conclusion.task_id) in found  # the conclusion's task, as before
    conclusion.delete()
    assert (Kind.MEETING, meeting.pk) not in find(clerk, "nao vet kenh tieu")


def _report(unit, status):
    return Report.objects.create(
        unit=unit,
        kind=ReportKind.HALF,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 6, 30),
        title="Báo cáo sơ kết công tác Dân vận chính quyền 6 tháng đầu năm 2023",
        situation="Giải quyết dứt điểm vụ việc tranh chấp đất ở Xóm Bãi Bồi",
        status=status,
    )


def test_a_draft_report_stays_inside_its_unit_until_sent_up(
    commune, clerk, viewer, province_viewer
):
    report = _report(commune, ReportStatus.DRAFT)
    assert find(viewer, "xom bai boi") == [(Kind.REPORT, report.pk)]
    assert find(province_viewer, "xom bai boi") == []  # the province: not its draft
    report.status = ReportStatus.SUBMITTED
    report.save()
    assert find(province_viewer, "xom bai boi") == [(Kind.REPORT, report.pk)]


def test_another_communes_papers_are_never_found(commune, clerk, hamlets, charlie):
    spot = _spot(commune, clerk, hamlets)
    series = Series.objects.create(unit=commune, year=2023)
    letter = IssuedDocument.objects.create(
        unit=commune,
        series=series,
        year=2023,
        number=7,
        number_symbol="07/CV-BCĐ",
        issued_on=datetime.date(2023, 4, 2),
        doc_type="CV",
        summary="V/v đôn đốc trả lời kiến nghị cử tri Xóm Cồn",
    )
    hamlet = Hamlet.objects.create(unit=commune, name="Xóm Cồn Thoi", kind=HamletKind.HAMLET)
    assert (Kind.OUTGOING, letter.pk) in find(clerk, "văn bản đi 07/CV-BCĐ")
    assert find(clerk, "xom con thoi")[0] == (Kind.HAMLET, hamlet.pk)
    assert find(clerk, "xom con")[:2] == [(Kind.HAMLET, hamlet.pk), (Kind.OUTGOING, letter.pk)]
    for text in ("dân vận khéo", "xom con", "07/CV-BCĐ"):
        assert find(charlie, text) == []
    assert (Kind.BRIGHT_SPOT, spot.pk) not in find(charlie, "duong hoa tu quan")


def test_a_hamlet_follows_its_communes_new_name(commune, clerk, hamlets):
    assert (Kind.HAMLET, hamlets[0].pk) in find(clerk, "xom 1 hung chinh")
    commune.name = "Xã Hưng Lộc"
    commune.save()
    assert find(clerk, "xom 1 hung loc")[0] == (Kind.HAMLET, hamlets[0].pk)
    pk = hamlets[0].pk
    hamlets[0].delete()
    assert (Kind.HAMLET, pk) not in find(clerk, "xom 1 hung loc")
