"""The review screen's data: an importer reading kept as JSON while the clerk corrects it."""

import datetime

from django.utils.translation import gettext_lazy as _

from documents.importing import (
    Anniversary,
    Citation,
    ProgramReading,
    ReadingItem,
    Signer,
)


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def reading_from_dict(data: dict) -> ProgramReading:
    """The inverse of ``ProgramReading.to_dict`` (extra keys such as corrections are ignored)."""
    signer = data.get("signer") or {}
    return ProgramReading(
        doc_type=data.get("doc_type"),
        number_symbol=data.get("number_symbol"),
        issuer_lines=list(data.get("issuer_lines") or []),
        place=data.get("place"),
        date=_date(data.get("date")),
        year=data.get("year"),
        title=data.get("title"),
        sections=list(data.get("sections") or []),
        preamble=[str(line) for line in data.get("preamble") or []],
        items=[
            ReadingItem(
                kind=i["kind"],
                text=i["text"],
                period=i.get("period"),
                responsible=i.get("responsible"),
                line=i.get("line"),
            )
            for i in data.get("items") or []
        ],
        citations=[
            Citation(
                kind=c["kind"],
                number=c["number"],
                number_year=c.get("number_year"),
                symbol=c["symbol"],
                date=_date(c.get("date")),
                issuer=c.get("issuer"),
                aliases=list(c.get("aliases") or []),
            )
            for c in data.get("citations") or []
        ],
        recipients=list(data.get("recipients") or []),
        signer=Signer(
            capacity=signer.get("capacity"),
            title=signer.get("title"),
            position=signer.get("position"),
            name=signer.get("name"),
        ),
        anniversaries=[
            Anniversary(what=a["what"], ordinal=a["ordinal"], base_year=a.get("base_year"))
            for a in data.get("anniversaries") or []
        ],
        warnings=list(data.get("warnings") or []),
    )


FIELD_LABELS = {
    "text": _("Nội dung"),
    "kind": _("Loại"),
    "period": _("Thời gian thực hiện"),
    "due_date": _("Hạn hoàn thành"),
    "responsible_id": _("Người chủ trì"),
    "responsible_office": _("Bộ phận chủ trì"),
}
MANUAL_LABELS = {
    "due_date": _("hạn hoàn thành"),
    "responsible": _("người chủ trì"),
    "cooperators": _("người phối hợp"),
    "hamlets": _("thôn, xóm"),
}


def _shown(name: str, value) -> str:
    from committee.models import CommitteeMember
    from documents.importing.periods import period_label
    from programs.models import TaskKind

    if value in (None, ""):
        return "—"
    if name == "due_date":
        return value.strftime("%d/%m/%Y")
    if name == "kind":
        return str(TaskKind(value).label)
    if name == "period":
        return str(period_label(value))
    if name == "responsible_id":
        member = CommitteeMember.objects.filter(pk=value).first()
        return member.full_name if member else "—"
    return str(value)


def plan_rows(plan, choices) -> list[dict]:
    """One row per task the re-import would add, change or withdraw, for the review screen:
    the task's progress, person in charge and manual edits, what the document changes,
    and the state of its checkboxes."""
    rows = []
    for change in plan.withdrawn + plan.changed + plan.added:
        task = change.task
        row = {
            "change": change,
            "action": {
                "added": _("Thêm"),
                "changed": _("Sửa"),
                "withdrawn": _("Bỏ khỏi văn bản"),
            }[change.action],
            "differences": [
                {
                    "label": FIELD_LABELS[name],
                    "old": _shown(name, old),
                    "new": _shown(name, new),
                    "name": name,
                }
                for name, (old, new) in change.fields.items()
                if name != "text"
            ],
        }
        if task is None:
            row["key"] = f"item-{change.item_index}"
            row["checked"] = change.item_index not in choices.skip_items
        else:
            row["key"] = f"task-{task.pk}"
            row["checked"] = task.pk in choices.keep
            row["document_checked"] = task.pk in choices.use_document
            row["manual"] = [
                str(MANUAL_LABELS[f]) for f in task.manual_fields if f in MANUAL_LABELS
            ]
            row["conflicts"] = [str(MANUAL_LABELS[f]) for f in change.conflicts]
        rows.append(row)
    return rows
