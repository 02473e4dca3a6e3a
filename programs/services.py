"""Every change to programs and tasks goes through these functions.

Each one validates, writes in one transaction and records what changed in the audit log,
so that views, commands and the admin behave the same.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import diff, record
from documents.importing import ProgramReading
from documents.importing.periods import is_valid_period, period_end, period_quarter
from documents.services import index_citations, index_task_citations
from dvcq.text import fold
from followup.calendar import roll_forward
from programs.evidence import CheckedFile
from programs.models import (
    FINISHED_STATUSES,
    SETTABLE_STATUSES,
    Evidence,
    Program,
    ProgramStatus,
    Task,
    TaskOrigin,
    TaskStatus,
    TaskUpdate,
)
from programs.notices import tell_assignees


class ProgramExists(ValidationError):
    pass


def _due_date_for(period: str | None, year: int) -> datetime.date:
    """The deadline of a period (decision 0013): its last day in the program's ``year``,
    rolled forward to the next working day when that is a day off."""
    return roll_forward(period_end(period, year))


def _quarter_for(period: str | None, year: int) -> int:
    """The quarter column: from the period the document states, never from the rolled date."""
    return period_quarter(period or None, year)


def typed_deadline(period: str, typed: datetime.date) -> tuple[str, datetime.date]:
    """A due date a user typed: kept when it is a working day; on a day off it is rolled
    forward, and a task without a period keeps the typed day as its period (``D:…``) so its
    quarter stays the typed day's."""
    due = roll_forward(typed)
    if due != typed and not period:
        period = f"D:{typed.isoformat()}"
    return period, due


def new_task(program, item, position: int, responsible=None) -> Task:
    """An unsaved task for one item of a reading, due when its period ends (rolled forward
    to a working day), in the quarter its period names."""
    due = _due_date_for(item.period, program.year)
    return Task(
        program=program,
        unit=program.unit,
        kind=item.kind,
        position=position,
        text=item.text,
        search_text=fold(item.text),
        period=item.period or "",
        due_date=due,
        quarter=_quarter_for(item.period, program.year),
        responsible=responsible,
        responsible_office=item.responsible or "",
        origin=TaskOrigin.DOCUMENT,
    )


@transaction.atomic
def create_program_from_reading(
    *,
    unit,
    reading: ProgramReading,
    actor=None,
    source_name: str = "",
    source_text: str = "",
    assignments: dict | None = None,
) -> Program:
    """Create a unit's program from an importer reading.

    1. Refuse when the reading has no year or no items, or the unit already has that year's
       program (``programs.revisions.apply_reading`` updates it instead).
    2. Create the program with the document's data, then its items as tasks in document
       order, each with the due date its period implies.
    3. Index the documents it cites, and record the creation in the audit log.
    """
    if not reading.year:
        raise ValidationError(_("Không xác định được năm của chương trình."))
    if not reading.items:
        raise ValidationError(_("Văn bản không có nhiệm vụ nào để tạo chương trình."))
    if Program.objects.filter(unit=unit, year=reading.year).exists():
        raise ProgramExists(
            _("%(unit)s đã có chương trình năm %(year)s.") % {"unit": unit, "year": reading.year}
        )
    signer = reading.signer
    program = Program.objects.create(
        unit=unit,
        year=reading.year,
        doc_type=reading.doc_type or "Chương trình",
        number_symbol=reading.number_symbol or "",
        place=reading.place or "",
        issued_on=reading.date,
        title=reading.title or "",
        preamble="\n".join(reading.preamble),
        issuer_lines=list(reading.issuer_lines),
        sections=list(reading.sections),
        recipients=list(reading.recipients),
        signer_capacity=(signer.capacity or "") if signer else "",
        signer_title=(signer.title or "") if signer else "",
        signer_position=(signer.position or "") if signer else "",
        signer_name=(signer.name or "") if signer else "",
        anniversaries=[
            {"what": a.what, "ordinal": a.ordinal, "base_year": a.base_year}
            for a in reading.anniversaries
        ],
        source_name=source_name,
        source_text=source_text,
    )
    assignments = assignments or {}
    tasks = [
        new_task(program, item, position, assignments.get(position - 1))
        for position, item in enumerate(reading.items, start=1)
    ]
    Task.objects.bulk_create(tasks)
    index_citations(program, reading.citations)
    index_task_citations(tasks)
    record(
        actor=actor,
        unit=unit,
        target=program,
        verb="create",
        summary=_("Tạo chương trình năm %(year)s từ %(source)s (%(count)s mục)")
        % {"year": program.year, "source": source_name or "văn bản", "count": len(tasks)},
    )
    return program


