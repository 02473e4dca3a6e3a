"""Drafting next year's program from this year's ("Xây dựng chương trình năm 2024").

What carries over:
1. Key tasks, implementation clauses and every task with a yearly rhythm (quarters, halves,
   months, the whole year, "6 tháng/lần", "hằng tuần") — their periods are relative to the
   program's year, so they simply fall in the new year.
2. One-off tasks (a date or a span) that are not finished, their dates moved a year on.
3. Finished one-off tasks only when the clerk chooses them.

Every carried task starts "chưa thực hiện" at 0%, keeps its people, citations and hamlets,
points back to the task it came from and is marked for review. Anniversary ordinals advance
("60 năm thành lập" → "61 năm"), "năm 2023" becomes "năm 2024". The draft is a normal
program in status "dự thảo" until it is numbered and issued.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import record
from documents.importing.periods import is_valid_period
from documents.models import Citation, TaskCitation
from dvcq.text import fold
from programs.models import FINISHED_STATUSES, Program, ProgramStatus, Task, TaskOrigin
from programs.services import _due_date_for, _quarter_for

# A date, a dated span or an open start ("after:2026-03-15") happens once; a year-less span
# ("R:Q4/Q1") or a rhythm in words ("every:thường xuyên …") recurs with the program's year.
_ONE_OFF_RE = re.compile(r"D:|R:\d|after:")


def is_one_off(task: Task) -> bool:
    return bool(_ONE_OFF_RE.match(task.period))


def _shift_period(period: str) -> str:
    """Move the years written inside a date or span code one year on (29/2 becomes 28/2)."""
    shifted = re.sub(r"\d{4}", lambda m: str(int(m.group()) + 1), period)
    return shifted if is_valid_period(shifted) else shifted.replace("-02-29", "-02-28")


def advance_text(text: str, year: int, anniversaries: list[dict]) -> str:
    """Next year's wording: anniversary ordinals +1, "năm YYYY" and closing years +1."""
    for a in anniversaries:
        ordinal = a.get("ordinal")
        if not ordinal:
            continue
        text = re.sub(
            rf"\b{ordinal}(\s+năm\s+{re.escape(a['what'])})",
            lambda m, n=ordinal: f"{n + 1}{m.group(1)}",
            text,
        )
    # "năm 2024" (next year's program named in this one) before "năm 2023".
    for y in (year + 1, year):
        text = re.sub(rf"(năm\s+){y}\b", lambda m, y=y: f"{m.group(1)}{y + 1}", text)
    # The closing year of a celebrated span: "(10/1963-10/2023)".
    text = re.sub(rf"(\d{{1,2}}/\d{{4}}\s*-\s*\d{{1,2}}/){year}\b", rf"\g<1>{year + 1}", text)
    return text


def carried_tasks(program: Program, chosen_done_ids=()) -> list[Task]:
    chosen = set(chosen_done_ids)
    result = []
    for task in program.tasks.order_by("position"):
        finished = task.status in FINISHED_STATUSES
        if is_one_off(task) and finished and task.pk not in chosen:
            continue
        result.append(task)
    return result


def finished_one_offs(program: Program) -> list[Task]:
    return [
        t
        for t in program.tasks.filter(status__in=FINISHED_STATUSES).order_by("position")
        if is_one_off(t)
    ]


def _next_number_symbol(number_symbol: str) -> str:
    """Keep the symbol, blank the number: "05/CTr-BTH" → "/CTr-BTH"."""
    _number, sep, symbol = number_symbol.partition("/")
    return f"/{symbol}" if sep else ""


@transaction.atomic
def draft_next_year(*, program: Program, actor, chosen_done_ids=()) -> Program:
    year = program.year + 1
    if Program.objects.filter(unit=program.unit, year=year).exists():
        raise ValidationError(
            _("%(unit)s đã có chương trình năm %(year)s.") % {"unit": program.unit, "year": year}
        )
    anniversaries = [
        dict(a, ordinal=a["ordinal"] + 1) if a.get("ordinal") else a for a in program.anniversaries
    ]
    draft = Program.objects.create(
        unit=program.unit,
        year=year,
        status=ProgramStatus.DRAFT,
        based_on=program,
        doc_type=program.doc_type,
        number_symbol=_next_number_symbol(program.number_symbol),
        place=program.place,
        title=advance_text(program.title, program.year, program.anniversaries),
        preamble=advance_text(program.preamble, program.year, program.anniversaries),
        issuer_lines=program.issuer_lines,
        sections=program.sections,
        recipients=program.recipients,
        signer_capacity=program.signer_capacity,
        signer_title=program.signer_title,
        signer_position=program.signer_position,
        signer_name=program.signer_name,
        anniversaries=anniversaries,
        source_name=program.source_name,
    )
    sources = carried_tasks(program, chosen_done_ids)
    new_tasks = []
    for position, old in enumerate(sources, start=1):
        period = _shift_period(old.period) if is_one_off(old) else old.period
        due = _due_date_for(period or None, year)
        text = advance_text(old.text, program.year, program.anniversaries)
        new_tasks.append(
            Task(
                program=draft,
                unit=program.unit,
                kind=old.kind,
                position=position,
                text=text,
                search_text=fold(text),
                period=period,
                due_date=due,
                quarter=_quarter_for(period, year),
                responsible_id=old.responsible_id if _seat_is_current(old) else None,
                responsible_office=old.responsible_office,
                needs_review=True,
                carried_from=old,
                origin=TaskOrigin.DOCUMENT,  # the draft of next year's document
            )
        )
    Task.objects.bulk_create(new_tasks)
    for old, new in zip(sources, new_tasks, strict=True):
        new.cooperators.set(old.cooperators.filter(end_date__isnull=True))
        new.hamlets.set(old.hamlets.all())
    TaskCitation.objects.bulk_create(
        [
            TaskCitation(task=new, document_id=tc.document_id)
            for old, new in zip(sources, new_tasks, strict=True)
            for tc in old.citations.all()
        ]
    )
    Citation.objects.bulk_create(
        [
            Citation(
                program=draft,
                document_id=c.document_id,
                position=c.position,
                written_as=c.written_as,
            )
            for c in program.citations.all()
        ]
    )
    record(
        actor=actor,
        unit=program.unit,
        target=draft,
        verb="create",
        summary=_("Dự thảo chương trình năm %(year)s từ chương trình năm %(old)s (%(n)s mục)")
        % {"year": year, "old": program.year, "n": len(new_tasks)},
    )
    return draft


def _seat_is_current(task: Task) -> bool:
    return task.responsible_id is not None and task.responsible.end_date is None
