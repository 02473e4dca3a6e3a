"""Urging letters (công văn đôn đốc): the overdue tasks of a unit by person in charge, and
the generating of a Công văn that lists them.

``overdue_tasks`` is what the office may urge: open tasks past their due date, still in the
document (not withdrawn), of the unit's issued programs; organization clauses are not tasks
anyone reports on and are left out. ``group_by_person`` orders them by the person in charge.

A letter goes the way of every outgoing document: drafted, submitted for review (trình
ký), issued; a draft may be discarded, a letter under review sent back to draft.

* ``draft_letter`` checks the chosen tasks and writes the ``UrgingLetter`` (a draft, no
  number) with a copy of each task as it stands.
* ``issue_urging_letter`` is the one place a letter is issued: in one transaction it takes
  the next number from the outgoing register as a Công văn (``outgoing.services.
  issue_document``, so the code has no type abbreviation: "15/BCĐ-VP"), and records the
  urging in the audit log of each task. Any refusal leaves nothing behind, not even a number;
  a discarded draft never took one, so the register has no gap.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from followup.urging_models import LetterStatus, UrgingItem, UrgingLetter
from outgoing import doctypes
from outgoing.services import issue_document, register_for
from programs.models import Program, ProgramStatus, Task

DOC_TYPE = "Công văn"
UNASSIGNED = "Chưa phân công người chủ trì"  # document text: Vietnamese whatever the UI language


@dataclass
class PersonGroup:
    """The overdue tasks of one person in charge (or of one office, or of nobody)."""

    key: str
    name: str
    title: str = ""
    member_id: int | None = None
    tasks: list = field(default_factory=list)

    @property
    def heading(self) -> str:
        """ "Đồng chí Phạm Văn Nam, Công chức Tư pháp - Hộ tịch" in the letter."""
        if self.member_id is None:
            return self.name
        return f"Đồng chí {self.name}" + (f", {self.title}" if self.title else "")


def issued_programs(unit):
    return Program.objects.filter(unit=unit, status=ProgramStatus.ISSUED).order_by("-year")


def overdue_tasks(unit, today: datetime.date | None = None, program=None):
    """Open tasks past due in ``unit``'s issued programs (``program`` only, when given)."""
    today = today or timezone.localdate()
    tasks = (
        Task.objects.overdue(today)
        .trackable()
        .filter(unit=unit, program__status=ProgramStatus.ISSUED)
        .select_related("program", "responsible")
        .order_by("due_date", "program_id", "position", "pk")
    )
    if program is not None:
        tasks = tasks.filter(program=program)
    return tasks


def _person_key(task) -> tuple[str, str, str, int | None]:
    member = task.responsible
    if member is not None:
        return f"m{member.pk}", member.full_name, member.office_title, member.pk
    office = task.responsible_office.strip()
    if office:
        return f"o{office}", office, "", None
    return "none", UNASSIGNED, "", None


def group_by_person(tasks) -> list[PersonGroup]:
    """Groups in the order persons first appear (tasks come by due date); nobody last."""
    groups: dict[str, PersonGroup] = {}
    for task in tasks:
        key, name, title, member_id = _person_key(task)
        group = groups.get(key)
        if group is None:
            group = groups[key] = PersonGroup(key, name, title, member_id)
        group.tasks.append(task)
    ordered = [g for g in groups.values() if g.key != "none"]
    ordered += [g for g in groups.values() if g.key == "none"]
    return ordered


def default_summary(program) -> str:
    symbol = program.number_symbol.strip()
    reference = f"số {symbol}" if symbol[:1].isdigit() else f"năm {program.year}"
    return f"V/v đôn đốc thực hiện nhiệm vụ quá hạn theo {program.doc_type} {reference}"


def default_recipients(groups, drafting_code: str) -> list[str]:
    """Each person in charge, then "Lưu: VT, VP"."""
    lines = [g.heading for g in groups if g.key != "none"]
    return [*lines, "Lưu: VT" + (f", {drafting_code}" if drafting_code else "")]


def signer_titles(program) -> list[str]:
    return [
        value.strip()
        for value in (program.signer_capacity, program.signer_title, program.signer_position)
        if value.strip()
    ]


