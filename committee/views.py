"""The committee page: current members and the hamlets they follow, past members, the
decisions, and the history of changes; the office edits it here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_visible_or_404, manages_unit
from audit.models import AuditEvent
from committee import services
from committee.forms import EndMembershipForm, HamletAssignmentForm, MemberForm
from committee.models import AppointmentDecision, CommitteeMember
from units.models import Hamlet, Unit


def _unit_for(request, code: str | None) -> Unit:
    if code is None:
        if request.user.unit_id is None:
            raise Http404
        return request.user.unit
    return get_visible_or_404(Unit.objects.all(), request.user, field="", code=code)


def _render(request, unit, member_form=None, status=200):
    members = CommitteeMember.objects.filter(unit=unit).select_related("decision", "user")
    members = members.prefetch_related(
        Prefetch("hamlets", queryset=Hamlet.objects.order_by("position"))
    )
    current = [m for m in members if m.is_current]
    past = [m for m in members if not m.is_current]
    can_manage = manages_unit(request.user, unit)
    history = (
        AuditEvent.objects.filter(
            unit=unit,
            target_type__in=ContentType.objects.get_for_models(
                CommitteeMember, AppointmentDecision
            ).values(),
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:100]
    )
    context = {
        "unit": unit,
        "current": current,
        "past": past,
        "decisions": AppointmentDecision.objects.filter(unit=unit),
        "hamlets": Hamlet.objects.filter(unit=unit).prefetch_related(
            Prefetch("followers", queryset=CommitteeMember.objects.current())
        ),
        "history": history,
        "can_manage": can_manage,
        "member_form": (member_form or MemberForm(unit=unit)) if can_manage else None,
        "end_form": EndMembershipForm() if can_manage else None,
    }
    return render(request, "committee/committee.html", context, status=status)


@login_required
def committee_page(request, code: str | None = None):
    return _render(request, _unit_for(request, code))


def _managed_member(request, pk: int) -> CommitteeMember:
    member = get_visible_or_404(CommitteeMember.objects.select_related("unit"), request.user, pk=pk)
    if not manages_unit(request.user, member.unit):
        raise Http404
    return member


@login_required
@require_POST
def member_add(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    form = MemberForm(request.POST, unit=unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_member(
                unit=unit,
                actor=request.user,
                full_name=data["full_name"],
                committee_role=data["committee_role"],
                office_title=data["office_title"],
                decision=data["decision"],
                start_date=data["start_date"],
                hamlets=list(data["hamlets"]),
                position=CommitteeMember.objects.filter(unit=unit).count() + 1,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã bổ sung thành viên."))
            return redirect("committee:page")
    return _render(request, unit, member_form=form, status=400)


@login_required
@require_POST
def member_end(request, pk: int):
    member = _managed_member(request, pk)
    form = EndMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.end_membership(
                member=member, actor=request.user, end_date=form.cleaned_data["end_date"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã ghi nhận thôi tham gia Ban."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("committee:page")


@login_required
@require_POST
def member_hamlets(request, pk: int):
    member = _managed_member(request, pk)
    form = HamletAssignmentForm(request.POST, unit=member.unit)
    if form.is_valid():
        services.assign_hamlets(
            member=member, actor=request.user, hamlets=list(form.cleaned_data["hamlets"])
        )
        messages.success(request, _("Đã lưu phân công theo dõi thôn, xóm."))
    else:
        messages.error(request, _("Thôn, xóm không hợp lệ."))
    return redirect("committee:page")
