"""Re-importing an updated version of a program's document, and undoing it.

The new reading's items are matched to the tasks that came from the document (by their
text, decision 0009), so a task whose wording was touched up keeps its status, progress,
updates and evidence. Tasks added from meetings, self-inspections or by hand are never
matched, changed or withdrawn. ``plan_reading`` says, without writing anything, what saving
would add, change and withdraw, with each task's progress, person in charge and manual edits;
the review screen shows it and the clerk's ``Choices`` say which tasks to keep as they are,
which items not to add, and where the document's deadline or person in charge replaces one
set by hand. ``apply_reading`` carries the plan out as one ``ProgramRevision``: nothing is
deleted (a dropped task is withdrawn, hidden but kept), and ``restore_revision`` brings back
what the re-import changed or withdrew.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import record
from documents.importing import ProgramReading
from documents.models import Citation, TaskCitation
from documents.services import index_citations, index_task_citations
from dvcq.text import fold
from programs.models import Program, ProgramRevision, Task, TaskOrigin, TaskStatus
from programs.services import _due_date_for, create_program_from_reading, new_task

MATCH_THRESHOLD = 0.6  # how alike two wordings must be to count as the same task

# What a re-import may write on a task, and so what a restore puts back.
TASK_FIELDS = (
    "text",
    "kind",
    "period",
    "due_date",
    "responsible_id",
    "responsible_office",
    "manual_fields",
)
PROGRAM_FIELDS = (
    "title",
    "sections",
    "preamble",
    "recipients",
    "number_symbol",
    "issued_on",
    "signer_capacity",
    "signer_title",
    "signer_position",
    "signer_name",
    "source_name",
    "source_text",
)


@dataclass
class TaskChange:
    """One line of the plan: a task to add, change or withdraw."""

    action: str  # "added", "changed" or "withdrawn"
    text: str
    task: Task | None = None  # None for an item to add
    item_index: int | None = None
    fields: dict = field(default_factory=dict)  # what the document changes: {name: (old, new)}
    conflicts: list[str] = field(default_factory=list)  # manual edits the document differs from
    updates: int = 0
    evidence: int = 0
    history: int = 0

    @property
    def has_work(self) -> bool:
        """Someone worked on the task: progress, reports, evidence, history or manual edits."""
        task = self.task
        return task is not None and bool(
            task.progress
            or task.status != TaskStatus.NOT_STARTED
            or self.updates
            or self.evidence
            or self.history
            or task.manual_fields
        )

    @property
    def manual_fields(self) -> list[str]:
        return list(self.task.manual_fields) if self.task else []


@dataclass
class RevisionPlan:
    program: Program | None
    added: list[TaskChange] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    withdrawn: list[TaskChange] = field(default_factory=list)
    unchanged: int = 0
    positions: dict[int, int] = field(default_factory=dict)  # task id -> item index
    outside: list[Task] = field(default_factory=list)  # not from the document: untouched

    @property
    def created(self) -> bool:
        return self.program is None


@dataclass
class Choices:
    """The clerk's decisions on the review screen."""

    keep: set[int] = field(default_factory=set)  # task ids left exactly as they are
    use_document: set[int] = field(default_factory=set)  # document beats manual edits
    skip_items: set[int] = field(default_factory=set)  # indexes of items not to add

    @classmethod
    def defaults(cls, plan: RevisionPlan) -> "Choices":
        """Without a review (command, worker): keep every dropped task someone worked on;
        manual edits win."""
        return cls(keep={c.task.pk for c in plan.withdrawn if c.has_work})