@transaction.atomic
def draft_letter(
    *,
    unit,
    program,
    task_ids,
    actor,
    day: datetime.date,
    summary: str = "",
    report_by: datetime.date | None = None,
    titles=(),
    signer_name: str = "",
    recipients=(),
) -> UrgingLetter:
    """Draft an urging letter about the chosen tasks of ``program`` overdue on ``day``; it
    has no number until it is issued.

    Raises ``ValidationError`` (and saves nothing) when no task is chosen or a chosen task is
    not an overdue task of that program on ``day``.
    """
    wanted = {int(pk) for pk in task_ids}
    if not wanted:
        raise ValidationError(_("Chưa chọn nhiệm vụ quá hạn nào; không tạo công văn đôn đốc."))
    if program.unit_id != unit.pk or program.status != ProgramStatus.ISSUED:
        raise ValidationError(_("Chỉ đôn đốc nhiệm vụ của chương trình đã ban hành của đơn vị."))
    tasks = list(overdue_tasks(unit, day, program).filter(pk__in=wanted))
    if len(tasks) != len(wanted):
        raise ValidationError(
            _(
                "Có nhiệm vụ đã chọn không còn quá hạn hoặc không thuộc chương trình này; "
                "hãy tải lại trang và chọn lại."
            )
        )
    groups = group_by_person(tasks)
    summary = " ".join(summary.split()) or default_summary(program)
    if not summary.startswith("V/v"):
        summary = f"V/v {summary}"
    recipients = [line.strip() for line in recipients if line.strip()]
    if not recipients:
        recipients = default_recipients(groups, register_for(unit).drafting_code)
    letter = UrgingLetter.objects.create(
        unit=unit,
        program=program,
        status=LetterStatus.DRAFT,
        summary=summary[:400],
        report_by=report_by,
        signer_titles=[t.strip() for t in titles if t.strip()],
        signer_name=signer_name.strip(),
        recipients=recipients,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    position = 0
    items = []
    for group in groups:
        for task in group.tasks:
            position += 1
            items.append(
                UrgingItem(
                    letter=letter,
                    task=task,
                    person_id=group.member_id,
                    person_name=group.heading[:200],
                    task_text=task.text.strip(),
                    due_date=task.due_date,
                    position=position,
                )
            )
    UrgingItem.objects.bulk_create(items)
    record(
        actor=actor,
        unit=unit,
        target=letter,
        verb="create",
        summary=_("Dự thảo công văn đôn đốc về %(count)s nhiệm vụ quá hạn: %(summary)s")
        % {"count": len(items), "summary": summary},
    )
    return letter


# The steps after drafting: from which statuses each may be taken, and its audit line.
STEPS = {
    "submit": (
        {LetterStatus.DRAFT},
        LetterStatus.REVIEW,
        gettext_lazy("Trình ký công văn đôn đốc"),
    ),
    "return": (
        {LetterStatus.REVIEW},
        LetterStatus.DRAFT,
        gettext_lazy("Trả lại dự thảo công văn đôn đốc để sửa"),
    ),
    "discard": (
        {LetterStatus.DRAFT, LetterStatus.REVIEW},
        LetterStatus.DISCARDED,
        gettext_lazy("Hủy dự thảo công văn đôn đốc"),
    ),
}


def _locked(letter) -> UrgingLetter:
    """The letter's row, locked until the transaction ends: two clerks acting on one letter
    at once act one after the other, the second on what the first left."""
    return (
        UrgingLetter.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=letter.pk)
    )


@transaction.atomic
def move_letter(*, letter, actor, step: str) -> UrgingLetter:
    """Submit a draft for review, return it to draft, or discard it (``step``: "submit",
    "return", "discard"). A discarded draft never had a number: it leaves no gap."""
    allowed, target, label = STEPS[step]
    locked = _locked(letter)
    if locked.status not in allowed:
        raise ValidationError(
            _("Công văn đang ở trạng thái “%(status)s”; không thể thực hiện thao tác này.")
            % {"status": locked.get_status_display()}
        )
    before = locked.status
    locked.status = target
    locked.save(update_fields=["status"])
    record(
        actor=actor,
        unit=locked.unit,
        target=locked,
        verb="change",
        summary=f"{label}: {locked.summary}",
        changes={"status": [before, target]},
    )
    letter.status = locked.status
    return locked


