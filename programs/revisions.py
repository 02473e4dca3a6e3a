"""Re-importing an updated version of a program's document.

The new reading's items are matched to the existing tasks by their text, so a task whose
wording was touched up keeps its status, progress, updates and evidence. What the new version
adds becomes new tasks; what it drops is deleted if nobody reported on it, and otherwise kept
as withdrawn history.
"""

import difflib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from documents.importing import ProgramReading
from documents.models import Citation, TaskCitation
from documents.services import index_citations, index_task_citations
from dvcq.text import fold
from programs.models import Program, Task
from programs.services import _due_date_for, _quarter_for, create_program_from_reading, new_task

MATCH_THRESHOLD = 0.6  # how alike two wordings must be to count as the same task


@dataclass
class RevisionReport:
    program: Program
    created: bool = False
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

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


@transaction.atomic
def apply_reading(
    *,
    unit,
    reading: ProgramReading,
    actor=None,
    source_name: str = "",
    source_text: str = "",
    assignments: dict | None = None,
) -> RevisionReport:
    """Create the unit's program for the reading's year, or update the one it has."""
    program = (
        Program.objects.select_for_update().filter(unit=unit, year=reading.year).first()
        if reading.year
        else None
    )
    if program is None:
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
    return _revise(program, reading, actor, source_name, source_text, assignments or {})


def _same_number(old: str, new: str | None) -> bool:
    """Blank numbers (``/CTr-BTH``) match anything of the same symbol; filled ones must agree."""
    old_number, _sep, old_symbol = (old or "").partition("/")
    new_number, _sep, new_symbol = (new or "").partition("/")
    if not old or not new:
        return True
    if old_number.strip() and new_number.strip() and old_number.strip() != new_number.strip():
        return False
    return fold(old_symbol).replace(" ", "") == fold(new_symbol).replace(" ", "")


def _revise(program, reading, actor, source_name, source_text, assignments) -> RevisionReport:
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
    report = RevisionReport(program=program)
    tasks = list(program.tasks.order_by("position"))
    pairs = {ii: ti for ti, ii in match_items(tasks, reading.items)}
    matched_tasks = set(pairs.values())

    for ti, task in enumerate(tasks):
        if ti in matched_tasks:
            continue
        report.removed.append(_short(task.text))
        if task.updates.exists():
            Task.all_objects.filter(pk=task.pk).update(withdrawn=True)
            record(
                actor=actor,
                unit=program.unit,
                target=task,
                verb="withdraw",
                summary=_("Mục không còn trong bản cập nhật của văn bản; giữ lại làm lịch sử."),
            )
        else:
            task.delete()

    added = []
    for ii, item in enumerate(reading.items):
        if ii not in pairs:
            added.append(new_task(program, item, ii + 1, assignments.get(ii)))
            report.added.append(_short(item.text))
            continue
        task = tasks[pairs[ii]]
        before = {"text": task.text, "period": task.period, "kind": task.kind}
        period = item.period or ""
        if (item.text, period, item.kind) == (task.text, task.period, task.kind):
            report.unchanged += 1
        else:
            task.text, task.kind = item.text, item.kind
            if period != task.period:
                task.period = period
                task.due_date = _due_date_for(item.period, program.year)
                task.quarter = _quarter_for(item.period, program.year)
            task.save()
            TaskCitation.objects.filter(task=task).delete()
            index_task_citations([task])
            report.changed.append(_short(item.text))
            record(
                actor=actor,
                unit=program.unit,
                target=task,
                verb="revise",
                summary=_("Nội dung được sửa theo bản cập nhật của văn bản"),
                changes={
                    k: [v, getattr(task, k)] for k, v in before.items() if v != getattr(task, k)
                },
            )
        fields = {"position": ii + 1}  # the document's order
        if assignments.get(ii) is not None:
            fields["responsible"] = assignments[ii]
        Task.objects.filter(pk=task.pk).update(**fields)
    Task.objects.bulk_create(added)
    index_task_citations(added)

    Citation.objects.filter(program=program).delete()
    index_citations(program, reading.citations)
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
    record(
        actor=actor,
        unit=program.unit,
        target=program,
        verb="reimport",
        summary=report.lines()[0][:300],
        changes={
            "added": [None, report.added],
            "changed": [None, report.changed],
            "removed": [report.removed, None],
        },
    )
    return report
