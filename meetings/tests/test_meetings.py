"""Committee meetings: scheduling, invitations, attendance, minutes, conclusions as tasks,
the proposed half-year meetings, the Word papers, and scoping."""

import datetime
import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from audit.models import AuditEvent
from committee.models import CommitteeMember, CommitteeRole
from meetings import proposals, services
from meetings.models import Attendance, Conclusion, Meeting, MeetingKind
from programs.models import Task

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def head(commune):
    return CommitteeMember.objects.create(
        unit=commune,
        full_name="Nguyễn Hồng Quang",
        committee_role=CommitteeRole.HEAD,
        office_title="Chủ tịch UBND xã",
        start_date=datetime.date(2023, 1, 1),
        position=1,
    )


@pytest.fixture
def former(commune):
    return CommitteeMember.objects.create(
        unit=commune,
        full_name="Lê Văn Cũ",
        committee_role=CommitteeRole.MEMBER,
        office_title="Công chức cũ",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2022, 12, 31),
    )


@pytest.fixture
def meeting(commune, clerk, head, seat, other_seat, former):
    return services.schedule_meeting(
        unit=commune,
        actor=clerk,
        kind=MeetingKind.AD_HOC,
        starts_at=datetime.datetime(2023, 7, 14, 8, 0, tzinfo=TZ),
        place="Hội trường UBND xã",
        agenda="Sơ kết công tác Dân vận chính quyền 6 tháng đầu năm 2023.",
        chair=head,
        secretary="Hoàng Thị Thư",
    )


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def test_scheduling_invites_current_members_only_and_is_audited(meeting, clerk):
    names = [i.full_name for i in meeting.invitations.all()]
    # head first, then deputy, then members; the former member is not invited
    assert names == ["Nguyễn Hồng Quang", "Trần Văn Hùng", "Phạm Văn Nam"]
    event = AuditEvent.objects.get(target_id=meeting.pk, verb="create")
    assert event.actor == clerk and "mời 3 thành viên" in event.summary


def test_empty_agenda_is_refused_and_nothing_saved(commune, clerk, seat):
    with pytest.raises(ValidationError, match="Nội dung cuộc họp không được để trống"):
        services.schedule_meeting(
            unit=commune,
            actor=clerk,
            kind=MeetingKind.AD_HOC,
            starts_at=datetime.datetime(2023, 7, 14, 8, 0, tzinfo=TZ),
            place="Hội trường",
            agenda="   ",
        )
    assert not Meeting.objects.exists()


def test_create_page_refuses_empty_agenda_with_message(client, clerk, seat):
    client.force_login(clerk)
    response = client.post(
        reverse("meetings:create"),
        {"kind": "ad_hoc", "day": "2023-07-14", "time": "08:00", "place": "Hội trường"},
    )
    assert response.status_code == 400
    assert "Nội dung cuộc họp không được để trống." in response.content.decode()
    assert not Meeting.objects.exists()


def test_create_page_schedules_meeting(client, clerk, head, seat):
    client.force_login(clerk)
    response = client.post(
        reverse("meetings:create"),
        {
            "kind": "ad_hoc",
            "day": "2023-07-14",
            "time": "14:30",
            "place": "Hội trường UBND xã",
            "chair": head.pk,
            "agenda": "Triển khai Ngày Pháp luật",
            "invitation_number": "05/GM-BCĐ",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.local_start == datetime.datetime(2023, 7, 14, 14, 30, tzinfo=TZ)
    assert meeting.invitation_number == "05/GM-BCĐ"
    assert meeting.invitations.count() == 2


def test_attendance_needs_reason_for_absence_and_saves_nothing_otherwise(meeting, clerk):
    first, second, third = meeting.invitations.all()
    entries = {
        first.pk: (Attendance.PRESENT, ""),
        second.pk: (Attendance.ABSENT, ""),
        third.pk: (Attendance.PRESENT, ""),
    }
    with pytest.raises(ValidationError, match="lý do vắng mặt"):
        services.record_attendance(meeting=meeting, actor=clerk, entries=entries)
    assert not meeting.invitations.exclude(attendance=Attendance.INVITED).exists()

    entries[second.pk] = (Attendance.ABSENT, "Đi công tác")
    services.record_attendance(meeting=meeting, actor=clerk, entries=entries)
    second.refresh_from_db()
    assert second.attendance == Attendance.ABSENT and second.absence_reason == "Đi công tác"
    assert AuditEvent.objects.filter(target_id=meeting.pk, verb="attendance").exists()


def test_attendance_page(client, clerk, meeting):
    client.force_login(clerk)
    first, second, third = meeting.invitations.all()
    data = {
        f"attendance-{first.pk}": "present",
        f"attendance-{second.pk}": "absent",
        f"reason-{second.pk}": "Ốm",
        f"attendance-{third.pk}": "present",
    }
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), data)
    assert response.status_code == 302
    assert meeting.invitations.filter(attendance="present").count() == 2


