"""Changes to the steering committee, each recorded in the audit log."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import diff, record
from committee.models import AppointmentDecision, CommitteeMember


def _check_hamlets(unit, hamlets):
    for hamlet in hamlets:
        if hamlet.unit_id != unit.pk:
            raise ValidationError(_("Thôn, xóm không thuộc đơn vị này."))


@transaction.atomic
def add_member(
    *,
    unit,
    actor,
    full_name: str,
    committee_role: str,
    office_title: str,
    decision: AppointmentDecision | None = None,
    start_date: datetime.date | None = None,
    user=None,
    hamlets=(),
    position: int = 0,
) -> CommitteeMember:
    if not full_name.strip():
        raise ValidationError(_("Họ và tên không được để trống."))
    if decision is not None and decision.unit_id != unit.pk:
        raise ValidationError(_("Quyết định không thuộc đơn vị này."))
    if user is not None and user.unit_id != unit.pk:
        raise ValidationError(_("Tài khoản không thuộc đơn vị này."))
    _check_hamlets(unit, hamlets)
    member = CommitteeMember.objects.create(
        unit=unit,
        full_name=full_name.strip(),
        committee_role=committee_role,
        office_title=office_title.strip(),
        decision=decision,
        start_date=start_date or (decision.signed_on if decision else None),
        user=user,
        position=position,
    )
    member.hamlets.set(hamlets)
    record(
        actor=actor,
        unit=unit,
        target=member,
        verb="create",
        summary=_("Bổ sung thành viên %(name)s – %(role)s")
        % {"name": member.full_name, "role": member.get_committee_role_display()},
        changes={
            "committee_role": [None, member.get_committee_role_display()],
            "office_title": [None, member.office_title],
            "decision": [None, str(decision) if decision else None],
            "hamlets": [None, sorted(h.name for h in hamlets)],
        },
    )
    return member


@transaction.atomic
def end_membership(*, member: CommitteeMember, actor, end_date: datetime.date) -> CommitteeMember:
    if member.end_date is not None:
        raise ValidationError(_("Thành viên này đã thôi tham gia Ban."))
    if member.start_date and end_date < member.start_date:
        raise ValidationError(_("Ngày thôi tham gia không được trước ngày bắt đầu."))
    member.end_date = end_date
    member.save(update_fields=["end_date"])
    record(
        actor=actor,
        unit=member.unit,
        target=member,
        verb="end",
        summary=_("%(name)s thôi tham gia Ban từ %(day)s")
        % {"name": member.full_name, "day": end_date.strftime("%d/%m/%Y")},
        changes={"end_date": [None, end_date.strftime("%d/%m/%Y")]},
    )
    return member


@transaction.atomic
def assign_hamlets(*, member: CommitteeMember, actor, hamlets) -> CommitteeMember:
    """Phân công thành viên theo dõi các xóm."""
    _check_hamlets(member.unit, hamlets)
    before = {"hamlets": sorted(h.name for h in member.hamlets.all())}
    member.hamlets.set(hamlets)
    after = {"hamlets": sorted(h.name for h in hamlets)}
    changes = diff(before, after)
    if changes:
        record(
            actor=actor,
            unit=member.unit,
            target=member,
            verb="assign",
            summary=_("Phân công %(name)s theo dõi: %(list)s")
            % {"name": member.full_name, "list": ", ".join(after["hamlets"]) or "—"},
            changes=changes,
        )
    return member


@transaction.atomic
def reconstitute(
    *,
    unit,
    actor,
    number: str,
    signed_on: datetime.date,
    summary: str,
    members: list[dict],
) -> AppointmentDecision:
    """Kiện toàn Ban: a new decision ends every current seat the day before it takes effect
    and seats the members it names; the old seats stay as history."""
    if not number.strip():
        raise ValidationError(_("Số quyết định không được để trống."))
    if not members:
        raise ValidationError(_("Quyết định kiện toàn phải có ít nhất một thành viên."))
    decision = AppointmentDecision.objects.create(
        unit=unit, number=number.strip(), signed_on=signed_on, summary=summary
    )
    for seat in CommitteeMember.objects.filter(unit=unit).current():
        end_membership(
            member=seat,
            actor=actor,
            end_date=max(signed_on - datetime.timedelta(days=1), seat.start_date or signed_on),
        )
    for position, data in enumerate(members, start=1):
        add_member(unit=unit, actor=actor, decision=decision, position=position, **data)
    record(
        actor=actor,
        unit=unit,
        target=decision,
        verb="create",
        summary=_("Kiện toàn Ban Chỉ đạo theo Quyết định %(d)s") % {"d": decision},
    )
    return decision