@dataclass
class RevisionReport:
    program: Program
    created: bool = False
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unchanged: int = 0
    revision: ProgramRevision | None = None

    def lines(self) -> list[str]:
        if self.created:
            return [_("Đã tạo chương trình mới với %(n)s mục.") % {"n": len(self.added)}]
        lines = [
            _(
                "Cập nhật chương trình năm %(year)s: thêm %(a)s, sửa %(c)s, bỏ %(r)s, "
                "giữ nguyên %(u)s."
            )
            % {
                "year": self.program.year,
                "a": len(self.added),
                "c": len(self.changed),
                "r": len(self.removed),
                "u": self.unchanged,
            }
        ]
        lines += [_("+ Thêm: %(t)s") % {"t": t} for t in self.added]
        lines += [_("~ Sửa: %(t)s") % {"t": t} for t in self.changed]
        lines += [_("- Bỏ: %(t)s") % {"t": t} for t in self.removed]
        lines += [_("= Giữ lại: %(t)s") % {"t": t} for t in self.kept]
        return lines


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def match_items(tasks: list[Task], items: list) -> list[tuple[int, int]]:
    """Pairs (task index, item index), best matches first, each side used once."""
    folded_items = [fold(i.text) for i in items]
    scored = []
    for ti, task in enumerate(tasks):
        for ii, item in enumerate(items):
            score = _similarity(task.search_text or fold(task.text), folded_items[ii])
            if score >= MATCH_THRESHOLD:
                scored.append((score + (0.05 if task.kind == item.kind else 0), ti, ii))
    pairs, used_tasks, used_items = [], set(), set()
    for _score, ti, ii in sorted(scored, reverse=True):
        if ti not in used_tasks and ii not in used_items:
            pairs.append((ti, ii))
            used_tasks.add(ti)
            used_items.add(ii)
    return pairs


def _short(text: str) -> str:
    return text if len(text) <= 90 else text[:87] + "…"


def _same_number(old: str, new: str | None) -> bool:
    """Blank numbers (``/CTr-BTH``) match anything of the same symbol; filled ones must agree."""
    old_number, _sep, old_symbol = (old or "").partition("/")
    new_number, _sep, new_symbol = (new or "").partition("/")
    if not old or not new:
        return True
    if old_number.strip() and new_number.strip() and old_number.strip() != new_number.strip():
        return False
    return fold(old_symbol).replace(" ", "") == fold(new_symbol).replace(" ", "")


def _document_tasks(program: Program) -> list[Task]:
    return list(
        program.tasks.filter(origin=TaskOrigin.DOCUMENT)
        .select_related("responsible__user")
        .order_by("position", "id")
    )


