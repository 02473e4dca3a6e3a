"""Every change to meetings goes through these functions: each validates, writes in one
transaction and records what changed in the audit log."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import diff, record
from committee.models import ROLE_ORDER, CommitteeMember
from meetings.models import Attendance, Conclusion, Invitation, Meeting, MeetingKind
from programs.models import Program, TaskOrigin
from programs.services import add_task


def _check_people(unit, chair):
    if chair is not None and chair.unit_id != unit.pk:
        raise ValidationError(_("Người chủ trì không thuộc Ban Chỉ đạo của đơn vị này."))


def _clean_agenda(agenda: str) -> str:
    agenda = (agenda or "").strip()
    if not agenda:
        raise ValidationError(_("Nội dung cuộc họp không được để trống."))
    return agenda


def _snapshot(meeting: Meeting) -> dict:
    return {
        "kind": meeting.get_kind_display(),
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M"),
        "place": meeting.place,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
        "agenda": meeting.agenda,
        "invitation_number": meeting.invitation_number,
    }


@transaction.atomic
def schedule_meeting(
    *,
    unit,
    actor,
    kind: str,
    starts_at: datetime.datetime,
    place: str,
    agenda: str,
    chair=None,
    secretary: str = "",
    source_task=None,
) -> Meeting:
    """Schedule a meeting and invite the committee's current members."""
    agenda = _clean_agenda(agenda)
    if not (place or "").strip():
        raise ValidationError(_("Địa điểm họp không được để trống."))
    if kind not in MeetingKind.values:
        raise ValidationError(_("Loại cuộc họp không hợp lệ."))
    _check_people(unit, chair)
    meeting = Meeting.objects.create(
        unit=unit,
        kind=kind,
        starts_at=starts_at,
        place=place.strip(),
        agenda=agenda,
        chair=chair,
        secretary=secretary,
        source_task=source_task,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    invited = invite_current_members(meeting)
    record(
        actor=actor,
        unit=unit,
        target=meeting,
        verb="create",
        summary=_("Lên lịch %(meeting)s, mời %(count)s thành viên")
        % {"meeting": meeting, "count": invited},
    )
    return meeting


def invite_current_members(meeting: Meeting) -> int:
    """Invite every current member not yet invited; returns how many were added."""
    already = set(meeting.invitations.values_list("member_id", flat=True))
    members = CommitteeMember.objects.filter(unit=meeting.unit).current().exclude(pk__in=already)
    members = sorted(members, key=lambda m: (ROLE_ORDER.get(m.committee_role, 9), m.position))
    start = meeting.invitations.count()
    rows = [
        Invitation(
            meeting=meeting,
            member=m,
            full_name=m.full_name,
            committee_role=m.get_committee_role_display(),
            office_title=m.office_title,
            position=start + n,
        )
        for n, m in enumerate(members, start=1)
    ]
    Invitation.objects.bulk_create(rows)
    notify_invited(meeting)
    return len(rows)


def notify_invited(meeting: Meeting) -> int:
    """Once the invitation is issued (it has its number), tell each invitee who has an
    account (``reminders.notify``), once per meeting: invitees added later are told when
    they are added."""
    from django.urls import reverse

    from reminders.models import NoticeKind
    from reminders.notify import notify

    if not meeting.invitation_number.strip():
        return 0
    when = timezone.localtime(meeting.starts_at)
    invitees = CommitteeMember.objects.filter(
        pk__in=meeting.invitations.values("member"), user__isnull=False
    ).select_related("user")
    return notify(
        [m.user for m in invitees],
        kind=NoticeKind.MEETING_INVITATION,
        key=str(meeting.pk),
        title=_("Giấy mời họp Ban Chỉ đạo: %(meeting)s") % {"meeting": meeting},
        body=f"{meeting.invitation_number} – {when:%H:%M %d/%m/%Y} – {meeting.place or ''}",
        url=reverse("meetings:detail", args=[meeting.pk]),
    )


@transaction.atomic
def update_meeting(*, meeting: Meeting, actor, **values) -> Meeting:
    """Change the schedule (kind, time, place, chair, secretary, agenda, invitation number)."""
    allowed = {"kind", "starts_at", "place", "agenda", "chair", "secretary", "invitation_number"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"not meeting fields: {sorted(unknown)}")
    if "agenda" in values:
        values["agenda"] = _clean_agenda(values["agenda"])
    if "place" in values and not (values["place"] or "").strip():
        raise ValidationError(_("Địa điểm họp không được để trống."))
    _check_people(meeting.unit, values.get("chair"))
    before = _snapshot(meeting)
    for field, value in values.items():
        setattr(meeting, field, value)
    meeting.save()
    if not (before["invitation_number"] or "").strip():
        notify_invited(meeting)
    changes = diff(before, _snapshot(meeting))
    if changes:
        record(
            actor=actor,
            unit=meeting.unit,
            target=meeting,
            verb="change",
            summary=_("Sửa lịch họp"),
            changes=changes,
        )
    return meeting


@transaction.atomic
def record_attendance(*, meeting: Meeting, actor, entries: dict[int, tuple[str, str]]) -> None:
    """Record who came: ``entries`` maps an invitation's id to (attendance, reason).

    An absence needs its reason; nothing is saved if any entry is wrong.
    """
    invitations = {i.pk: i for i in meeting.invitations.all()}
    changes = {}
    for pk, (attendance, reason) in entries.items():
        invitation = invitations.get(pk)
        if invitation is None:
            raise ValidationError(_("Người dự họp không có trong danh sách mời."))
        if attendance not in Attendance.values:
            raise ValidationError(_("Tình trạng tham dự không hợp lệ."))
        reason = (reason or "").strip()
        if attendance == Attendance.ABSENT and not reason:
            raise ValidationError(
                _("Vui lòng ghi lý do vắng mặt của %(name)s.") % {"name": invitation.full_name}
            )
        if attendance != Attendance.ABSENT:
            reason = ""
        before = (invitation.get_attendance_display(), invitation.absence_reason)
        invitation.attendance = attendance
        invitation.absence_reason = reason
        after = (invitation.get_attendance_display(), invitation.absence_reason)
        if before != after:
            invitation.save(update_fields=["attendance", "absence_reason"])
            changes[invitation.full_name] = [
                " – ".join(filter(None, before)),
                " – ".join(filter(None, after)),
            ]
    if changes:
        record(
            actor=actor,
            unit=meeting.unit,
            target=meeting,
            verb="attendance",
            summary=_("Điểm danh cuộc họp"),
            changes=changes,
        )


@dataclass(frozen=True)
class ConclusionInput:
    text: str
    due_date: datetime.date
    responsible: CommitteeMember | None = None


def program_for(meeting: Meeting) -> Program | None:
    return Program.objects.filter(unit=meeting.unit, year=meeting.day.year).first()


@transaction.atomic
def save_minutes(
    *,
    meeting: Meeting,
    actor,
    discussion: str,
    ends_at: datetime.time | None = None,
    conclusions: list[ConclusionInput] = (),
) -> list[Conclusion]:
    """Save the minutes and turn each new conclusion into a task of the year's program.

    1. The meeting's day must fall in a year for which the unit has a program.
    2. Each conclusion needs its text and a due date within that program's year.
    3. Each becomes a task through ``programs.services.add_task`` with the source
       "Kết luận cuộc họp ngày dd/mm/yyyy". Any refusal rolls everything back.
    """
    conclusions = list(conclusions)
    program = None
    day = meeting.day
    if conclusions:
        program = program_for(meeting)
        if program is None:
            raise ValidationError(
                _(
                    "Ngày họp %(day)s không thuộc năm của chương trình công tác nào của đơn vị; "
                    "hãy nhập chương trình năm %(year)s trước khi ghi kết luận."
                )
                % {"day": day.strftime("%d/%m/%Y"), "year": day.year}
            )
    for n, item in enumerate(conclusions, start=1):
        if not item.text.strip():
            raise ValidationError(_("Kết luận %(n)s chưa có nội dung.") % {"n": n})
        if item.due_date is None or item.due_date.year != program.year:
            raise ValidationError(
                _("Hạn hoàn thành của kết luận %(n)s phải nằm trong năm %(year)s của chương trình.")
                % {"n": n, "year": program.year}
            )
        if item.responsible is not None and item.responsible.unit_id != meeting.unit_id:
            raise ValidationError(
                _("Người chủ trì kết luận %(n)s không thuộc đơn vị này.") % {"n": n}
            )
    before = {"discussion": meeting.discussion, "ends_at": meeting.ends_at}
    meeting.discussion = (discussion or "").strip()
    meeting.ends_at = ends_at
    meeting.save(update_fields=["discussion", "ends_at", "updated_at"])
    changes = diff(before, {"discussion": meeting.discussion, "ends_at": meeting.ends_at})
    source = _("Kết luận cuộc họp ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")}
    created = []
    start = meeting.conclusions.count()
    for n, item in enumerate(conclusions, start=1):
        task = add_task(
            program=program,
            actor=actor,
            text=item.text,
            due_date=item.due_date,
            responsible=item.responsible,
            source=source,
            origin=TaskOrigin.MEETING,
        )
        created.append(
            Conclusion.objects.create(
                meeting=meeting,
                position=start + n,
                text=item.text.strip(),
                responsible=item.responsible,
                due_date=item.due_date,
                task=task,
            )
        )
    if created:
        changes["conclusions"] = [None, [c.text for c in created]]
    if changes:
        record(
            actor=actor,
            unit=meeting.unit,
            target=meeting,
            verb="minutes",
            summary=_("Ghi biên bản cuộc họp")
            + (_(", %(n)s kết luận thành nhiệm vụ") % {"n": len(created)} if created else ""),
            changes=changes,
        )
    return created


@transaction.atomic
def number_invitation(*, meeting: Meeting, actor, day: datetime.date | None = None) -> Meeting:
    """Take the invitation's number from the unit's outgoing register ("03/GM-BCĐ")."""
    from outgoing.services import issue_document

    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.invitation_number.strip():
        raise ValidationError(_("Giấy mời đã có số %(n)s.") % {"n": meeting.invitation_number})
    issued = issue_document(
        unit=meeting.unit,
        doc_type="Giấy mời",
        day=day or timezone.localdate(),
        summary=_("Mời họp Ban Chỉ đạo: %(meeting)s") % {"meeting": meeting},
        actor=actor,
    )
    meeting.invitation_number = issued.number_symbol
    meeting.save(update_fields=["invitation_number"])
    record(
        actor=actor,
        unit=meeting.unit,
        target=meeting,
        verb="number",
        summary=_("Lấy số giấy mời %(n)s từ sổ văn bản đi") % {"n": issued.number_symbol},
        changes={"invitation_number": [None, issued.number_symbol]},
    )
    notify_invited(meeting)
    return meeting
