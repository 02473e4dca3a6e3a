"""The meeting pages: list (with the proposed half-year meetings), detail, schedule and edit,
attendance, minutes and conclusions, and the two Word papers. Every object is fetched
through ``accounts.access``: another commune's meeting is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_visible_or_404, manages_unit, scoped
from audit.services import history_of
from meetings import papers, proposals, services
from meetings.docx_letter import DOCX_CONTENT_TYPE
from meetings.forms import ConclusionFormSet, MeetingForm, MinutesForm
from meetings.models import Attendance, Meeting


def _meeting(request, pk: int, manage: bool = False) -> Meeting:
    meeting = get_visible_or_404(
        Meeting.objects.select_related("unit", "chair"), request.user, pk=pk
    )
    if manage and not manages_unit(request.user, meeting.unit):
        raise Http404
    return meeting


def _own_unit(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    return unit


@login_required
def meeting_list(request):
    meetings = scoped(Meeting.objects.select_related("unit", "chair"), request.user)
    unit = request.user.unit
    can_manage = unit is not None and manages_unit(request.user, unit)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    proposed = proposals.proposals_for(unit, year) if can_manage else []
    return render(
        request,
        "meetings/meeting_list.html",
        {"meetings": meetings, "proposals": proposed, "can_manage": can_manage, "year": year},
    )


@login_required
@require_POST
def proposal_confirm(request, year: int, half: int):
    unit = _own_unit(request)
    meeting = proposals.confirm_proposal(unit=unit, actor=request.user, year=year, half=half)
    if meeting is None:
        messages.error(request, _("Cuộc họp này không còn trong danh sách đề xuất."))
        return redirect("meetings:list")
    messages.success(request, _("Đã lên lịch cuộc họp; hãy kiểm tra thời gian, địa điểm."))
    return redirect("meetings:detail", meeting.pk)


@login_required
def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    context = {
        "meeting": meeting,
        "invitations": meeting.invitations.all(),
        "conclusions": meeting.conclusions.select_related("responsible", "task"),
        "can_manage": manages_unit(request.user, meeting.unit),
        "history": history_of(meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _save_meeting(request, unit, meeting=None):
    form = MeetingForm(
        request.POST or None,
        unit=unit,
        initial=(
            MeetingForm.initial_for(meeting)
            if meeting
            else {"place": proposals.default_place(unit)}
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "kind": data["kind"],
            "starts_at": form.starts_at,
            "place": data["place"],
            "agenda": data["agenda"],
            "chair": data["chair"],
            "secretary": data["secretary"],
        }
        try:
            if meeting is None:
                meeting = services.schedule_meeting(unit=unit, actor=request.user, **values)
                if data["invitation_number"]:
                    services.update_meeting(
                        meeting=meeting,
                        actor=request.user,
                        invitation_number=data["invitation_number"],
                    )
            else:
                services.update_meeting(
                    meeting=meeting,
                    actor=request.user,
                    invitation_number=data["invitation_number"],
                    **values,
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu cuộc họp."))
            return redirect("meetings:detail", meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/meeting_form.html", {"form": form, "meeting": meeting}, status=status
    )


@login_required
def meeting_create(request):
    return _save_meeting(request, _own_unit(request))


@login_required
def meeting_edit(request, pk: int):
    meeting = _meeting(request, pk, manage=True)
    return _save_meeting(request, meeting.unit, meeting)


@login_required
def attendance(request, pk: int):
    meeting = _meeting(request, pk, manage=True)
    invitations = list(meeting.invitations.all())
    error = None
    if request.method == "POST":
        entries = {
            i.pk: (
                request.POST.get(f"attendance-{i.pk}", i.attendance),
                request.POST.get(f"reason-{i.pk}", ""),
            )
            for i in invitations
        }
        try:
            services.record_attendance(meeting=meeting, actor=request.user, entries=entries)
        except ValidationError as exc:
            error = " ".join(exc.messages)
            for i in invitations:
                i.attendance, i.absence_reason = entries[i.pk]
        else:
            messages.success(request, _("Đã lưu điểm danh."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "invitations": invitations,
            "choices": Attendance.choices,
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
def minutes(request, pk: int):
    meeting = _meeting(request, pk, manage=True)
    form = MinutesForm(
        request.POST or None,
        initial={"discussion": meeting.discussion, "ends_at": meeting.ends_at},
    )
    formset = ConclusionFormSet(
        request.POST or None, prefix="c", form_kwargs={"unit": meeting.unit}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items = [
            services.ConclusionInput(
                text=f.cleaned_data["text"],
                due_date=f.cleaned_data["due_date"],
                responsible=f.cleaned_data.get("responsible"),
            )
            for f in formset
            if f.cleaned_data.get("text", "").strip()
        ]
        try:
            created = services.save_minutes(
                meeting=meeting,
                actor=request.user,
                discussion=form.cleaned_data["discussion"],
                ends_at=form.cleaned_data["ends_at"],
                conclusions=items,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Đã lưu biên bản; %(n)s kết luận đã thành nhiệm vụ của chương trình.")
                % {"n": len(created)},
            )
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/minutes_form.html",
        {
            "meeting": meeting,
            "form": form,
            "formset": formset,
            "conclusions": meeting.conclusions.select_related("responsible", "task"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def invitation_docx(request, pk: int):
    meeting = _meeting(request, pk)
    return _docx(papers.invitation_docx(meeting), papers.file_name(meeting, "giay moi"))


@login_required
def minutes_docx(request, pk: int):
    meeting = _meeting(request, pk)
    return _docx(papers.minutes_docx(meeting), papers.file_name(meeting, "bien ban"))


@login_required
@require_POST
def number_invitation(request, pk: int):
    meeting = _meeting(request, pk, manage=True)
    try:
        meeting = services.number_invitation(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Giấy mời đã có số %(n)s.") % {"n": meeting.invitation_number})
    return redirect("meetings:detail", pk=meeting.pk)
