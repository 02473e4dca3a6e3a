"""Urging pages: the overdue tasks by person in charge with the form that drafts a letter,
the letters, each letter's page (where a draft is submitted, returned, discarded or issued)
and its .docx and .pdf.

Drafting, the steps and the drafts themselves are for the office and the chair of the unit
(others get 404, as everywhere in DVCQ); issued letters and their downloads are for anyone
who may see the unit.
"""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import get_visible_or_404, manages_unit, scoped
from followup import urging
from followup.urging_document import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    file_stem,
    letter_docx,
    letter_pdf,
)
from followup.urging_forms import IssueLetterForm, UrgingLetterForm
from followup.urging_models import LetterStatus, UrgingLetter
from outgoing.services import register_for

FORMATS = {"docx": (letter_docx, DOCX_CONTENT_TYPE), "pdf": (letter_pdf, PDF_CONTENT_TYPE)}
LETTERS_PER_PAGE = 50


def _managed_unit(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    return unit


def _chosen_program(request, unit, today):
    programs = list(urging.issued_programs(unit))
    raw = request.POST.get("program") or request.GET.get("program")
    if raw:
        chosen = next((p for p in programs if str(p.pk) == raw), None)
        if chosen is None:
            raise Http404
        return chosen, programs
    # By default the newest issued program that has overdue tasks, else the newest one.
    overdue_ids = set(urging.overdue_tasks(unit, today).values_list("program_id", flat=True))
    chosen = next((p for p in programs if p.pk in overdue_ids), programs[0] if programs else None)
    return chosen, programs


def _initial(program, groups, unit, today) -> dict:
    return {
        "summary": urging.default_summary(program),
        "signer_capacity": program.signer_capacity,
        "signer_title": program.signer_title,
        "signer_position": program.signer_position,
        "signer_name": program.signer_name,
        "recipients": "\n".join(
            urging.default_recipients(groups, register_for(unit).drafting_code)
        ),
        "tasks": [task.pk for group in groups for task in group.tasks],
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def urging_page(request):
    unit = _managed_unit(request)
    today = timezone.localdate()
    program, programs = _chosen_program(request, unit, today)
    groups = urging.group_by_person(urging.overdue_tasks(unit, today, program)) if program else []
    choices = [(task.pk, task.short_text) for group in groups for task in group.tasks]
    if request.method == "POST" and program is not None:
        form = UrgingLetterForm(request.POST, task_choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                letter = urging.draft_letter(
                    unit=unit,
                    program=program,
                    task_ids=data["tasks"],
                    actor=request.user,
                    day=today,
                    summary=data["summary"],
                    report_by=data["report_by"],
                    titles=form.signer_titles,
                    signer_name=data["signer_name"],
                    recipients=form.recipient_list,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _(
                        "Đã lập dự thảo công văn đôn đốc về %(count)s nhiệm vụ. Trình ký để "
                        "ban hành; số được cấp khi ban hành."
                    )
                    % {"count": letter.items.count()},
                )
                return redirect("followup:urging_letter", pk=letter.pk)
    elif request.method == "POST":
        raise Http404
    else:
        form = (
            UrgingLetterForm(initial=_initial(program, groups, unit, today), task_choices=choices)
            if program
            else None
        )
    selected = {str(v) for v in (form["tasks"].value() or [])} if form else set()
    return render(
        request,
        "followup/urging.html",
        {
            "program": program,
            "programs": programs,
            "groups": groups,
            "form": form,
            "selected": selected,
            "today": today,
        },
        status=400 if request.method == "POST" else 200,
    )


OPEN_DRAFTS = [LetterStatus.DRAFT, LetterStatus.REVIEW]


@login_required
@require_safe
def urging_letters(request):
    letters = scoped(
        UrgingLetter.objects.select_related("unit", "program", "created_by"), request.user
    ).filter(status=LetterStatus.ISSUED)
    page = Paginator(letters.order_by("-issued_on", "-sent_at", "-id"), LETTERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    can_generate = request.user.unit_id is not None and manages_unit(
        request.user, request.user.unit
    )
    drafts = (
        UrgingLetter.objects.filter(unit=request.user.unit, status__in=OPEN_DRAFTS)
        .select_related("created_by")
        .order_by("-created_at", "-id")
        if can_generate
        else []
    )
    return render(
        request,
        "followup/urging_letters.html",
        {"page": page, "can_generate": can_generate, "drafts": drafts},
    )


def _letter_for(request, pk: int, queryset=None) -> UrgingLetter:
    """A letter the user may see: an issued one of a unit they see; a draft only for the
    office and chair of its unit."""
    queryset = queryset or UrgingLetter.objects.select_related("unit", "program", "created_by")
    letter = get_visible_or_404(queryset, request.user, pk=pk)
    if not letter.is_issued and not manages_unit(request.user, letter.unit):
        raise Http404
    return letter


@login_required
@require_safe
def urging_letter(request, pk: int):
    letter = _letter_for(request, pk)
    return render(
        request,
        "followup/urging_letter.html",
        {
            "letter": letter,
            "groups": urging.letter_groups(letter),
            "can_act": manages_unit(request.user, letter.unit),
            "issue_form": IssueLetterForm(initial={"issued_on": timezone.localdate()}),
            "draft_symbol": urging.draft_number_symbol(letter.unit),
        },
    )


STEP_MESSAGES = {
    "submit": _lazy("Đã trình ký dự thảo công văn đôn đốc."),
    "return": _lazy("Đã trả lại dự thảo để sửa."),
    "discard": _lazy("Đã hủy dự thảo công văn đôn đốc; không có số nào bị bỏ trống trong sổ."),
}


@login_required
@require_POST
def urging_letter_step(request, pk: int, step: str):
    letter = _letter_for(request, pk)
    if step not in STEP_MESSAGES or not manages_unit(request.user, letter.unit):
        raise Http404
    try:
        urging.move_letter(letter=letter, actor=request.user, step=step)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, STEP_MESSAGES[step])
    return redirect("followup:urging_letter", pk=letter.pk)


@login_required
@require_POST
def urging_letter_issue(request, pk: int):
    letter = _letter_for(request, pk)
    if not manages_unit(request.user, letter.unit):
        raise Http404
    form = IssueLetterForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("followup:urging_letter", pk=letter.pk)
    try:
        issued = urging.issue_urging_letter(
            letter=letter, actor=request.user, day=form.cleaned_data["issued_on"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã ban hành công văn đôn đốc số %(symbol)s ngày %(day)s.")
            % {"symbol": issued.number_symbol, "day": issued.issued_on.strftime("%d/%m/%Y")},
        )
    return redirect("followup:urging_letter", pk=letter.pk)


@login_required
@require_safe
def urging_download(request, pk: int, fmt: str):
    letter = _letter_for(request, pk, UrgingLetter.objects.select_related("unit", "program"))
    if fmt not in FORMATS:
        raise Http404
    write, content_type = FORMATS[fmt]
    return FileResponse(
        io.BytesIO(write(letter)),
        as_attachment=True,
        filename=f"{file_stem(letter)}.{fmt}",
        content_type=content_type,
    )