def _work_counts(tasks: list[Task]) -> dict[int, tuple[int, int, int]]:
    """(updates, evidence files, audit events) of each task."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count

    from programs.models import Evidence, TaskUpdate

    ids = [t.pk for t in tasks]

    def count(queryset, key):
        return dict(queryset.values_list(key).annotate(n=Count("id")).order_by())

    updates = count(TaskUpdate.objects.filter(task_id__in=ids), "task_id")
    evidence = count(Evidence.objects.filter(task_id__in=ids), "task_id")
    history = count(
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Task), target_id__in=ids
        ),
        "target_id",
    )
    return {i: (updates.get(i, 0), evidence.get(i, 0), history.get(i, 0)) for i in ids}


def plan_reading(*, unit, reading: ProgramReading, assignments: dict | None = None):
    """What saving the reading would do to the unit's program for its year; writes nothing.

    Refuses (``ValidationError``) a reading without items or with another filled number."""
    program = Program.objects.filter(unit=unit, year=reading.year).first() if reading.year else None
    plan = RevisionPlan(program=program)
    if program is None:
        plan.added = [
            TaskChange("added", i.text, item_index=n) for n, i in enumerate(reading.items)
        ]
        return plan
    if not reading.items:
        raise ValidationError(_("Văn bản không có nhiệm vụ nào để cập nhật chương trình."))
    if not _same_number(program.number_symbol, reading.number_symbol):
        raise ValidationError(
            _(
                "Văn bản số %(new)s khác số của chương trình đã có (%(old)s): "
                "đây không phải bản cập nhật của cùng văn bản."
            )
            % {"new": reading.number_symbol, "old": program.number_symbol}
        )
    assignments = assignments or {}
    plan.outside = list(
        program.tasks.exclude(origin=TaskOrigin.DOCUMENT)
        .select_related("responsible")
        .order_by("position", "id")
    )
    tasks = _document_tasks(program)
    work = _work_counts(tasks)
    pairs = {ii: ti for ti, ii in match_items(tasks, reading.items)}
    matched = set(pairs.values())
    for ti, task in enumerate(tasks):
        if ti not in matched:
            plan.withdrawn.append(
                TaskChange("withdrawn", task.text, task, None, {}, [], *work[task.pk])
            )
    for ii, item in enumerate(reading.items):
        if ii not in pairs:
            plan.added.append(TaskChange("added", item.text, item_index=ii))
            continue
        task = tasks[pairs[ii]]
        plan.positions[task.pk] = ii
        change = TaskChange("changed", item.text, task, ii, {}, [], *work[task.pk])
        if item.text != task.text:
            change.fields["text"] = (task.text, item.text)
        if item.kind != task.kind:
            change.fields["kind"] = (task.kind, item.kind)
        period = item.period or ""
        if period != task.period:
            due = _due_date_for(item.period, program.year)
            change.fields["period"] = (task.period, period)
            if due != task.due_date:
                change.fields["due_date"] = (task.due_date, due)
                if "due_date" in task.manual_fields:
                    change.conflicts.append("due_date")
        person = assignments.get(ii)
        if person is not None and person.pk != task.responsible_id:
            change.fields["responsible_id"] = (task.responsible_id, person.pk)
        office = item.responsible or ""
        if office and office != task.responsible_office:
            change.fields["responsible_office"] = (task.responsible_office, office)
        if "responsible" in task.manual_fields and (
            "responsible_id" in change.fields or "responsible_office" in change.fields
        ):
            change.conflicts.append("responsible")
        if change.fields:
            plan.changed.append(change)
        else:
            plan.unchanged += 1
    return plan


def apply_reading(
    *,
    unit,
    reading: ProgramReading,
    actor=None,
    source_name: str = "",
    source_text: str = "",
    assignments: dict | None = None,
    choices: Choices | None = None,
) -> RevisionReport:
    """Create the unit's program for the reading's year, or update the one it has as one
    revision, following the clerk's ``choices`` (``Choices.defaults`` without them)."""
    with transaction.atomic():
        if reading.year:
            # Serialise concurrent imports of the same program before planning.
            Program.objects.select_for_update().filter(unit=unit, year=reading.year).first()
        plan = plan_reading(unit=unit, reading=reading, assignments=assignments)
        if plan.created:
            program = create_program_from_reading(
                unit=unit,
                reading=reading,
                actor=actor,
                source_name=source_name,
                source_text=source_text,
                assignments=assignments,
            )
            return RevisionReport(
                program=program, created=True, added=[_short(i.text) for i in reading.items]
            )
        return _revise(
            plan,
            reading,
            actor,
            source_name,
            source_text,
            assignments or {},
            choices if choices is not None else Choices.defaults(plan),
        )


def _task_values(task: Task) -> dict:
    values = {name: getattr(task, name) for name in TASK_FIELDS}
    values["due_date"] = task.due_date.isoformat()
    values["manual_fields"] = list(task.manual_fields)
    return values


def _program_values(program: Program) -> dict:
    values = {name: getattr(program, name) for name in PROGRAM_FIELDS}
    values["issued_on"] = program.issued_on.isoformat() if program.issued_on else None
    values["citations"] = list(
        Citation.objects.filter(program=program)
        .order_by("position")
        .values("document_id", "position", "written_as")
    )
    return values


def _apply_change(task: Task, change: TaskChange, use_document: bool) -> dict:
    """Write the document's version of a matched task; manual edits stay unless the clerk
    chose the document's value. Returns ``{field: [old, new]}`` for the audit log."""
    skipped = set() if use_document else set(change.conflicts)
    written = {}
    for name, (old, new) in change.fields.items():
        if name in ("period", "due_date") and "due_date" in skipped:
            continue
        if name in ("responsible_id", "responsible_office") and "responsible" in skipped:
            continue
        setattr(task, name, new)
        written[name] = [old, new]
    if use_document and change.conflicts:
        task.manual_fields = [f for f in task.manual_fields if f not in change.conflicts]
    task.save()
    if "text" in written:
        TaskCitation.objects.filter(task=task).delete()
        index_task_citations([task])
    return written


