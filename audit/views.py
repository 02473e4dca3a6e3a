"""The office's search of the audit log: who changed what in its unit and the units below.

Read only: the log is append-only, so there is no page that edits or deletes an event.
"""

import datetime
import json

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.access import scoped
from audit.models import AuditEvent
from citizens.access import can_see_identity_log

EVENTS_PER_PAGE = 50
MAX_FILTER_LENGTH = 200

VERB_LABELS = {
    "create": _("Thêm mới"),
    "change": _("Sửa"),
    "update": _("Cập nhật"),
    "delete": _("Xóa"),
    "assign": _("Giao việc"),
    "attendance": _("Điểm danh"),
    "end": _("Kết thúc"),
    "minutes": _("Biên bản"),
    "number": _("Cấp số"),
    "reimport": _("Nhập lại"),
    "revise": _("Điều chỉnh"),
    "urge": _("Đôn đốc"),
    "withdraw": _("Rút"),
    "otp_enrol": _("Đăng ký xác thực hai bước"),
    "otp_reset": _("Đặt lại xác thực hai bước"),
    "otp_recovery": _("Mã dự phòng"),
    "otp_failure": _("Nhập sai mã xác thực"),
}


def _text(params, name: str) -> str:
    """A filter value, stripped of what no stored text holds (NUL) and cut to a sane length."""
    return params.get(name, "").replace("\x00", "").strip()[:MAX_FILTER_LENGTH]


def _day(params, name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(_text(params, name))
    except ValueError:
        return None


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_events(events, params):
    """Apply the page's filters; returns the queryset and the filters as understood."""
    filters = {name: _text(params, name) for name in ("actor", "kind", "verb", "q")}
    if filters["actor"]:
        events = events.filter(
            Q(actor__username__icontains=filters["actor"])
            | Q(actor__last_name__icontains=filters["actor"])
            | Q(actor__first_name__icontains=filters["actor"])
        )
    if filters["kind"].isdigit() and len(filters["kind"]) <= 18:
        events = events.filter(target_type_id=int(filters["kind"]))
    else:
        filters["kind"] = ""
    if filters["verb"]:
        events = events.filter(verb=filters["verb"])
    if filters["q"]:
        # The changes are JSON: PostgreSQL shows them as text with the letters as typed,
        # SQLite keeps the \uXXXX escapes json.dumps writes, so look for both forms.
        escaped = json.dumps(filters["q"])[1:-1]
        events = events.annotate(changes_text=Cast("changes", TextField())).filter(
            Q(summary__icontains=filters["q"])
            | Q(changes_text__icontains=filters["q"])
            | Q(changes_text__icontains=escaped)
        )
    start, end = _day(params, "start"), _day(params, "end")
    if start:
        events = events.filter(created_at__gte=_start_of(start))
    if end and end < datetime.date.max:
        events = events.filter(created_at__lt=_start_of(end + datetime.timedelta(days=1)))
    filters["start"] = start.isoformat() if start else ""
    filters["end"] = end.isoformat() if end else ""
    return events, filters


def _kinds(events):
    ids = events.order_by().values_list("target_type_id", flat=True).distinct()
    kinds = [ContentType.objects.get_for_id(pk) for pk in ids]
    labels = [
        (ct.pk, str(ct.model_class()._meta.verbose_name) if ct.model_class() else ct.model)
        for ct in kinds
    ]
    return sorted(labels, key=lambda pair: pair[1])


@login_required
@require_safe
def search(request):
    """The office and the chair search the log of their unit and the units below it."""
    user = request.user
    if user.unit_id is None or not user.manages_program:
        raise Http404
    visible = scoped(AuditEvent.objects.all(), user)
    events, filters = filter_events(visible, request.GET)
    events = events.select_related("actor", "unit", "target_type").order_by("-created_at", "-id")
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.verb_label = VERB_LABELS.get(event.verb, event.verb)
        model = event.target_type.model_class()
        event.kind_label = model._meta.verbose_name if model else event.target_type.model
    verbs = visible.order_by("verb").values_list("verb", flat=True).distinct()
    return render(
        request,
        "audit/search.html",
        {
            "page": page,
            "filters": filters,
            "kinds": _kinds(visible),
            "verbs": [(verb, VERB_LABELS.get(verb, verb)) for verb in verbs],
            "identity_log": can_see_identity_log(user, user.unit),
        },
    )
