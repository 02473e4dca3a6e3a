"""What each model puts into the search index, and keeping the index current.

Every indexed model has a builder returning the entry's fields (or ``None``: not indexed,
e.g. a withdrawn task). ``index(obj)`` writes or removes one entry; the signals of
``apps.py`` call it on every save and delete, and on every audit event (services that
bulk-create tasks or update rows by queryset record one, so their objects are re-read).
Rows that are part of an object's text (``_parts``: a meeting's conclusions, a bright spot's
progress reports and evaluations, an inspection's findings) re-index that object.

Petitions and reception visits never carry identity data: names are in encrypted columns
and are not read here; a denunciation contributes only its summary (``tóm tắt``), never
its content, and no petitioner names.
"""

import functools
import unicodedata

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from dvcq.text import fold, reference_tokens, words
from search.backends import scope_tokens
from search.models import Kind, SearchEntry

BODY_LIMIT = 4000
# No real word is longer; PostgreSQL refuses a tsvector lexeme past 2047 bytes.
WORD_LIMIT = 100


def folded_words(*texts: str) -> str:
    """`` word word ... `` with the reference tokens of the texts, for matching."""
    found: list[str] = []
    for text in texts:
        if text:
            found.extend(word[:WORD_LIMIT] for word in words(text))
            found.extend(reference_tokens(text))
    return f" {' '.join(found)} " if found else " "


def _program(p):
    return {
        "unit_id": p.unit_id,
        "year": p.year,
        "status": p.status,
        "title": " ".join(x for x in (p.doc_type, p.number_symbol, "–", p.title) if x),
        "body": p.signer_name,
        "url": reverse("programs:program", args=[p.pk]),
    }


def _task(t):
    if t.withdrawn:
        return None
    return {
        "unit_id": t.unit_id,
        "year": t.program.year,
        "status": t.status,
        "title": t.short_text,
        "body": "\n".join(x for x in (t.text, t.responsible_office) if x),
        "url": reverse("programs:task", args=[t.pk]),
    }


def _document(d):
    return {
        "unit_id": None,
        "year": d.number_year or (d.issued_on.year if d.issued_on else None),
        "status": "",
        "title": str(d),
        "body": d.issuer,
        "url": reverse("documents:document", args=[d.pk]),
    }


def _activity(a):
    return {
        "unit_id": a.unit_id,
        "year": a.held_on.year,
        "status": "",
        "title": a.title,
        "body": "\n".join(
            x for x in (a.get_kind_display(), a.place, a.organiser, a.audience, a.description) if x
        ),
        "url": reverse("activities:detail", args=[a.pk]),
    }


def _member(m):
    return {
        "unit_id": m.unit_id,
        "year": m.start_date.year if m.start_date else None,
        "status": "ended" if m.end_date else "current",
        "title": m.full_name,
        "body": f"{m.get_committee_role_display()} – {m.office_title}",
        "url": reverse("committee:unit_page", args=[m.unit.code]),
    }


def _petition(p):
    secret = p.is_secret
    # A denunciation's content is sealed; only its summary (written without identifying
    # details) is searchable.
    text = p.summary if secret else "\n".join(x for x in (p.content, p.summary) if x)
    heading = f"{p.receipt_code} – {p.get_case_type_display()}"
    if p.field_id:
        heading += f" – {p.field.name}"
    return {
        "unit_id": p.unit_id,
        "year": p.received_on.year,
        "status": p.status,
        "title": heading,
        "body": text,
        # Other petitioners' names are shown to everyone who sees the case; a denouncer's
        # are never stored in the clear (``names_fold`` is empty for denunciations).
        "hidden": "" if secret else p.names_fold,
        "url": reverse("citizens:detail", args=[p.pk]),
    }


def _visit(v):
    secret = v.case_type == "denunciation"
    return {
        "unit_id": v.unit_id,
        "year": v.date.year,
        "status": "",
        "title": f"Lượt tiếp số {v.number} ngày {v.date:%d/%m/%Y} – {v.get_case_type_display()}",
        "body": "" if secret else v.content,
        "url": f"{reverse('citizens:register')}?year={v.date.year}",
    }


def _lines(*texts) -> str:
    return "\n".join(x for x in texts if x)


def _bright_spot(s):
    return {
        "unit_id": s.unit_id,
        "year": s.start_date.year,
        "status": s.status,
        "title": s.name,
        # The kind's name makes "dân vận khéo" find every model, whatever its own name.
        "body": _lines(
            str(Kind.BRIGHT_SPOT.label),
            s.get_field_display(),
            s.registrant,
            s.goal,
            s.person_in_charge,
            s.decision_number and f"{s.decision_number} {s.decision_issuer}",
            *(r.note for r in s.reports.all()),
            *(e.conclusion for e in s.evaluations.all()),
        ),
        "url": reverse("brightspots:detail", args=[s.pk]),
    }