def _revise(plan, reading, actor, source_name, source_text, assignments, choices):
    program = plan.program
    report = RevisionReport(program=program, unchanged=plan.unchanged)
    revision = ProgramRevision.objects.create(
        program=program, actor=actor, source_name=source_name, before=_program_values(program)
    )
    entries = []
    touched_owners = []

    for change in plan.withdrawn:
        task = change.task
        if task.pk in choices.keep:
            report.kept.append(_short(task.text))
            continue
        before = _task_values(task)
        Task.all_objects.filter(pk=task.pk).update(withdrawn=True)
        entries.append({"id": task.pk, "action": "withdrawn", "before": before, "after": before})
        report.removed.append(_short(task.text))
        touched_owners.append((task, "withdrawn"))
        record(
            actor=actor,
            unit=program.unit,
            target=task,
            verb="withdraw",
            summary=_("Mục không còn trong bản cập nhật của văn bản; giữ lại làm lịch sử."),
        )

    for change in plan.changed:
        task = change.task
        if task.pk in choices.keep:
            report.kept.append(_short(task.text))
            continue
        before = _task_values(task)
        written = _apply_change(task, change, task.pk in choices.use_document)
        after = _task_values(task)
        if after == before:
            report.kept.append(_short(task.text))
            continue
        entries.append({"id": task.pk, "action": "changed", "before": before, "after": after})
        report.changed.append(_short(task.text))
        touched_owners.append((task, "changed"))
        record(
            actor=actor,
            unit=program.unit,
            target=task,
            verb="revise",
            summary=_("Nội dung được sửa theo bản cập nhật của văn bản"),
            changes={k: [str(v[0]), str(v[1])] for k, v in written.items()},
        )

    # The document's order: positions follow the items; other tasks keep theirs.
    for pk, ii in plan.positions.items():
        if pk not in choices.keep:
            Task.objects.filter(pk=pk).update(position=ii + 1)

    added = []
    for change in plan.added:
        ii = change.item_index
        if ii in choices.skip_items:
            continue
        added.append(new_task(program, reading.items[ii], ii + 1, assignments.get(ii)))
        report.added.append(_short(change.text))
    Task.objects.bulk_create(added)
    index_task_citations(added)
    entries += [
        {"id": t.pk, "action": "added", "before": None, "after": _task_values(t)} for t in added
    ]

    Citation.objects.filter(program=program).delete()
    index_citations(program, reading.citations)
    _update_program(program, reading, source_name, source_text)
    revision.tasks = entries
    revision.save(update_fields=["tasks"])
    report.revision = revision
    record(
        actor=actor,
        unit=program.unit,
        target=program,
        verb="reimport",
        summary=report.lines()[0][:300],
        changes={
            "revision": [None, revision.pk],
            "added": [None, report.added],
            "changed": [None, report.changed],
            "removed": [report.removed, None],
            "kept": [None, report.kept],
        },
    )
    notify_owners(touched_owners, revision=revision)
    return report


def _update_program(program, reading, source_name, source_text) -> None:
    signer = reading.signer
    program.title = reading.title or program.title
    program.sections = list(reading.sections) or program.sections
    program.preamble = "\n".join(reading.preamble) or program.preamble
    program.recipients = list(reading.recipients) or program.recipients
    program.number_symbol = reading.number_symbol or program.number_symbol
    program.issued_on = reading.date or program.issued_on
    if signer and signer.name:
        program.signer_capacity = signer.capacity or ""
        program.signer_title = signer.title or ""
        program.signer_position = signer.position or ""
        program.signer_name = signer.name
    program.source_name = source_name or program.source_name
    program.source_text = source_text or program.source_text
    program.save()


