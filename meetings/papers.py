"""The meeting's papers: the invitation (Giấy mời, Mẫu 1.7) and the minutes (Biên bản,
Mẫu 1.9 of Decree 30/2020), as Word files. The papers are Vietnamese whatever the language
of the pages, so no gettext here."""

from django.utils import timezone
from django.utils.text import slugify

from dvcq.text import fold
from meetings.docx_letter import (
    COMMITTEE_NAME_LINES,
    WEEKDAYS,
    Letter,
    decree_date,
    number_line,
    place_name,
    spoken_time,
)
from meetings.models import Attendance, Meeting, MeetingKind

GM_CODE = "GM"
BB_CODE = "BB"


def _issuer_code(unit) -> str:
    from outgoing.services import register_for

    return register_for(unit).issuer_code or "BCĐ"


def _committee(unit) -> str:
    """ "… chính quyền xã Hưng Chính": the kind of unit in small letters, the name as is."""
    name = unit.name
    if name != place_name(unit):
        name = name[0].lower() + name[1:]
    return f"Ban Chỉ đạo thực hiện công tác Dân vận chính quyền {name}"


def summary(meeting: Meeting) -> str:
    year = meeting.day.year
    if meeting.kind == MeetingKind.HALF_YEAR:
        half = "6 tháng đầu năm" if meeting.day.month <= 6 else "năm"
        what = "sơ kết" if meeting.day.month <= 6 else "tổng kết"
        return f"Họp Ban Chỉ đạo {what} công tác Dân vận chính quyền {half} {year}"
    return "Họp Ban Chỉ đạo thực hiện công tác Dân vận chính quyền"


def _letter(meeting: Meeting, doc_type: str, code: str, number: str, day) -> Letter:
    unit = meeting.unit
    letter = Letter(f"{doc_type} {summary(meeting)}")
    letter.header(
        parent=f"UBND {unit.name.upper()}",
        body=COMMITTEE_NAME_LINES,
        number=number_line(number, code, _issuer_code(unit)),
        place_and_date=f"{place_name(unit)}, {decree_date(day)}",
    )
    letter.title(doc_type, summary(meeting))
    return letter


def _when(meeting: Meeting) -> str:
    start = meeting.local_start
    return f"{spoken_time(start)}, {WEEKDAYS[start.weekday()]}, {decree_date(start.date())}"


def _chair(meeting: Meeting) -> str:
    if meeting.chair is None:
        return ""
    chair = meeting.chair
    return (
        f"Đồng chí {chair.full_name} - {chair.office_title}, {chair.get_committee_role_display()}"
    )


def committee_signature(member) -> list[str]:
    """The signature block's title lines for the committee, by the signer's capacity (the
    appendix of Decree 30): the head signs on behalf of the committee ("TM. BAN CHỈ ĐẠO /
    TRƯỞNG BAN"), anyone else for the head ("KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN")."""
    if member is None or member.committee_role == "head":
        return ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"]
    return ["KT. TRƯỞNG BAN", member.get_committee_role_display().upper()]


def _head_titles(meeting: Meeting) -> tuple[list[str], str]:
    chair = meeting.chair
    return committee_signature(chair), chair.full_name if chair else ""


def _end(text: str) -> str:
    text = text.strip()
    return text if text.endswith("./.") else text.rstrip(".;") + "./."


def invitation_docx(meeting: Meeting) -> bytes:
    """Giấy mời: who is invited, by whom, when, where and for what."""
    letter = _letter(meeting, "Giấy mời", GM_CODE, meeting.invitation_number, timezone.localdate())
    letter.paragraph(f"{_committee(meeting.unit)} trân trọng kính mời:")
    for invitation in meeting.invitations.all():
        if meeting.chair_id and invitation.member_id == meeting.chair_id:
            continue  # the chair presides (the "Chủ trì:" line), and is not invited
        role = ", ".join(filter(None, [invitation.office_title, invitation.committee_role]))
        letter.paragraph(f"- Đồng chí {invitation.full_name}" + (f" - {role};" if role else ";"))
    letter.paragraph("Tới dự cuộc họp Ban Chỉ đạo.")
    if meeting.chair:
        letter.paragraph(_chair(meeting) + ".", label="Chủ trì:")
    letter.paragraph(_when(meeting) + ".", label="Thời gian:")
    letter.paragraph(meeting.place.strip().rstrip(".") + ".", label="Địa điểm:")
    letter.paragraph("", label="Nội dung:")
    for line in meeting.agenda.splitlines():
        if line.strip():
            letter.paragraph(line.strip())
    letter.paragraph(_end("Rất mong các đồng chí tham dự đầy đủ, đúng giờ"))
    titles, name = _head_titles(meeting)
    letter.closing(recipients=["- Như trên;", "- Lưu: VT, VP."], signers=[(titles, name)])
    return letter.bytes()