@transaction.atomic
def issue_urging_letter(*, letter, actor, day: datetime.date) -> UrgingLetter:
    """Issue a letter that was submitted for review: take its number from the outgoing
    register as a Công văn, dated ``day``, and record the urging in each task's history.

    The one place an urging letter is issued (what follows an issue belongs here). The
    number is taken in this transaction: any refusal gives it back. A letter issued twice at
    once is numbered once (its row is locked; the second finds it issued).
    """
    locked = _locked(letter)
    if locked.status == LetterStatus.ISSUED:
        raise ValidationError(
            _("Công văn đã được ban hành số %(symbol)s; không cấp số lại.")
            % {"symbol": locked.number_symbol}
        )
    if locked.status != LetterStatus.REVIEW:
        raise ValidationError(_("Chỉ ban hành công văn đã trình ký."))
    if day is None or day > timezone.localdate():
        raise ValidationError(_("Ngày ban hành không thể sau ngày hôm nay."))
    if day < timezone.localdate(locked.created_at):
        raise ValidationError(_("Ngày ban hành không thể trước ngày lập dự thảo."))
    unit = locked.unit
    document = issue_document(
        unit=unit,
        doc_type=DOC_TYPE,
        day=day,
        summary=locked.summary,
        actor=actor,
        signer=locked.signer_name,
        recipients=locked.recipients,
    )
    locked.status = LetterStatus.ISSUED
    locked.document = document
    locked.number_symbol = document.number_symbol
    locked.issued_on = day
    locked.issued_by = actor if actor is not None and actor.is_authenticated else None
    locked.sent_at = timezone.now()
    locked.save(
        update_fields=["status", "document", "number_symbol", "issued_on", "issued_by", "sent_at"]
    )
    record(
        actor=actor,
        unit=unit,
        target=locked,
        verb="change",
        summary=_("Ban hành công văn đôn đốc số %(symbol)s ngày %(day)s")
        % {"symbol": document.number_symbol, "day": day.strftime("%d/%m/%Y")},
        changes={"status": [LetterStatus.REVIEW, LetterStatus.ISSUED]},
    )
    for item in locked.items.select_related("task").exclude(task=None):
        record(
            actor=actor,
            unit=unit,
            target=item.task,
            verb="urge",
            summary=_("Đã đôn đốc bằng công văn số %(symbol)s ngày %(day)s.")
            % {"symbol": document.number_symbol, "day": day.strftime("%d/%m/%Y")},
        )
    tell_named(locked)
    return locked


def draft_number_symbol(unit) -> str:
    """What a draft shows for its number: the code without the number ("/BCĐ-VP")."""
    register = register_for(unit)
    code = doctypes.code_for(DOC_TYPE, register.issuer_code, register.drafting_code)
    return doctypes.number_symbol(None, code)


def letter_date(letter) -> datetime.date:
    """The date a letter bears: its issue date, or for a draft the day it was drafted."""
    return letter.issued_on or timezone.localdate(letter.created_at)


def tell_named(letter: UrgingLetter) -> int:
    """Notify each person named in an issued letter (``reminders.notify``), once per letter.
    Called where the letter gets its number."""
    from committee.models import CommitteeMember
    from reminders.models import NoticeKind
    from reminders.notify import notify

    members = CommitteeMember.objects.filter(
        pk__in=letter.items.exclude(person=None).values("person"), user__isnull=False
    ).select_related("user")
    return notify(
        [m.user for m in members],
        kind=NoticeKind.URGING_LETTER,
        key=str(letter.pk),
        title=_("Công văn đôn đốc số %(symbol)s về nhiệm vụ quá hạn của anh/chị")
        % {"symbol": letter.number_symbol},
        body=letter.summary,
        url=reverse("followup:urging_letter", args=[letter.pk]),
    )


def letter_groups(letter) -> list[tuple[str, list[UrgingItem]]]:
    """The letter's items by person, in the letter's order."""
    groups: dict[str, list[UrgingItem]] = {}
    for item in letter.items.all():
        groups.setdefault(item.person_name, []).append(item)
    return list(groups.items())