def notify_owners(touched: list[tuple[Task, str]], *, revision) -> None:
    """Tell the person in charge of each changed or withdrawn task, through the one
    notification service (in the app, and by e-mail if they chose it for task changes);
    once per revision and task."""
    from reminders.models import NoticeKind
    from reminders.notify import notify

    for task, action in touched:
        member = task.responsible
        if member is None or not member.user_id:
            continue
        if action == "withdrawn":
            title = _("Nhiệm vụ bạn chủ trì đã bị bỏ khỏi văn bản chương trình")
            url = reverse("programs:program", args=[task.program_id])
        else:
            title = _("Nhiệm vụ bạn chủ trì được sửa theo văn bản chương trình mới")
            url = reverse("programs:task", args=[task.pk])
        notify(
            [member.user],
            kind=NoticeKind.TASK_ASSIGNED,
            key=f"revision:{revision.pk}:{task.pk}:{action}",
            title=title,
            body=task.short_text,
            url=url,
        )


def latest_revision(program: Program) -> ProgramRevision | None:
    """The re-import a restore would undo: the newest one not yet restored."""
    newest = program.revisions.order_by("-created_at", "-id").first()
    return newest if newest is not None and newest.restored_at is None else None


def _as_stored(task: Task, name: str):
    value = getattr(task, name)
    if name == "due_date":
        return value.isoformat()
    if name == "manual_fields":
        return list(value)
    return value


@transaction.atomic
def restore_revision(*, revision: ProgramRevision, actor) -> list[str]:
    """Undo a re-import: put back the program's document data, the tasks it changed (each
    field only where nobody edited it since) and the tasks it withdrew; withdraw the tasks
    it added unless someone has reported on them. Tasks added since are not touched.
    Returns what could not be put back, for the clerk."""
    program = Program.objects.select_for_update().get(pk=revision.program_id)
    if latest_revision(program) is None or latest_revision(program).pk != revision.pk:
        raise ValidationError(_("Chỉ khôi phục được lần nhập lại gần nhất chưa khôi phục."))
    notes = []
    tasks = Task.all_objects.in_bulk([e["id"] for e in revision.tasks])
    for entry in revision.tasks:
        task = tasks.get(entry["id"])
        if task is None:
            continue
        if entry["action"] == "withdrawn":
            Task.all_objects.filter(pk=task.pk).update(withdrawn=False)
        elif entry["action"] == "added":
            if task.updates.exists() or task.evidence.exists():
                notes.append(
                    _("Giữ nhiệm vụ “%(t)s”: đã có báo cáo tiến độ.") % {"t": task.short_text}
                )
            else:
                Task.all_objects.filter(pk=task.pk).update(withdrawn=True)
        else:
            edited_since = [n for n in TASK_FIELDS if _as_stored(task, n) != entry["after"][n]]
            for name in TASK_FIELDS:
                if name not in edited_since:
                    value = entry["before"][name]
                    if name == "due_date":
                        value = _date(value)
                    setattr(task, name, value)
            task.save()
            TaskCitation.objects.filter(task=task).delete()
            index_task_citations([task])
            if edited_since:
                notes.append(
                    _("Nhiệm vụ “%(t)s” đã được sửa sau lần nhập: giữ phần đã sửa.")
                    % {"t": task.short_text}
                )
    before = dict(revision.before)
    citations = before.pop("citations", [])
    for name, value in before.items():
        setattr(program, name, _date(value) if name == "issued_on" else value)
    program.save()
    Citation.objects.filter(program=program).delete()
    Citation.objects.bulk_create([Citation(program=program, **c) for c in citations])
    revision.restored_at = timezone.now()
    revision.restored_by = actor
    revision.save(update_fields=["restored_at", "restored_by"])
    record(
        actor=actor,
        unit=program.unit,
        target=program,
        verb="restore_revision",
        summary=_("Khôi phục chương trình như trước lần nhập lại văn bản %(source)s")
        % {"source": revision.source_name or ""},
        changes={"revision": [revision.pk, None], "notes": [None, notes]},
    )
    return notes


def _date(value):
    return datetime.date.fromisoformat(value) if value else None
