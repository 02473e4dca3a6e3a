"""Pages of the work program: dashboard, program, task list, task, evidence download."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, F, When
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import can_update_task, get_visible_or_404, manages_unit, scoped
from audit.services import history_of
from committee.models import CommitteeMember
from documents.models import CitedDocument
from programs import next_year, revisions, services, stats
from programs.forms import (
    TRACKED,
    ProgramDocumentForm,
    TaskAssignForm,
    TaskFilterForm,
    TaskUpdateForm,
)
from programs.models import Evidence, Program, ProgramStatus, Task, TaskKind, TaskStatus
from search.models import Kind
from search.query import QueryError
from search.query import parse as parse_query
from search.services import matching as search_matching
from units.models import Hamlet

TASKS_PER_PAGE = 50
SOON_LISTED = 10  # tasks due within two weeks listed on the dashboard


def _visible_programs(user):
    return scoped(Program.objects.select_related("unit"), user)


def _chosen_program(request):
    """The program asked for in ``?program=``, else the user's unit's latest issued one, else
    the latest one the user may see; ``None`` when there is none."""
    programs = _visible_programs(request.user)
    wanted = request.GET.get("program")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        return get_visible_or_404(Program.objects.select_related("unit"), request.user, pk=wanted)
    # Issued programs before drafts: next year's draft should not take over the dashboard.
    latest = programs.order_by(Case(When(status=ProgramStatus.DRAFT, then=1), default=0), "-year")
    return latest.filter(unit_id=request.user.unit_id).first() or latest.first()


@login_required
def dashboard(request):
    program = _chosen_program(request)
    today = timezone.localdate()
    context = {"program": program, "today": today}
    if program is not None:
        soon = stats.due_soon(program, today, limit=SOON_LISTED)
        context.update(
            programs=list(_visible_programs(request.user).order_by("unit__name", "-year")),
            counts=stats.status_counts(program, today),
            quarters=stats.quarter_progress(program, today),
            overdue=stats.overdue_tasks(program, today),
            soon=soon,
            # Fewer than a full list: they are all of them, no need to count.
            soon_count=len(soon)
            if len(soon) < SOON_LISTED
            else stats.due_soon_count(program, today),
            workload=stats.workload(program, today),
            unassigned=stats.unassigned_count(program),
            statuses=TaskStatus,
        )
    return render(request, "programs/dashboard.html", context)


@login_required
def program_list(request):
    programs = _visible_programs(request.user).order_by("unit__path", "-year")
    return render(request, "programs/program_list.html", {"programs": programs})


PERIOD_GROUP_ORDER = ["Q1", "Q2", "Q3", "Q4"]


@login_required
def program_detail(request, pk: int):
    program = get_visible_or_404(Program.objects.select_related("unit"), request.user, pk=pk)
    return _program_page(request, program)


def _program_page(request, program, document_form=None, status=200):
    today = timezone.localdate()
    tasks = list(
        program.tasks.with_effective_status(today)
        .select_related("responsible")
        .order_by("position")
    )
    focus = [t for t in tasks if t.kind == TaskKind.FOCUS]
    organization = [t for t in tasks if t.kind == TaskKind.ORGANIZATION]
    groups: dict[str, list] = {}
    for task in tasks:
        if task.kind == TaskKind.SCHEDULED:
            groups.setdefault(task.period_label, []).append(task)
    context = {
        "program": program,
        "focus": focus,
        "scheduled_groups": list(groups.items()),
        "organization": organization,
        "citations": program.citations.select_related("document").order_by("position"),
        "history": history_of(program),
        "can_manage": manages_unit(request.user, program.unit),
    }
    if context["can_manage"]:
        context["last_revision"] = revisions.latest_revision(program)
        context["document_form"] = document_form or ProgramDocumentForm(
            initial={f: getattr(program, f) for f in services.PROGRAM_DOCUMENT_FIELDS}
        )
    return render(request, "programs/program_detail.html", context, status=status)


@login_required
@require_POST
def program_restore_revision(request, pk: int):
    """Khôi phục bản trước lần nhập lại văn bản gần nhất."""
    program = get_visible_or_404(Program.objects.select_related("unit"), request.user, pk=pk)
    if not manages_unit(request.user, program.unit):
        raise Http404
    revision = revisions.latest_revision(program)
    if revision is None or str(revision.pk) != request.POST.get("revision"):
        messages.error(
            request, _("Lần nhập lại này đã được khôi phục hoặc không còn là lần gần nhất.")
        )
        return redirect("programs:program", pk=program.pk)
    notes = revisions.restore_revision(revision=revision, actor=request.user)
    messages.success(request, _("Đã khôi phục chương trình như trước lần nhập lại văn bản."))
    for note in notes:
        messages.warning(request, note)
    return redirect("programs:program", pk=program.pk)


@login_required
def program_next_year(request, pk: int):
    """Xây dựng chương trình năm sau: choose which finished one-off tasks to carry, then draft."""
    program = get_visible_or_404(Program.objects.select_related("unit"), request.user, pk=pk)
    if not manages_unit(request.user, program.unit):
        raise Http404
    optional = next_year.finished_one_offs(program)
    existing = Program.objects.filter(unit=program.unit, year=program.year + 1).first()
    if request.method == "POST" and existing is None:
        allowed = {t.pk for t in optional}
        chosen = [int(v) for v in request.POST.getlist("include") if v.isdigit()]
        try:
            draft = next_year.draft_next_year(
                program=program,
                actor=request.user,
                chosen_done_ids=[pk for pk in chosen if pk in allowed],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Đã tạo dự thảo chương trình năm %(year)s; các mục chuyển sang cần rà soát.")
                % {"year": draft.year},
            )
            return redirect("programs:program", pk=draft.pk)
    context = {
        "program": program,
        "optional": optional,
        "existing": existing,
        "carried": next_year.carried_tasks(program),
    }
    return render(request, "programs/next_year.html", context)


@login_required
@require_POST
def program_document(request, pk: int):
    program = get_visible_or_404(Program.objects.select_related("unit"), request.user, pk=pk)
    if not manages_unit(request.user, program.unit):
        raise Http404
    form = ProgramDocumentForm(request.POST)
    if form.is_valid():
        try:
            services.update_program_document(
                program=program, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu thông tin văn bản."))
            return redirect("programs:program", pk=program.pk)
    return _program_page(request, program, document_form=form, status=400)


def _filtered_tasks(request, program, form, today):
    tasks = program.tasks.with_effective_status(today).select_related("responsible")
    if not form.is_valid():
        return tasks.order_by("position")
    data = form.cleaned_data
    if data["q"]:
        # The global search's index and spelling rules: diacritics, tone placement and
        # document references ("chỉ thị 33" = "33/CT-TTg") as on the search page.
        try:
            query = parse_query(data["q"])
        except QueryError:
            return tasks.none()
        tasks = tasks.filter(search_matching(request.user, Kind.TASK, query))
    if data["status"]:
        tasks = tasks.filter(stats.status_filter(data["status"], today))
    if data["quarter"]:
        tasks = tasks.filter(quarter=int(data["quarter"]))
    if data["quarters"]:
        first, last = sorted(int(q) for q in data["quarters"].split("-"))
        tasks = tasks.filter(quarter__gte=first, quarter__lte=last)
    if data["kind"] == TRACKED:
        tasks = tasks.trackable()
    elif data["kind"]:
        tasks = tasks.filter(kind=data["kind"])
    if data["responsible"] == "none":
        tasks = tasks.filter(responsible__isnull=True)
    elif data["responsible"]:
        tasks = tasks.filter(responsible_id__in=form.seats_of[data["responsible"]])
    if data["hamlet"]:
        tasks = tasks.filter(hamlets__id=int(data["hamlet"])).distinct()
    if data["document"]:
        tasks = tasks.filter(citations__document_id=data["document"]).distinct()
    if data["due"] == "soon":
        tasks = tasks.filter(
            status__in=("not_started", "in_progress"),
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=14),
        )
    return tasks.order_by("due_date", "position")


@login_required
def task_list(request):
    program = _chosen_program(request)
    if program is None:
        return render(request, "programs/task_list.html", {"program": None})
    today = timezone.localdate()
    # Current members first (a NULL end date sorts first on SQLite, last on PostgreSQL).
    members = CommitteeMember.objects.filter(unit=program.unit).order_by(
        F("end_date").desc(nulls_first=True), "position", "full_name"
    )
    hamlets = Hamlet.objects.filter(unit=program.unit)
    documents = CitedDocument.objects.filter(citations__program=program).order_by(
        "citations__position"
    )
    form = TaskFilterForm(
        request.GET or None, members=members, hamlets=hamlets, documents=documents
    )
    tasks = _filtered_tasks(request, program, form, today)
    page = Paginator(tasks, TASKS_PER_PAGE).get_page(request.GET.get("page"))
    template = (
        "programs/_task_table.html"
        if request.headers.get("HX-Request") == "true"
        else "programs/task_list.html"
    )
    return render(
        request,
        template,
        {"program": program, "form": form, "page": page},
    )


def _task_for(request, pk: int) -> Task:
    return get_visible_or_404(
        Task.objects.select_related("program", "unit", "responsible"), request.user, pk=pk
    )


def _task_page(request, task, update_form=None, assign_form=None, status=200):
    can_update = can_update_task(request.user, task)
    can_assign = manages_unit(request.user, task.unit)
    if can_update and update_form is None:
        update_form = TaskUpdateForm(
            initial={
                "status": task.status if task.status != "done_late" else "done",
                "progress": task.progress,
            }
        )
    # Read once: shown on the page and the assignment form's initial choices.
    cooperators = list(task.cooperators.all())
    hamlets = list(task.hamlets.all())
    if can_assign and assign_form is None:
        assign_form = TaskAssignForm(
            task=task,
            initial={
                "responsible": task.responsible,
                "responsible_office": task.responsible_office,
                "cooperators": cooperators,
                "hamlets": hamlets,
                "period": task.period,
                "due_date": task.due_date,
            },
        )
    updates = task.updates.select_related("author").prefetch_related("evidence")
    context = {
        "task": task,
        "program": task.program,
        "cooperators": cooperators,
        "documents": CitedDocument.objects.filter(task_citations__task=task),
        "hamlets": hamlets,
        "updates": updates,
        "history": history_of(task),
        "update_form": update_form if can_update else None,
        "assign_form": assign_form if can_assign else None,
    }
    return render(request, "programs/task_detail.html", context, status=status)


@login_required
def task_detail(request, pk: int):
    task = _task_for(request, pk)
    if request.method == "POST":
        if not can_update_task(request.user, task):
            raise Http404
        form = TaskUpdateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.record_task_update(
                    task=task,
                    actor=request.user,
                    status=form.cleaned_data["status"],
                    progress=form.cleaned_data["progress"],
                    note=form.cleaned_data["note"],
                    files=form.cleaned_data["evidence"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã cập nhật tiến độ nhiệm vụ."))
                return redirect("programs:task", pk=task.pk)
        return _task_page(request, task, update_form=form, status=400)
    return _task_page(request, task)


@login_required
@require_POST
def task_assign(request, pk: int):
    task = _task_for(request, pk)
    if not manages_unit(request.user, task.unit):
        raise Http404
    form = TaskAssignForm(request.POST, task=task)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_task(
                task=task,
                actor=request.user,
                responsible=data["responsible"],
                responsible_office=data["responsible_office"],
                cooperators=list(data["cooperators"]),
                hamlets=list(data["hamlets"]),
                period=data["period"],
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu phân công."))
            return redirect("programs:task", pk=task.pk)
    return _task_page(request, task, assign_form=form, status=400)


@login_required
def evidence_download(request, pk: int):
    evidence = get_visible_or_404(
        Evidence.objects.select_related("task"), request.user, field="task__unit", pk=pk
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
