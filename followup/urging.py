"""Urging letters (công văn đôn đốc): the overdue tasks of a unit by person in charge, and
the generating of a Công văn that lists them.

``overdue_tasks`` is what the office may urge: open tasks past their due date, still in the
document (not withdrawn), of the unit's issued programs; organization clauses are not tasks
anyone reports on and are left out. ``group_by_person`` orders them by the person in charge.

``generate_letter`` does everything in one transaction: it checks the chosen tasks, takes the
next number from the outgoing register as a Công văn (so the code has no type abbreviation:
"15/BCĐ-VP"), writes the ``UrgingLetter`` with a copy of each task as it stands, and records
the urging in the audit log of each task. Any refusal leaves nothing behind, not even a number.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from followup.urging_models import UrgingItem, UrgingLetter
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
def generate_letter(
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
    """Number, record and log an urging letter about the chosen overdue tasks of ``program``.

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
    document = issue_document(
        unit=unit,
        doc_type=DOC_TYPE,
        day=day,
        summary=summary,
        actor=actor,
        signer=signer_name,
        recipients=recipients,
    )
    letter = UrgingLetter.objects.create(
        unit=unit,
        program=program,
        document=document,
        number_symbol=document.number_symbol,
        issued_on=day,
        summary=summary[:400],
        report_by=report_by,
        signer_titles=[t.strip() for t in titles if t.strip()],
        signer_name=signer_name.strip(),
        recipients=recipients,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        sent_at=timezone.now(),
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
    for task in tasks:
        record(
            actor=actor,
            unit=unit,
            target=task,
            verb="urge",
            summary=_("Đã đôn đốc bằng công văn số %(symbol)s ngày %(day)s.")
            % {"symbol": document.number_symbol, "day": day.strftime("%d/%m/%Y")},
        )
    tell_named(letter)
    return letter


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
