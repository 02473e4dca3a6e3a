"""The public page, without login: the reception schedule, the current program and its
progress, and the petition status lookup (receipt code + PIN: the status and its dates, the
day received, the next time limit or the day closed; nothing of its content or people)."""

import datetime

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from citizens import public, schedule
from citizens.forms import LookupForm
from citizens.models import Status
from programs.models import Program, ProgramStatus
from programs.stats import status_counts
from units.models import Unit

PUBLIC_STATUS = {
    Status.RECEIVED: gettext_lazy("Đã tiếp nhận, đang xử lý đơn"),
    Status.ACCEPTED: gettext_lazy("Đã thụ lý, đang giải quyết"),
    Status.SUSPENDED: gettext_lazy("Tạm đình chỉ giải quyết"),
    Status.DECIDED: gettext_lazy("Đã có kết quả giải quyết"),
    Status.CLOSED: gettext_lazy("Đã kết thúc xử lý"),
}


def public_page(request, unit_code: str):
    unit = get_object_or_404(Unit, code=unit_code)
    today = timezone.localdate()
    program = (
        Program.objects.filter(unit=unit, status=ProgramStatus.ISSUED)
        .order_by("-year", "-pk")
        .first()
    )
    return render(
        request,
        "citizens/public.html",
        {
            "unit": unit,
            "sessions": schedule.sessions(unit, today, today + datetime.timedelta(days=28)),
            "slots": schedule.slots_of(unit, today),
            "program": program,
            "counts": status_counts(program, today) if program else None,
            "form": LookupForm(),
        },
    )


@never_cache
def status_lookup(request):
    form = LookupForm(request.POST or None)
    outcome, status, found = "", "", None
    if request.method == "POST" and form.is_valid():
        outcome, petition = public.lookup(
            public.client_ip(request), form.cleaned_data["code"], form.cleaned_data["pin"]
        )
        if petition is not None:
            status = str(PUBLIC_STATUS[Status(petition.status)])
            found = {
                "received_on": petition.received_on,
                "next_due": None if petition.status == Status.CLOSED else petition.next_due,
                "closed_on": petition.closed_on if petition.status == Status.CLOSED else None,
            }
    messages_by_outcome = {
        "wrong": _("Mã tiếp nhận hoặc mã PIN không đúng."),
        "blocked": _("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."),
    }
    return render(
        request,
        "citizens/public_lookup.html",
        {
            "form": form,
            "status": status,
            "found": found,
            "error": messages_by_outcome.get(outcome, ""),
        },
        status=429 if outcome == "blocked" else 200,
    )