def _status_after(task: Task, requested: str, on_day: datetime.date) -> str:
    if requested == TaskStatus.DONE and on_day > task.due_date:
        return TaskStatus.DONE_LATE
    return requested


@transaction.atomic
def record_task_update(
    *,
    task: Task,
    actor,
    status: str,
    progress: int,
    note: str = "",
    files: list[CheckedFile] = (),
    on_day: datetime.date | None = None,
    sample: bool = False,
) -> TaskUpdate:
    """Report progress on a task.

    "Hoàn thành" after the due date is recorded as "hoàn thành quá hạn"; a finished task is
    at 100%. Evidence files are written only if the whole update is valid; if anything fails
    the transaction is rolled back and the files written so far are removed.
    """
    if status not in SETTABLE_STATUSES:
        raise ValidationError(_("Trạng thái không hợp lệ."))
    if not 0 <= progress <= 100:
        raise ValidationError(_("Tiến độ phải từ 0 đến 100%."))
    on_day = on_day or timezone.localdate()
    new_status = _status_after(task, status, on_day)
    if new_status in FINISHED_STATUSES:
        progress = 100
    before = {"status": task.get_status_display(), "progress": task.progress}
    task.status = new_status
    task.progress = progress
    task.completed_on = on_day if new_status in FINISHED_STATUSES else None
    task.save(update_fields=["status", "progress", "completed_on", "updated_at"])
    update = TaskUpdate.objects.create(
        task=task,
        author=actor,
        status=new_status,
        progress=progress,
        note=note,
        sample=sample,
    )
    stored = []
    try:
        for checked in files:
            evidence = Evidence(
                task=task,
                update=update,
                original_name=checked.name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=actor,
            )
            evidence.file.save(checked.name, ContentFile(checked.data), save=False)
            stored.append(evidence.file)
            evidence.save()
    except Exception:
        for f in stored:
            f.storage.delete(f.name)
        raise
    after = {"status": task.get_status_display(), "progress": task.progress}
    changes = diff(before, after)
    if files:
        changes["evidence"] = [None, [f.name for f in files]]
    if note:
        changes["note"] = [None, note]
    record(
        actor=actor,
        unit=task.unit,
        target=task,
        verb="update",
        summary=_("Cập nhật: %(status)s, %(progress)s%%")
        % {"status": task.get_status_display(), "progress": progress},
        changes=changes,
    )
    return update


@transaction.atomic
def assign_task(
    *,
    task: Task,
    actor,
    responsible=None,
    responsible_office: str = "",
    cooperators=(),
    hamlets=(),
    period: str | None = None,
    due_date: datetime.date | None = None,
) -> Task:
    """Set who is in charge of a task, with whom, for which hamlets, and by when.

    The due date must fall within the program's year; a period, when given, must be one
    the importer understands, and it sets the due date unless one is given.
    """
    year = task.program.year
    if period is not None and period != "" and not is_valid_period(period):
        raise ValidationError(_("Thời gian thực hiện “%(p)s” không hợp lệ.") % {"p": period})
    if due_date is not None and due_date.year != year:
        raise ValidationError(
            _("Hạn hoàn thành phải nằm trong năm %(year)s của chương trình.") % {"year": year}
        )
    if due_date is not None:
        period, due_date = typed_deadline(task.period if period is None else period, due_date)
    elif period is not None:
        due_date = _due_date_for(period or None, year)
    for person in [responsible, *cooperators]:
        if person is not None and person.unit_id != task.unit_id:
            raise ValidationError(_("Người được phân công không thuộc đơn vị này."))
    for hamlet in hamlets:
        if hamlet.unit_id != task.unit_id:
            raise ValidationError(_("Thôn, xóm không thuộc đơn vị này."))

    def snapshot():
        return {
            "responsible": task.responsible,
            "responsible_office": task.responsible_office,
            "cooperators": sorted(str(c) for c in task.cooperators.all()),
            "hamlets": sorted(str(h) for h in task.hamlets.all()),
            "period": task.period_label,
            "due_date": task.due_date.strftime("%d/%m/%Y"),
        }

    before = snapshot()
    task.manual_fields = _edited_by_hand(
        task, before, responsible, cooperators, hamlets, period, due_date
    )
    task.responsible = responsible
    task.responsible_office = responsible_office
    if period is not None:
        task.period = period
    if due_date is not None:
        task.due_date = due_date
    task.save()
    task.cooperators.set(cooperators)
    task.hamlets.set(hamlets)
    changes = diff(before, snapshot())
    if changes:
        record(
            actor=actor,
            unit=task.unit,
            target=task,
            verb="assign",
            summary=_("Phân công, thời hạn"),
            changes=changes,
        )
        tell_assignees([task])
    return task