def test_conclusions_become_program_tasks_with_due_dates(meeting, clerk, program, seat):
    created = services.save_minutes(
        meeting=meeting,
        actor=clerk,
        discussion="Các thành viên thống nhất.",
        ends_at=datetime.time(10, 30),
        conclusions=[
            services.ConclusionInput(
                "Tổ chức tuyên truyền Ngày Pháp luật tại các xóm",
                datetime.date(2023, 11, 9),
                seat,
            ),
            services.ConclusionInput("Hoàn thiện báo cáo sơ kết", datetime.date(2023, 7, 31)),
        ],
    )
    assert len(created) == 2
    task = Task.objects.get(text="Tổ chức tuyên truyền Ngày Pháp luật tại các xóm")
    assert task.program == program
    assert task.due_date == datetime.date(2023, 11, 9) and task.quarter == 4
    assert task.responsible == seat
    assert created[0].task == task
    event = AuditEvent.objects.get(target_id=task.pk, verb="create")
    assert "Kết luận cuộc họp ngày 14/07/2023" in event.summary


def test_conclusion_due_outside_program_year_saves_nothing(meeting, clerk, program):
    before = Task.objects.count()
    with pytest.raises(ValidationError, match="kết luận 2 phải nằm trong năm 2023"):
        services.save_minutes(
            meeting=meeting,
            actor=clerk,
            discussion="Thảo luận",
            conclusions=[
                services.ConclusionInput("Việc một", datetime.date(2023, 9, 1)),
                services.ConclusionInput("Việc hai", datetime.date(2024, 1, 15)),
            ],
        )
    assert Task.objects.count() == before
    assert not Conclusion.objects.exists()
    meeting.refresh_from_db()
    assert meeting.discussion == ""


def test_meeting_outside_any_program_year_is_refused_on_the_page(client, clerk, meeting):
    client.force_login(clerk)  # no program for 2023 exists in this test
    response = client.post(
        reverse("meetings:minutes", args=[meeting.pk]),
        {
            "discussion": "Thảo luận",
            "c-TOTAL_FORMS": "1",
            "c-INITIAL_FORMS": "0",
            "c-0-text": "Tuyên truyền",
            "c-0-due_date": "2023-12-01",
        },
    )
    assert response.status_code == 400
    assert "không thuộc năm của chương trình công tác nào" in response.content.decode()
    assert not Conclusion.objects.exists()


def test_minutes_page_creates_tasks(client, clerk, meeting, program, seat):
    client.force_login(clerk)
    response = client.post(
        reverse("meetings:minutes", args=[meeting.pk]),
        {
            "discussion": "Ý kiến",
            "ends_at": "10:00",
            "c-TOTAL_FORMS": "2",
            "c-INITIAL_FORMS": "0",
            "c-0-text": "Rà soát đơn thư tồn đọng",
            "c-0-responsible": seat.pk,
            "c-0-due_date": "2023-09-30",
            "c-1-text": "",
        },
    )
    assert response.status_code == 302
    assert program.tasks.filter(text="Rà soát đơn thư tồn đọng", responsible=seat).exists()


