"""The signature blocks and closing words of the meeting papers, as Decree 30's appendix
shows them: the head signs "TM. BAN CHỈ ĐẠO / TRƯỞNG BAN", a deputy "KT. TRƯỞNG BAN /
PHÓ TRƯỞNG BAN"; the minutes are signed by the secretary and the presiding chair, and end
with the usual closing; the chair is not among the people the invitation invites."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from committee.models import CommitteeMember, CommitteeRole
from meetings import services
from meetings.models import MeetingKind
from meetings.papers import invitation_docx, minutes_docx

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def signature_lines(content: bytes) -> list[list[str]]:
    """The signature block: the last table's cells, each cell's lines in order, without the
    "Nơi nhận:" column."""
    document = Document(io.BytesIO(content))
    cells = document.tables[-1].rows[0].cells
    blocks = [[p.text for p in cell.paragraphs if p.text.strip()] for cell in cells]
    return [b for b in blocks if b and b[0] != "Nơi nhận:"]


def body_lines(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs if p.text.strip()]


@pytest.fixture
def members(commune):
    def member(name, role, title, position):
        return CommitteeMember.objects.create(
            unit=commune,
            full_name=name,
            committee_role=role,
            office_title=title,
            start_date=datetime.date(2023, 1, 1),
            position=position,
        )

    return {
        "head": member("Nguyễn Hồng Quang", CommitteeRole.HEAD, "Chủ tịch UBND xã", 1),
        "deputy": member("Trần Văn Hùng", CommitteeRole.DEPUTY, "Phó Chủ tịch UBND xã", 2),
        "member": member("Phạm Văn Nam", CommitteeRole.MEMBER, "Công chức Tư pháp", 3),
    }


def _meeting(commune, clerk, chair, ends_at=None):
    meeting = services.schedule_meeting(
        unit=commune,
        actor=clerk,
        kind=MeetingKind.AD_HOC,
        starts_at=datetime.datetime(2023, 7, 14, 8, 0, tzinfo=TZ),
        place="Hội trường UBND xã",
        agenda="Sơ kết công tác 6 tháng đầu năm 2023.",
        chair=chair,
        secretary="Hoàng Thị Thư",
    )
    if ends_at:
        services.save_minutes(
            meeting=meeting, actor=clerk, discussion="", ends_at=ends_at, conclusions=[]
        )
    return meeting


def test_the_head_signs_the_invitation_on_behalf_of_the_committee(commune, clerk, members):
    content = invitation_docx(_meeting(commune, clerk, members["head"]))
    assert signature_lines(content) == [["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "Nguyễn Hồng Quang"]]


def test_a_deputy_signs_the_invitation_for_the_head(commune, clerk, members):
    content = invitation_docx(_meeting(commune, clerk, members["deputy"]))
    assert signature_lines(content) == [["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Văn Hùng"]]


def test_the_chair_is_not_among_the_invited(commune, clerk, members):
    lines = body_lines(invitation_docx(_meeting(commune, clerk, members["deputy"])))
    invited = [line for line in lines if line.startswith("- Đồng chí")]
    assert invited == [
        "- Đồng chí Nguyễn Hồng Quang - Chủ tịch UBND xã, Trưởng ban;",
        "- Đồng chí Phạm Văn Nam - Công chức Tư pháp, Thành viên;",
    ]
    assert any(line.startswith("Chủ trì: Đồng chí Trần Văn Hùng") for line in lines)


def test_the_minutes_are_signed_by_the_secretary_and_the_chair(commune, clerk, members):
    content = minutes_docx(_meeting(commune, clerk, members["head"], datetime.time(10, 15)))
    assert signature_lines(content) == [
        ["THƯ KÝ", "Hoàng Thị Thư"],
        ["CHỦ TỌA", "Nguyễn Hồng Quang"],
    ]


def test_the_minutes_end_with_the_usual_closing(commune, clerk, members):
    lines = body_lines(
        minutes_docx(_meeting(commune, clerk, members["head"], datetime.time(10, 15)))
    )
    assert (
        "Cuộc họp kết thúc vào hồi 10 giờ 15 phút cùng ngày; biên bản đã được đọc lại cho "
        "những người dự họp nghe và nhất trí thông qua./."
    ) in lines
    assert not any("thông qua trước cuộc họp" in line for line in lines)


def test_minutes_without_an_end_time_leave_it_to_be_filled(commune, clerk, members):
    lines = body_lines(minutes_docx(_meeting(commune, clerk, members["head"])))
    assert any(
        line.startswith("Cuộc họp kết thúc vào hồi … giờ … phút cùng ngày;") for line in lines
    )