def _edited_by_hand(task, before, responsible, cooperators, hamlets, period, due_date) -> list[str]:
    """``task.manual_fields`` after an assignment: the fields it changes are now set by hand,
    so a re-import of the document keeps them (``programs.revisions``)."""
    edited = set(task.manual_fields or [])
    if responsible != task.responsible:
        edited.add("responsible")
    if sorted(str(c) for c in cooperators) != before["cooperators"]:
        edited.add("cooperators")
    if sorted(str(h) for h in hamlets) != before["hamlets"]:
        edited.add("hamlets")
    if (due_date is not None and due_date != task.due_date) or (
        period is not None and period != task.period
    ):
        edited.add("due_date")
    return sorted(edited)


PROGRAM_DOCUMENT_FIELDS = (
    "number_symbol",
    "issued_on",
    "place",
    "title",
    "signer_capacity",
    "signer_title",
    "signer_position",
    "signer_name",
)


@transaction.atomic
def update_program_document(*, program: Program, actor, **values) -> Program:
    """Complete or correct the document data, e.g. the number and date once it is signed.

    A program is usually issued in its own year or late in the year before.
    """
    unknown = set(values) - set(PROGRAM_DOCUMENT_FIELDS)
    if unknown:
        raise ValueError(f"not document fields: {sorted(unknown)}")
    issued_on = values.get("issued_on")
    if issued_on is not None and issued_on.year not in (program.year - 1, program.year):
        raise ValidationError(
            _("Ngày ban hành phải trong năm %(year)s hoặc cuối năm trước.") % {"year": program.year}
        )
    fields = list(values)
    before = {field: getattr(program, field) for field in fields}
    after = dict(values)
    for field, value in values.items():
        setattr(program, field, value)
    numbered = program.number_symbol.split("/", 1)[0].strip() != ""
    if program.status == ProgramStatus.DRAFT and numbered and program.issued_on:
        # A draft that receives its number and date has been issued.
        program.status = ProgramStatus.ISSUED
        before["status"], after["status"] = ProgramStatus.DRAFT.label, ProgramStatus.ISSUED.label
    program.save(update_fields=[*fields, "status", "updated_at"])
    if after.get("status") == ProgramStatus.ISSUED.label:
        tell_assignees(program.tasks.select_related("program", "responsible__user"))
    changes = diff(before, after)
    if changes:
        record(
            actor=actor,
            unit=program.unit,
            target=program,
            verb="change",
            summary=_("Sửa thông tin văn bản"),
            changes=changes,
        )
    return program


@transaction.atomic
def add_task(
    *,
    program: Program,
    actor,
    text: str,
    kind: str = "scheduled",
    period: str = "",
    due_date: datetime.date | None = None,
    responsible=None,
    source: str = "",
    origin: str = TaskOrigin.MANUAL,
) -> Task:
    """Add a task to a program outside its document (e.g. a committee meeting's conclusion).

    The due date comes from the period unless given, and must fall within the program's year;
    either way it is rolled forward to a working day (``typed_deadline``). ``origin`` says
    where it came from; a re-import of the document never touches such a task.
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Nội dung nhiệm vụ không được để trống."))
    if period and not is_valid_period(period):
        raise ValidationError(_("Thời gian thực hiện “%(p)s” không hợp lệ.") % {"p": period})
    if due_date is not None and due_date.year != program.year:
        raise ValidationError(
            _("Hạn hoàn thành phải nằm trong năm %(year)s của chương trình.")
            % {"year": program.year}
        )
    if due_date is not None:
        period, due = typed_deadline(period, due_date)
    else:
        due = _due_date_for(period or None, program.year)
    if responsible is not None and responsible.unit_id != program.unit_id:
        raise ValidationError(_("Người được phân công không thuộc đơn vị này."))
    last = Task.all_objects.filter(program=program).order_by("-position").first()
    task = Task.objects.create(
        program=program,
        kind=kind,
        position=(last.position if last else 0) + 1,
        text=text,
        period=period,
        due_date=due,
        responsible=responsible,
        origin=origin,
    )
    index_task_citations([task])
    record(
        actor=actor,
        unit=program.unit,
        target=task,
        verb="create",
        summary=(_("Thêm nhiệm vụ: %(source)s") % {"source": source})
        if source
        else _("Thêm nhiệm vụ"),
    )
    if responsible is not None:
        tell_assignees([task])
    return task