def test_invitation_docx_has_the_decree_30_lines(client, clerk, meeting):
    client.force_login(clerk)
    response = client.get(reverse("meetings:invitation_docx", args=[meeting.pk]))
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND XÃ HƯNG CHÍNH" in text
    assert "/GM-BCĐ" in text and "Số:" in text
    assert "Hưng Chính, ngày" in text
    assert "GIẤY MỜI" in text
    assert "Đồng chí Phạm Văn Nam - Công chức Tư pháp - Hộ tịch, Thành viên;" in text
    assert "Lê Văn Cũ" not in text
    assert "Dân vận chính quyền xã Hưng Chính trân trọng kính mời:" in text
    assert "Thời gian: 08 giờ 00 phút, Thứ Sáu, ngày 14 tháng 7 năm 2023." in text
    assert "Địa điểm: Hội trường UBND xã." in text
    assert "Sơ kết công tác Dân vận chính quyền 6 tháng đầu năm 2023." in text
    assert "Nơi nhận:" in text and "NGUYỄN HỒNG QUANG" not in text
    assert "Nguyễn Hồng Quang" in text


def test_minutes_docx_has_attendance_and_conclusions(meeting, clerk, program, seat):
    from meetings.papers import minutes_docx

    first, second, third = meeting.invitations.all()
    services.record_attendance(
        meeting=meeting,
        actor=clerk,
        entries={
            first.pk: ("present", ""),
            second.pk: ("absent", "Đi công tác"),
            third.pk: ("present", ""),
        },
    )
    services.save_minutes(
        meeting=meeting,
        actor=clerk,
        discussion="Đồng chí Nam đề nghị tăng cường tuyên truyền.",
        ends_at=datetime.time(10, 15),
        conclusions=[services.ConclusionInput("Tuyên truyền", datetime.date(2023, 11, 9), seat)],
    )
    text = docx_text(minutes_docx(meeting))
    assert "BIÊN BẢN" in text and "/BB-BCĐ" in text
    assert "có mặt 2/3 thành viên" in text
    assert f"Đồng chí {second.full_name} (lý do: Đi công tác);" in text
    assert "Đồng chí Nam đề nghị tăng cường tuyên truyền." in text
    assert "1. Tuyên truyền. Người chủ trì: Phạm Văn Nam. Thời hạn: 09/11/2023." in text
    assert "10 giờ 15 phút" in text
    assert "Hoàng Thị Thư" in text


def test_minutes_docx_before_attendance_lists_the_invited(meeting):
    from meetings.papers import minutes_docx

    text = docx_text(minutes_docx(meeting))
    assert "Thành phần mời: 3 thành viên Ban Chỉ đạo được mời:" in text
    assert "Đồng chí Phạm Văn Nam - Công chức Tư pháp - Hộ tịch;" in text


