"""Importing a program through the review screen, and the registry of cited documents."""

import unicodedata
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.access import manages_unit, visible_filter
from committee.models import CommitteeMember
from documents.background import upload_folder
from documents.forms import (
    HeaderReviewForm,
    ItemReviewForm,
    NewItemForm,
    TaskSectionForm,
    UploadForm,
)
from documents.importing import (
    ImportFileError,
    parse_program_file,
    parse_program_text,
    read_source,
)
from documents.models import CitedDocument, ImportDraft
from documents.review import plan_rows, reading_from_dict
from jobs.queue import enqueue
from programs.models import Program, Task
from programs.revisions import Choices, RevisionPlan, apply_reading, plan_reading


def _require_manager(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    return unit


@login_required
def import_upload(request):
    unit = _require_manager(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        data = uploaded.read()
        try:
            reading = parse_program_file(uploaded.name, data)
            text = unicodedata.normalize("NFC", read_source(uploaded.name, data))
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            draft = ImportDraft.objects.create(
                unit=unit,
                uploaded_by=request.user,
                filename=uploaded.name[:255],
                source_text=text,
                # the preamble rides along outside docs/import-format.md's keys
                reading=dict(reading.to_dict(), preamble=reading.preamble),
            )
            return redirect("documents:import_review", pk=draft.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/import_upload.html", {"form": form}, status=status)


@login_required
def import_many(request):
    """Upload several documents at once; the background worker imports them."""
    unit = _require_manager(request)
    if request.method == "POST":
        files = request.FILES.getlist("files")
        limit = settings.IMPORT_MAX_BYTES
        errors = [
            _("Tệp %(name)s quá lớn: tối đa %(mb)s MB.") % {"name": f.name, "mb": limit // 2**20}
            for f in files
            if f.size > limit
        ]
        if not files:
            errors.append(_("Vui lòng chọn ít nhất một tệp."))
        if not errors:
            folder = uuid.uuid4().hex
            target = upload_folder(folder)
            target.mkdir(parents=True, exist_ok=True)
            names = []
            for position, uploaded in enumerate(files, start=1):
                name = f"{position:04d}-{Path(uploaded.name).name}"
                with open(target / name, "wb") as out:
                    for chunk in uploaded.chunks():
                        out.write(chunk)
                names.append(name)
            job = enqueue(
                "documents.import_many",
                {"unit": unit.pk, "folder": folder, "files": names},
                user=request.user,
            )
            return redirect("jobs:detail", pk=job.pk)
        return render(request, "documents/import_many.html", {"errors": errors}, status=400)
    return render(request, "documents/import_many.html", {"errors": []})


def _plan(unit, reading) -> tuple[RevisionPlan | None, list[str]]:
    """What saving would do (``programs.revisions.plan_reading``), or why it cannot."""
    try:
        return plan_reading(unit=unit, reading=reading), []
    except ValidationError as exc:
        return None, exc.messages


def _choices(post, plan: RevisionPlan) -> Choices:
    """The checkboxes of the plan. A task the clerk was not shown (the plan moved with the
    corrections) is kept if the document dropped it, so nothing leaves unseen."""
    shown = set(post.getlist("shown"))
    choices = Choices()
    for change in plan.withdrawn + plan.changed:
        pk = change.task.pk
        key = f"task-{pk}"
        if f"keep-{pk}" in post or (key not in shown and change.action == "withdrawn"):
            choices.keep.add(pk)
        if f"document-{pk}" in post:
            choices.use_document.add(pk)
    for change in plan.added:
        ii = change.item_index
        if f"item-{ii}" in shown and f"add-{ii}" not in post:
            choices.skip_items.add(ii)
    return choices


def _draft_for(request, pk: int) -> ImportDraft:
    unit = _require_manager(request)
    draft = ImportDraft.objects.filter(pk=pk, unit=unit).first()
    if draft is None:
        raise Http404
    return draft


@login_required
def import_review(request, pk: int):
    draft = _draft_for(request, pk)
    unit = draft.unit
    members = list(CommitteeMember.objects.filter(unit=unit).current())
    data = draft.reading
    items = data["items"]
    post = request.POST if request.method == "POST" else None
    header = HeaderReviewForm(
        post,
        initial={
            "year": data.get("year"),
            "title": data.get("title"),
            "number_symbol": data.get("number_symbol"),
        },
    )
    item_forms = [
        ItemReviewForm(
            post,
            prefix=f"item-{i}",
            members=members,
            initial={"kind": item["kind"], "period": item.get("period") or ""},
        )
        for i, item in enumerate(items)
    ]
    new_item = NewItemForm(
        post if post and "add_item" in post else None, prefix="new", members=members
    )
    chooser = TaskSectionForm(
        post if post and "choose_section" in post else None, sections=data.get("sections") or []
    )
    if request.method == "POST":
        if "discard" in request.POST:
            draft.delete()
            messages.info(request, _("Đã hủy bản nhập."))
            return redirect("documents:import_upload")
        if "add_item" in request.POST or "choose_section" in request.POST:
            if _change_tasks(draft, new_item, chooser):
                return redirect("documents:import_review", pk=draft.pk)
            header = HeaderReviewForm(initial=header.initial)
            item_forms = [
                ItemReviewForm(prefix=f.prefix, members=members, initial=f.initial)
                for f in item_forms
            ]
        elif header.is_valid() and all(f.is_valid() for f in item_forms):
            corrected = dict(data, **header.cleaned_data)
            corrected["items"] = [
                dict(item, kind=f.cleaned_data["kind"], period=f.cleaned_data["period"] or None)
                for item, f in zip(items, item_forms, strict=True)
            ]
            by_id = {m.pk: m for m in members}
            assignments = {
                i: by_id.get(f.cleaned_data["responsible"]) for i, f in enumerate(item_forms)
            }
            reading = reading_from_dict(corrected)
            plan, _errors = _plan(unit, reading)
            try:
                report = apply_reading(
                    unit=unit,
                    reading=reading,
                    choices=_choices(request.POST, plan) if plan and not plan.created else None,
                    actor=request.user,
                    source_name=draft.filename,
                    source_text=draft.source_text,
                    assignments=assignments,
                )
            except ValidationError as exc:
                header.add_error(None, exc)
            else:
                draft.delete()
                for line in report.lines()[:12]:
                    messages.success(request, line)
                return redirect("programs:program", pk=report.program.pk)
    plan, refusals = _plan(unit, reading_from_dict(data))
    choices = _choices(request.POST, plan) if post and plan else None
    if plan and choices is None:
        choices = Choices.defaults(plan)
    context = {
        "draft": draft,
        "header": header,
        "rows": list(zip(items, item_forms, _source_lines(draft, items), strict=True)),
        "new_item": new_item,
        "chooser": chooser,
        "warnings": data.get("warnings") or [],
        "citations": data.get("citations") or [],
        "sections": data.get("sections") or [],
        "preamble": data.get("preamble") or [],
        "existing": Program.objects.filter(unit=unit, year=data.get("year")).first(),
        "plan": plan,
        "plan_rows": plan_rows(plan, choices) if plan and not plan.created else [],
        "refusals": refusals,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "documents/import_review.html", context, status=status)


def _source_lines(draft: ImportDraft, items: list[dict]) -> list[str]:
    """The source line each item starts on, so the clerk can check it at a glance."""
    lines = draft.source_text.split("\n")
    found = []
    for item in items:
        number = item.get("line")
        found.append(lines[number - 1].strip() if number and 0 < number <= len(lines) else "")
    return found


def _change_tasks(draft: ImportDraft, new_item: NewItemForm, chooser: TaskSectionForm) -> bool:
    """Add the clerk's task to the draft, or read the tasks again from the section the clerk
    chose; False (and the form's errors) when the input is not valid."""
    reading = dict(draft.reading)
    if new_item.is_bound:
        if not new_item.is_valid():
            return False
        added = {
            "kind": new_item.cleaned_data["kind"],
            "text": new_item.cleaned_data["text"],
            "period": new_item.cleaned_data["period"] or None,
            "responsible": None,
            "line": None,
        }
        reading["items"] = [*reading["items"], added]
    else:
        if not chooser.is_valid():
            return False
        chosen = chooser.cleaned_data["section"]
        again = parse_program_text(draft.source_text, task_section=chosen)
        reading["items"] = [item.to_dict() for item in again.items]
        if not again.items:
            chooser.add_error("section", _("Phần “%(s)s” không có mục nào.") % {"s": chosen})
            return False
    draft.reading = reading
    draft.save(update_fields=["reading"])
    return True


@login_required
def document_list(request):
    """Cited documents the user's programs rest on, most cited first."""
    scope = Q(**visible_filter(request.user, "citations__program__unit"))
    documents = (
        CitedDocument.objects.filter(scope)
        .annotate(programs=Count("citations__program", filter=scope, distinct=True))
        .order_by("-programs", "kind", "number")
    )
    return render(request, "documents/document_list.html", {"documents": documents})


def _cited_by_a_visible_report(user, document) -> bool:
    from reports.access import visible_reports  # reports builds on documents, not the reverse

    return visible_reports(user).filter(citations__document=document).exists()


@login_required
def document_detail(request, pk: int):
    document = CitedDocument.objects.filter(pk=pk).first()
    if document is None:
        raise Http404
    programs = (
        Program.objects.filter(citations__document=document, **visible_filter(request.user))
        .select_related("unit")
        .order_by("-year", "unit__name")
        .distinct()
    )
    tasks = (
        Task.objects.filter(citations__document=document, **visible_filter(request.user))
        .select_related("program", "program__unit")
        .order_by("-program__year", "program__unit__name", "position")
        .distinct()
    )
    if not programs and not tasks and not _cited_by_a_visible_report(request.user, document):
        raise Http404
    return render(
        request,
        "documents/document_detail.html",
        {"document": document, "programs": programs, "tasks": tasks},
    )