def _meeting(m):
    day = m.local_start
    return {
        "unit_id": m.unit_id,
        "year": day.year,
        "status": "",
        "title": f"{m.get_kind_display()} ngày {day:%d/%m/%Y} – {m.agenda}"[:500],
        "body": _lines(
            str(Kind.MEETING.label),
            m.invitation_number and f"Giấy mời số {m.invitation_number}",
            m.place,
            m.discussion,
            *(c.text for c in m.conclusions.all()),
        ),
        "url": reverse("meetings:detail", args=[m.pk]),
    }


def _report(r):
    return {
        "unit_id": r.unit_id,
        "year": r.period_end.year,
        "status": r.status,
        "title": " ".join(x for x in (r.number_symbol, r.number_symbol and "–", r.title) if x),
        "body": _lines(r.get_kind_display(), r.situation, r.shortcomings, r.next_tasks),
        "url": reverse("reports:detail", args=[r.pk]),
    }


def _inspection(i):
    return {
        "unit_id": i.unit_id,
        "year": i.period_end.year,
        "status": i.status,
        "title": f"{i.template.name} ({i.period_label})",
        "body": _lines(
            i.rating and f"Xếp loại: {i.rating}", i.conclusion, *(f.text for f in i.findings.all())
        ),
        "url": reverse("inspections:detail", args=[i.pk]),
    }


def _outgoing(d):
    if d.program_id:
        url = reverse("programs:program", args=[d.program_id])
    else:
        url = reverse("outgoing:register")
    return {
        "unit_id": d.unit_id,
        "year": d.year,
        "status": "",
        "title": f"{d.number_symbol} – {d.summary}",
        "body": _lines(
            str(Kind.OUTGOING.label), d.get_doc_type_display(), d.signer and f"Người ký: {d.signer}"
        ),
        "url": url,
    }


def _hamlet(h):
    return {
        "unit_id": h.unit_id,
        "year": None,
        "status": "",
        "title": f"{h.name} – {h.unit.name}",
        "body": h.get_kind_display(),
        "url": reverse("committee:unit_page", args=[h.unit.code]),
    }


@functools.cache
def _builders():
    from activities.models import Activity
    from brightspots.models import BrightSpot
    from citizens.models import Petition, Visit
    from committee.models import CommitteeMember
    from documents.models import CitedDocument
    from inspections.models import Inspection
    from meetings.models import Meeting
    from outgoing.models import IssuedDocument
    from programs.models import Program, Task
    from reports.models import Report
    from units.models import Hamlet

    return {
        Program: (Kind.PROGRAM, _program, Program.objects.all()),
        Task: (Kind.TASK, _task, Task.all_objects.select_related("program")),
        CitedDocument: (Kind.DOCUMENT, _document, CitedDocument.objects.all()),
        Activity: (Kind.ACTIVITY, _activity, Activity.objects.all()),
        CommitteeMember: (Kind.MEMBER, _member, CommitteeMember.objects.select_related("unit")),
        Petition: (Kind.PETITION, _petition, Petition.objects.select_related("field")),
        Visit: (Kind.VISIT, _visit, Visit.objects.all()),
        BrightSpot: (
            Kind.BRIGHT_SPOT,
            _bright_spot,
            BrightSpot.objects.select_related("unit", "hamlet").prefetch_related(
                "reports", "evaluations"
            ),
        ),
        Meeting: (Kind.MEETING, _meeting, Meeting.objects.prefetch_related("conclusions")),
        Report: (Kind.REPORT, _report, Report.objects.all()),
        Inspection: (
            Kind.INSPECTION,
            _inspection,
            Inspection.objects.select_related("template").prefetch_related("findings"),
        ),
        IssuedDocument: (Kind.OUTGOING, _outgoing, IssuedDocument.objects.all()),
        Hamlet: (
            Kind.HAMLET,
            _hamlet,
            Hamlet.objects.select_related("unit"),
        ),
    }


@functools.cache
def _parts():
    """Models whose rows are part of an indexed object's text: the model, the attribute
    naming the indexed object's id, and the indexed model."""
    from brightspots.models import BrightSpot, Evaluation, ProgressReport
    from inspections.models import Finding, Inspection
    from meetings.models import Conclusion, Meeting

    return {
        ProgressReport: ("spot_id", BrightSpot),
        Evaluation: ("spot_id", BrightSpot),
        Conclusion: ("meeting_id", Meeting),
        Finding: ("inspection_id", Inspection),
    }


def part_models() -> list:
    return list(_parts())