def minutes_docx(meeting: Meeting) -> bytes:
    """Biên bản: time, place, who attended and who did not (and why), chair and secretary,
    the agenda, the discussion, the conclusions with who and by when, and the end."""
    letter = _letter(meeting, "Biên bản", BB_CODE, "", meeting.day)
    invitations = list(meeting.invitations.all())
    present = [i for i in invitations if i.attendance == Attendance.PRESENT]
    absent = [i for i in invitations if i.attendance == Attendance.ABSENT]
    letter.paragraph(_when(meeting) + ".", label="Thời gian bắt đầu:")
    letter.paragraph(meeting.place.strip().rstrip(".") + ".", label="Địa điểm:")
    if present or absent:
        letter.paragraph(
            f"có mặt {len(present)}/{len(invitations)} thành viên Ban Chỉ đạo:",
            label="Thành phần tham dự:",
        )
    else:  # attendance not recorded yet: the invited members
        letter.paragraph(
            f"{len(invitations)} thành viên Ban Chỉ đạo được mời:", label="Thành phần mời:"
        )
        present = invitations
    for i in present:
        letter.paragraph(f"- Đồng chí {i.full_name} - {i.office_title};")
    if absent:
        letter.paragraph(f"{len(absent)} đồng chí:", label="Vắng mặt:")
        for i in absent:
            letter.paragraph(f"- Đồng chí {i.full_name} (lý do: {i.absence_reason});")
    if meeting.chair:
        letter.paragraph(_chair(meeting) + ".", label="Chủ trì:")
    if meeting.secretary:
        letter.paragraph(meeting.secretary + ".", label="Thư ký:")
    letter.heading("I. NỘI DUNG CUỘC HỌP")
    for line in meeting.agenda.splitlines():
        if line.strip():
            letter.paragraph(line.strip())
    letter.heading("II. Ý KIẾN THẢO LUẬN")
    for line in (meeting.discussion or "").splitlines() or ["…"]:
        if line.strip():
            letter.paragraph(line.strip())
    letter.heading("III. KẾT LUẬN")
    conclusions = list(meeting.conclusions.select_related("responsible"))
    for n, c in enumerate(conclusions, start=1):
        who = f" Người chủ trì: {c.responsible.full_name}." if c.responsible else ""
        letter.paragraph(f"{n}. {c.text.rstrip('.')}.{who} Thời hạn: {c.due_date:%d/%m/%Y}.")
    if not conclusions:
        letter.paragraph("…")
    end = (
        f"Cuộc họp kết thúc vào hồi {spoken_time(meeting.ends_at)} cùng ngày"
        if meeting.ends_at
        else "Cuộc họp kết thúc vào hồi … giờ … phút cùng ngày"
    )
    letter.paragraph(
        _end(end + "; biên bản đã được đọc lại cho những người dự họp nghe và nhất trí thông qua")
    )
    chair_name = meeting.chair.full_name if meeting.chair else ""
    letter.closing(
        recipients=["- Thành viên Ban Chỉ đạo;", "- Lưu: VT, VP."],
        signers=[(["THƯ KÝ"], meeting.secretary), (["CHỦ TỌA"], chair_name)],
    )
    return letter.bytes()


def file_name(meeting: Meeting, what: str) -> str:
    return slugify(fold(f"{what} hop ban chi dao {meeting.day:%Y-%m-%d}")) + ".docx"