def test_another_commune_gets_404_everywhere(client, charlie, meeting):
    client.force_login(charlie)
    for name in ("detail", "edit", "attendance", "minutes", "invitation_docx", "minutes_docx"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 404
    assert meeting.place not in client.get(reverse("meetings:list")).content.decode()


def test_viewer_reads_but_cannot_edit(client, viewer, meeting):
    client.force_login(viewer)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("meetings:edit", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meetings:create")).status_code == 404


def test_province_viewer_sees_commune_meeting(client, province_viewer, meeting):
    client.force_login(province_viewer)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200


@pytest.fixture
def recurring(program):
    return Task.objects.create(
        program=program,
        kind="focus",
        position=99,
        text="Thực hiện chế độ sinh hoạt của Ban chỉ đạo 6 tháng/lần",
        period="every:6M",
        due_date=datetime.date(2023, 12, 31),
    )


def test_half_year_meetings_are_proposed_from_the_recurring_task(commune, recurring):
    found = proposals.proposals_for(commune, 2023)
    assert [(p.half, p.day) for p in found] == [
        (1, datetime.date(2023, 6, 30)),
        (2, datetime.date(2023, 12, 29)),  # 31/12/2023 is a Sunday
    ]
    assert all(p.task == recurring for p in found)


def test_no_proposal_without_recurring_task(commune, program):
    assert proposals.proposals_for(commune, 2023) == []


def test_confirming_a_proposal_schedules_it_and_removes_it(client, clerk, head, recurring):
    client.force_login(clerk)
    response = client.post(reverse("meetings:proposal_confirm", args=[2023, 1]))
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.kind == MeetingKind.HALF_YEAR and meeting.chair == head
    assert meeting.day == datetime.date(2023, 6, 30) and meeting.source_task == recurring
    assert [p.half for p in proposals.proposals_for(clerk.unit, 2023)] == [2]
    # confirming again does nothing
    client.post(reverse("meetings:proposal_confirm", args=[2023, 1]))
    assert Meeting.objects.count() == 1


def test_charlie_cannot_confirm_anothers_proposal(client, charlie, recurring):
    client.force_login(charlie)
    client.post(reverse("meetings:proposal_confirm", args=[2023, 1]))
    assert not Meeting.objects.exists()


def test_feed_lists_meetings_of_the_unit(meeting, clerk, charlie, commune):
    from meetings.feeds import meeting_events

    events = meeting_events(commune, clerk)
    assert len(events) == 1
    assert events[0]["start"] == datetime.datetime(2023, 7, 14, 8, 0, tzinfo=TZ)
    assert events[0]["url"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting_events(commune, charlie) == []


def test_list_shows_proposed_meetings_to_the_office(client, clerk, viewer, recurring):
    client.force_login(clerk)
    page = client.get(reverse("meetings:list"), {"year": 2023}).content.decode()
    assert "Cuộc họp đề xuất" in page and "30/06/2023" in page and "29/12/2023" in page
    client.force_login(viewer)
    assert (
        "Cuộc họp đề xuất"
        not in client.get(reverse("meetings:list"), {"year": 2023}).content.decode()
    )


def test_office_pages_open_with_current_values(client, clerk, meeting):
    client.force_login(clerk)
    edit = client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert "Sơ kết công tác Dân vận chính quyền 6 tháng đầu năm 2023." in edit
    assert 'value="2023-07-14"' in edit
    attendance = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert "Trần Văn Hùng" in attendance
    minutes = client.get(reverse("meetings:minutes", args=[meeting.pk]))
    assert minutes.status_code == 200
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("meetings:invitation_docx", args=[meeting.pk]) in detail


def test_meetings_appear_in_the_calendar_feed(meeting, clerk, charlie):
    feeds = pytest.importorskip("followup.feeds")
    from meetings.feeds import meeting_events

    assert meeting_events in feeds.registered_sources()
    token, _secret = feeds.issue_token(clerk, "unit")
    feed = feeds.build_feed(token).decode().replace("\r\n ", "")  # unfold lines
    assert "SUMMARY:Họp đột xuất Ban Chỉ đạo – Xã Hưng Chính" in feed
    assert "DTSTART:20230714T010000Z" in feed  # 08:00 in Vietnam
    other, _secret = feeds.issue_token(charlie, "unit")
    assert "Họp đột xuất" not in feeds.build_feed(other).decode().replace("\r\n ", "")


def test_invitees_with_an_account_are_told_once_when_the_invitation_is_issued(
    meeting, seat, member_user, clerk
):
    from meetings.services import number_invitation
    from reminders.models import Notification

    assert not Notification.objects.filter(user=member_user).exists()  # not issued yet
    number_invitation(meeting=meeting, actor=clerk, day=datetime.date(2023, 7, 10))
    note = Notification.objects.get(user=member_user)
    assert note.title.startswith("Giấy mời họp Ban Chỉ đạo")
    assert note.url == f"/hop/{meeting.pk}/"
    assert Notification.objects.count() == 1  # the other invitees have no account
    services.invite_current_members(meeting)  # nobody new: nobody told again
    assert Notification.objects.count() == 1


def test_the_invitation_number_comes_from_the_outgoing_register(client, meeting, clerk, viewer):
    from outgoing.models import IssuedDocument

    client.force_login(viewer)
    url = reverse("meetings:number_invitation", args=[meeting.pk])
    assert client.post(url).status_code == 404
    client.force_login(clerk)
    client.post(url)
    meeting.refresh_from_db()
    assert meeting.invitation_number.endswith("/GM-BCĐ")
    assert IssuedDocument.objects.filter(number_symbol=meeting.invitation_number).exists()
    first = meeting.invitation_number
    response = client.post(url, follow=True)  # a second press takes no new number
    assert "đã có số" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.invitation_number == first
    assert IssuedDocument.objects.count() == 1
    text = docx_text(client.get(reverse("meetings:invitation_docx", args=[meeting.pk])).content)
    assert f"Số: {first}" in text