def reindex_whole(part) -> None:
    """Re-index the object ``part`` belongs to (a conclusion's meeting, ...)."""
    attribute, model = _parts()[type(part)]
    reindex(model, getattr(part, attribute))


def indexed_models() -> list:
    return list(_builders())


def entry_fields(obj, unit_paths: dict | None = None) -> tuple[str, dict | None]:
    """The entry of ``obj`` (its kind, and its fields or ``None``). ``unit_paths`` (unit id →
    tree path) saves a query per object when indexing many."""
    kind, build, _queryset = _builders()[type(obj)]
    fields = build(obj)
    if fields is None:
        return kind, None
    hidden = fields.pop("hidden", "")
    fields["title"] = unicodedata.normalize("NFC", fields["title"])[:500]
    fields["body"] = unicodedata.normalize("NFC", fields["body"] or "")[:BODY_LIMIT]
    fields["title_folded"] = folded_words(fields["title"])
    fields["folded"] = folded_words(fields["body"], fold(hidden))
    unit_id = fields["unit_id"]
    path = unit_paths.get(unit_id, "") if unit_paths is not None else _unit_path(unit_id)
    fields["scope"] = scope_tokens(path)
    return kind, fields


def _unit_path(unit_id) -> str:
    from units.models import Unit

    if unit_id is None:
        return ""
    return Unit.objects.filter(pk=unit_id).values_list("path", flat=True).first() or ""


def rescope(unit) -> None:
    """After a unit moved in the tree: the scope of its entries and its descendants'."""
    from units.models import Unit

    for pk, path in Unit.objects.within(unit).values_list("pk", "path"):
        SearchEntry.objects.filter(unit_id=pk).update(scope=scope_tokens(path))


def index(obj) -> None:
    """Write (or remove) the entry of one object."""
    kind, fields = entry_fields(obj)
    if fields is None:
        SearchEntry.objects.filter(kind=kind, object_id=obj.pk).delete()
        return
    SearchEntry.objects.update_or_create(kind=kind, object_id=obj.pk, defaults=fields)


def reindex(model, pk) -> None:
    """Re-read one object from the database and index it (or remove its entry)."""
    kind, _build, queryset = _builders()[model]
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        SearchEntry.objects.filter(kind=kind, object_id=pk).delete()
    else:
        index(obj)


def reindex_program(program_id) -> None:
    """A program and all its tasks (bulk-created or updated by queryset in the services)."""
    from programs.models import Program, Task

    reindex(Program, program_id)
    tasks = Task.all_objects.filter(program_id=program_id).select_related("program")
    for task in tasks:
        index(task)


def remove(obj) -> None:
    kind = _builders()[type(obj)][0]
    SearchEntry.objects.filter(kind=kind, object_id=obj.pk).delete()


# The columns ``rebuild`` writes with ``COPY`` on PostgreSQL (``id`` from its sequence,
# ``tsv`` generated by the database).
COPY_COLUMNS = (
    "kind",
    "object_id",
    "unit_id",
    "year",
    "status",
    "title",
    "body",
    "title_folded",
    "folded",
    "scope",
    "url",
    "updated_at",
)


def _copy_entries(rows: list) -> None:
    """Insert entries (tuples in ``COPY_COLUMNS`` order) with ``COPY ... FROM STDIN``:
    psycopg 3 formats the rows in C and the server skips parsing one ``INSERT`` per batch."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COPY_COLUMNS)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def rebuild(batch: int = 500, flush_every: int = 20_000) -> dict[str, int]:
    """Drop every entry and index every object again; returns counts by kind. Entries are
    written every ``flush_every`` objects, so memory stays flat whatever the size (the
    national case indexes millions of petitions)."""
    from units.models import Unit

    counts = {}
    copy = connection.vendor == "postgresql"

    def write(rows: list) -> None:
        if copy:
            _copy_entries(rows)
        else:
            SearchEntry.objects.bulk_create(rows, batch_size=batch)

    with transaction.atomic():
        unit_paths = dict(Unit.objects.values_list("pk", "path"))
        SearchEntry.objects.all().delete()
        for kind, _build, queryset in _builders().values():
            rows, written = [], 0
            now = timezone.now()
            for obj in queryset.iterator(chunk_size=batch):
                k, fields = entry_fields(obj, unit_paths)
                if fields is None:
                    continue
                if copy:
                    fields.update(kind=k, object_id=obj.pk, updated_at=now)
                    rows.append(tuple(fields[c] for c in COPY_COLUMNS))
                else:
                    rows.append(SearchEntry(kind=k, object_id=obj.pk, **fields))
                if len(rows) >= flush_every:
                    write(rows)
                    written, rows = written + len(rows), []
            write(rows)
            counts[kind] = written + len(rows)
    return counts
