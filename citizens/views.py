"""The citizens pages. Every petition is fetched through ``accounts.access`` (another
commune's case is a 404); a denouncer's identity is shown only after a logged reveal by an
assigned handler (``citizens.access``)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.forms import BooleanField
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import get_visible_or_404, scoped
from accounts.models import User
from audit.services import history_of
from citizens import exports, letters, schedule, services
from citizens.access import (
    can_handle,
    can_manage_citizens,
    can_see_identity,
    can_see_identity_log,
    can_see_repeat_link,
    visible_petitions,
)
from citizens.deadlines import SOON_WORKING_DAYS, STATE_LABELS, compute, next_open
from citizens.figures import RESOLVED
from citizens.forms import (
    DeadlinePreviewForm,
    ExtensionForm,
    PeriodForm,
    PetitionForm,
    RevealForm,
    SlotForm,
    StepForm,
    VisitForm,
)
from citizens.models import CaseType, IdentityView, Petition, Status, Visit
from citizens.stats import rules_by_day, statistical_forms
from dvcq.text import reference_tokens, words
from followup.calendar import add_working_days
from outgoing.export_docx import DOCX_CONTENT_TYPE
from outgoing.export_pdf import PDF_CONTENT_TYPE
from reports.providers import MERGE_DEPTH
from search.models import Kind
from search.query import QueryError, parse
from search.services import matching


def _own_unit(request):
    unit = request.user.unit
    if unit is None or not can_manage_citizens(request.user, unit):
        raise Http404
    return unit


def _petition(request, pk: int) -> Petition:
    return get_visible_or_404(visible_petitions(request.user), request.user, pk=pk)


def _handled(request, pk: int) -> Petition:
    petition = _petition(request, pk)
    if not can_handle(request.user, petition):
        raise Http404
    return petition


def search_petitions(user, query):
    """Petitions ``user`` may see holding every word of ``query`` (a ``ParsedQuery``; each
    word as a word or, from two letters on, the start of one, without diacritics) in their
    code, type, field, content or (non-secret) petitioner names, found through the search
    index (``search.services.matching``), which holds only a denunciation's summary. The
    sealed content and the denouncer's names of the open denunciations the user is assigned
    to are also matched, decrypted here: a handler finds their own current cases by them."""
    petitions = visible_petitions(user)
    matched = matching(user, Kind.PETITION, query)
    own_secret = (
        petitions.filter(case_type=CaseType.DENUNCIATION, handlers=user, status__in=OPEN_STATUSES)
        .select_related(None)
        .prefetch_related("petitioners")
    )
    found = [
        petition.pk
        for petition in own_secret
        if _holds(
            query,
            petition.full_content(),
            *(p.identity.get("name", "") for p in petition.petitioners.all()),
        )
    ]
    if found:
        matched |= Q(pk__in=found)
    return petitions.filter(matched)


def _holds(query, *texts) -> bool:
    """Do ``texts`` hold every word of ``query`` (as the search index matches them)?"""
    found = [word for text in texts for word in words(text)]
    tokens = {token for text in texts for token in reference_tokens(text)}
    return all(
        any(word == w or (len(w) > 1 and word.startswith(w)) for word in found) for w in query.words
    ) and all(token in tokens for token in query.tokens)


OPEN_STATUSES = [status for status in Status.values if status != Status.CLOSED]
LIST_STATES = {
    "open": _lazy("Đang xử lý, giải quyết"),
    "resolved": _lazy("Đã giải quyết"),
    "overdue": _lazy("Quá hạn"),
}


def filter_petitions(petitions, params, today):
    """The list's filters (also the targets of the parent dashboard's links): ``unit`` (with
    the units merged into it), ``start``/``end`` (receipt dates) and ``state``."""
    unit = params.get("unit", "")
    # An id the database can hold (a 64-bit integer); anything longer matches nothing.
    if unit.isdigit() and int(unit) >= 2**63:
        return petitions.none()
    if unit.isdigit():
        link, q = "unit", Q(unit_id=int(unit))
        for _depth in range(MERGE_DEPTH):
            link += "__merged_into"
            q |= Q(**{f"{link}_id": int(unit)})
        petitions = petitions.filter(q)
    for name, lookup in (("start", "received_on__gte"), ("end", "received_on__lte")):
        try:
            petitions = petitions.filter(**{lookup: datetime.date.fromisoformat(params[name])})
        except (KeyError, ValueError):
            continue
    state = params.get("state", "")
    if state == "open":
        petitions = petitions.exclude(status=Status.CLOSED)
    elif state == "resolved":
        petitions = petitions.filter(status__in=RESOLVED)
    elif state == "overdue":
        petitions = petitions.exclude(status=Status.CLOSED).filter(next_due__lt=today)
    return petitions


PETITIONS_PER_PAGE = 50
# The list shows at most this many cases (the newest received); past it a message asks to
# narrow the search, as the search page does.
MAX_LISTED = 1000


LIST_FILTERS = ("unit", "start", "end", "state")
SEARCH_SESSION_KEY = "citizens_petition_search"
SEARCH_FLAG = "tim"


def _post_search(request):
    """The search box posts: the words (often a petitioner's name) are kept in the session and
    the list is opened with the other filters only, so no name or content of a petition ever
    travels in a URL (browser history, proxy and server logs, the Referer header)."""
    query = request.POST.get("q", "").replace("\x00", "").strip()[:200]
    params = {k: request.POST.get(k, "") for k in LIST_FILTERS if request.POST.get(k, "")}
    if query:
        request.session[SEARCH_SESSION_KEY] = query
        params[SEARCH_FLAG] = "1"
    else:
        request.session.pop(SEARCH_SESSION_KEY, None)
    target = reverse("citizens:list")
    return redirect(f"{target}?{urlencode(params)}" if params else target)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def petition_list(request):
    if request.method == "POST":
        return _post_search(request)
    # A query string's ``q`` is ignored: only the posted search is run.
    query = request.session.get(SEARCH_SESSION_KEY, "") if request.GET.get(SEARCH_FLAG) else ""
    today = timezone.localdate()
    rules_on = rules_by_day()
    petitions, query_error = visible_petitions(request.user), ""
    if query.strip():
        try:
            petitions = search_petitions(request.user, parse(query))
        except QueryError as exc:
            petitions, query_error = petitions.none(), str(exc)
    petitions = filter_petitions(petitions, request.GET, today)
    # The ids of at most MAX_LISTED + 1 cases, newest first, in one query that the index on
    # (unit, received_on) answers without reading the rows or counting every match (a
    # province holds ~200,000 cases); the page's rows are then read by id.
    ids = list(
        petitions.order_by("-received_on", "-id").values_list("pk", flat=True)[: MAX_LISTED + 1]
    )
    page = Paginator(ids[:MAX_LISTED], PETITIONS_PER_PAGE).get_page(request.GET.get("page"))
    found = (
        Petition.objects.select_related("unit", "field")
        .prefetch_related("steps", "extensions")
        .in_bulk(page.object_list)
    )
    rows = []
    # The labels translated once, not once per row (``get_FOO_display`` hashes every choice).
    case_types = {value: str(label) for value, label in CaseType.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    for p in (found[pk] for pk in page.object_list if pk in found):
        upcoming = (
            next_open(compute(p, p.steps.all(), p.extensions.all(), rules_on(p.received_on)))
            if p.is_open
            else None
        )
        rows.append(
            {
                "petition": p,
                "next": upcoming,
                "state": upcoming.state(today) if upcoming else "",
                "case_type": case_types.get(p.case_type, p.case_type),
                "status": statuses.get(p.status, p.status),
            }
        )
    unit = request.user.unit
    return render(
        request,
        "citizens/petition_list.html",
        {
            "rows": rows,
            "page": page,
            "more_than_max": len(ids) > MAX_LISTED,
            "max_listed": MAX_LISTED,
            "query": query,
            "query_error": query_error,
            "filters": {k: request.GET.get(k, "") for k in LIST_FILTERS},
            "list_states": LIST_STATES,
            "can_manage": unit is not None and can_manage_citizens(request.user, unit),
            "state_labels": STATE_LABELS,
        },
    )


def _deadline_preview(data, today):
    return DeadlinePreviewForm(data).preview(today)


def _form_as_sent(post) -> PetitionForm:
    """The intake form filled with what was sent, unbound (no "required" errors): what the
    "Xem thời hạn" button shows again. Files cannot be sent back to the browser."""
    initial = {}
    for name, field in PetitionForm().fields.items():
        if isinstance(field, BooleanField):
            initial[name] = name in post
        elif name in post:
            initial[name] = post.get(name)
    return PetitionForm(initial=initial)


@login_required
@require_safe
def petition_deadlines(request):
    """The legal deadlines of the case being received, as the intake form's fields stand
    (htmx replaces the form's deadline block with it as the clerk changes them)."""
    _own_unit(request)
    return render(
        request,
        "citizens/_deadline_preview.html",
        {"preview": _deadline_preview(request.GET, timezone.localdate())},
    )


@login_required
def petition_create(request):
    unit = _own_unit(request)
    today = timezone.localdate()
    if request.method == "POST" and "preview" in request.POST:
        return render(
            request,
            "citizens/petition_form.html",
            {
                "form": _form_as_sent(request.POST),
                "preview": _deadline_preview(request.POST, today),
                "files_dropped": bool(request.FILES),
            },
        )
    form = PetitionForm(request.POST or None, request.FILES or None, initial={"received_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.intake(
                unit=unit,
                actor=request.user,
                data=form.cleaned_data,
                people=form.people(),
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "Đã tiếp nhận đơn. Mã tiếp nhận: %(code)s – mã PIN: %(pin)s. Hãy ghi mã PIN "
                    "vào giấy biên nhận cho người viết đơn; mã PIN không hiển thị lại."
                )
                % {"code": result.petition.receipt_code, "pin": result.pin},
            )
            linked = result.petition.repeat_of
            if linked:
                messages.warning(
                    request,
                    _("Đơn có thể trùng hoặc tái diễn với đơn %(code)s; đã liên kết.")
                    % {"code": linked.receipt_code},
                )
            unlinked = [
                m.petition.receipt_code
                for m in result.repeats
                if m.petition != linked and (m.petition.is_secret or result.petition.is_secret)
            ]
            if unlinked:
                messages.warning(
                    request,
                    _(
                        "Đơn có thể liên quan đến đơn %(codes)s; không liên kết để giữ bí mật "
                        "danh tính người tố cáo."
                    )
                    % {"codes": ", ".join(unlinked)},
                )
            return redirect("citizens:detail", result.petition.pk)
    shown = request.POST if form.is_bound else {**_initial_values(form), "received_on": today}
    return render(
        request,
        "citizens/petition_form.html",
        {"form": form, "preview": _deadline_preview(shown, today)},
    )


def _initial_values(form) -> dict:
    return {name: form.get_initial_for_field(field, name) for name, field in form.fields.items()}


def _detail_context(request, petition, identities=None, reveal_form=None):
    today = timezone.localdate()
    deadlines = compute(petition)
    for d in deadlines:
        d.current_state = d.state(today)
        d.state_label = STATE_LABELS[d.current_state]
    visible_identity = identities
    if visible_identity is None and not petition.is_secret:
        visible_identity = [
            {**p.identity, "representative": p.is_representative}
            for p in petition.petitioners.all()
        ]
    handles = can_handle(request.user, petition)
    return {
        "petition": petition,
        "deadlines": deadlines,
        "steps": petition.steps.select_related("actor"),
        "extensions": petition.extensions.all(),
        "attachments": petition.attachments.all()
        if can_see_identity(request.user, petition)
        else [],
        "identities": visible_identity,
        "can_reveal": petition.is_secret and can_see_identity(request.user, petition),
        "reveal_form": reveal_form or RevealForm(),
        "can_handle": handles,
        "step_form": StepForm(initial={"date": today}),
        "extension_form": ExtensionForm(initial={"decision_date": today}),
        "letter_steps": {s.pk for s in petition.steps.all() if letters.has_letter(s)},
        # A denunciation's sealed content only for its assigned handlers.
        "content": petition.full_content() if can_see_identity(request.user, petition) else None,
        "repeat_of": petition.repeat_of
        if can_see_repeat_link(request.user, petition, petition.repeat_of)
        else None,
        "repeats": [
            r for r in petition.repeats.all() if can_see_repeat_link(request.user, petition, r)
        ],
        "staff": User.objects.filter(unit=petition.unit, is_active=True).order_by("username")
        if can_manage_citizens(request.user, petition.unit)
        else [],
        "handler_ids": set(petition.handlers.values_list("pk", flat=True)),
        "history": history_of(petition),
    }


@login_required
def petition_detail(request, pk: int):
    petition = _petition(request, pk)
    return render(request, "citizens/petition_detail.html", _detail_context(request, petition))


@login_required
@require_POST
def petition_reveal(request, pk: int):
    petition = _petition(request, pk)
    form = RevealForm(request.POST)
    if not can_see_identity(request.user, petition):
        raise Http404
    identities = None
    if form.is_valid():
        identities = services.reveal_identity(
            petition=petition, user=request.user, reason=form.cleaned_data["reason"]
        )
    context = _detail_context(request, petition, identities=identities, reveal_form=form)
    response = render(request, "citizens/petition_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def step_add(request, pk: int):
    petition = _handled(request, pk)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.add_step(petition=petition, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã ghi bước xử lý."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("citizens:detail", petition.pk)


@login_required
@require_POST
def extension_add(request, pk: int):
    petition = _handled(request, pk)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.add_extension(petition=petition, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã ghi quyết định gia hạn."))
    else:
        messages.error(request, _("Thông tin gia hạn chưa đầy đủ."))
    return redirect("citizens:detail", petition.pk)


@login_required
@require_POST
def assign(request, pk: int):
    petition = _petition(request, pk)
    if not can_manage_citizens(request.user, petition.unit):
        raise Http404
    ids = [int(x) for x in request.POST.getlist("handlers") if x.isdigit() and len(x) <= 18]
    users = list(User.objects.filter(pk__in=ids, unit=petition.unit))
    services.assign_handlers(petition=petition, actor=request.user, users=users)
    messages.success(request, _("Đã phân công người tiếp nhận, giải quyết."))
    return redirect("citizens:detail", petition.pk)


@login_required
def step_letter(request, pk: int, step_pk: int, fmt: str = "docx"):
    petition = _handled(request, pk)
    step = petition.steps.filter(pk=step_pk).first()
    if step is None or not letters.has_letter(step):
        raise Http404
    data = letters.render(step, request.user, can_see_identity(request.user, petition), fmt)
    content_type = PDF_CONTENT_TYPE if fmt == "pdf" else DOCX_CONTENT_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{petition.receipt_code}-{step.kind}.{fmt}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def letter_issue(request, pk: int, step_pk: int):
    petition = _handled(request, pk)
    step = petition.steps.filter(pk=step_pk).first()
    if step is None or not letters.has_letter(step):
        raise Http404
    try:
        step = services.issue_letter(step=step, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Đã cấp số văn bản %(n)s từ sổ văn bản đi.") % {"n": step.document_number}
        )
    return redirect("citizens:detail", petition.pk)


@login_required
@require_POST
def summary_set(request, pk: int):
    petition = _handled(request, pk)
    try:
        services.set_summary(
            petition=petition, actor=request.user, summary=request.POST.get("summary", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã cập nhật tóm tắt nội dung."))
    return redirect("citizens:detail", petition.pk)


@login_required
@require_safe
def attachment_download(request, pk: int, attachment_pk: int):
    petition = _petition(request, pk)
    if not can_see_identity(request.user, petition):
        raise Http404  # the scanned petition shows the denouncer's handwriting
    attachment = petition.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    content = services.download_attachment(attachment=attachment, user=request.user)
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = f'attachment; filename="{attachment.name}"'
    response["Cache-Control"] = "no-store"
    return response


BOARD_PER_PAGE = 50


@login_required
def board(request):
    """The open cases with a deadline ahead or past, the most urgent first: ordered by
    ``Petition.next_due`` and counted in the database, one page of rows computed here (a
    province sees thousands of open cases)."""
    today = timezone.localdate()
    rules_on = rules_by_day()
    cases = visible_petitions(request.user).filter(status__in=OPEN_STATUSES, next_due__isnull=False)
    # "Soon" is at most SOON_WORKING_DAYS working days left (``Deadline.state``): due before
    # the working day after those.
    later = add_working_days(today, SOON_WORKING_DAYS + 1)
    counts = cases.aggregate(
        overdue=Count("pk", filter=Q(next_due__lt=today)),
        soon=Count("pk", filter=Q(next_due__gte=today, next_due__lt=later)),
        ok=Count("pk", filter=Q(next_due__gte=later)),
    )
    ordered = cases.order_by("next_due", "pk").prefetch_related("steps", "extensions")
    page = Paginator(ordered, BOARD_PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for p in page.object_list:
        upcoming = next_open(compute(p, p.steps.all(), p.extensions.all(), rules_on(p.received_on)))
        if upcoming is not None:
            rows.append({"petition": p, "next": upcoming, "state": upcoming.state(today)})
    return render(
        request,
        "citizens/board.html",
        {
            "rows": rows,
            "page": page,
            "counts": counts,
            "state_labels": STATE_LABELS,
            "today": today,
        },
    )


def _period(request):
    today = timezone.localdate()
    form = PeriodForm(
        request.GET or None,
        initial={"start": today.replace(month=1, day=1), "end": today},
    )
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, today.replace(month=1, day=1), today


def _forms(request, start, end):
    return statistical_forms(
        visible_petitions(request.user), scoped(Visit.objects, request.user), start, end
    )


@login_required
def statistics(request):
    form, start, end = _period(request)
    return render(
        request,
        "citizens/statistics.html",
        {"form": form, "start": start, "end": end, "forms": _forms(request, start, end)},
    )


@login_required
def statistics_xlsx(request, form: str):
    _form, start, end = _period(request)
    chosen = next((f for f in _forms(request, start, end) if f.slug == form), None)
    if chosen is None:
        raise Http404
    unit_name = request.user.unit.name if request.user.unit else ""
    response = HttpResponse(
        exports.form_xlsx(chosen, unit_name), content_type=exports.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bieu-01-{chosen.slug}-{start}-{end}.xlsx"'
    )
    return response


@login_required
def identity_log(request):
    unit = request.user.unit
    if unit is None or not can_see_identity_log(request.user, unit):
        raise Http404
    views = IdentityView.objects.filter(petition__unit=unit).select_related("user", "petition")
    return render(request, "citizens/identity_log.html", {"views": views[:500]})


# Reception


@login_required
def reception_schedule(request):
    unit = request.user.unit
    if unit is None:
        raise Http404
    today = timezone.localdate()
    can_manage = can_manage_citizens(request.user, unit)
    form = SlotForm(request.POST or None, initial={"valid_from": today})
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            slot = form.save(commit=False)
            slot.unit = unit
            slot.save()
            from audit.services import record

            record(
                actor=request.user,
                unit=unit,
                target=slot,
                verb="create",
                summary=_("Lịch tiếp công dân: %(slot)s") % {"slot": slot},
            )
            messages.success(request, _("Đã thêm lịch tiếp công dân."))
            return redirect("citizens:schedule")
    return render(
        request,
        "citizens/schedule.html",
        {
            "slots": schedule.slots_of(unit),
            "sessions": schedule.sessions(unit, today, today + datetime.timedelta(days=28)),
            "warnings": schedule.warnings(unit, today),
            "form": form,
            "can_manage": can_manage,
        },
    )


REGISTER_PERIODS = {
    "": (_lazy("Cả năm"), (1, 1), (12, 31)),
    "q1": (_lazy("Quý I"), (1, 1), (3, 31)),
    "q2": (_lazy("Quý II"), (4, 1), (6, 30)),
    "q3": (_lazy("Quý III"), (7, 1), (9, 30)),
    "q4": (_lazy("Quý IV"), (10, 1), (12, 31)),
    "h1": (_lazy("6 tháng đầu năm"), (1, 1), (6, 30)),
    "h2": (_lazy("6 tháng cuối năm"), (7, 1), (12, 31)),
}


def _register_period(request):
    """(year, period key, start, end, title) from ``?year=&ky=`` or ``?start=&end=``."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = today.year
    if not 1900 < year < 3000:
        year = today.year
    try:
        start = datetime.date.fromisoformat(request.GET.get("start", ""))
        end = datetime.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        start = end = None
    if start and end and start <= end:
        title = _("Sổ tiếp công dân từ %(start)s đến %(end)s") % {
            "start": start.strftime("%d/%m/%Y"),
            "end": end.strftime("%d/%m/%Y"),
        }
        return start.year, "", start, end, title
    key = request.GET.get("ky", "")
    label, (m1, d1), (m2, d2) = REGISTER_PERIODS.get(key, REGISTER_PERIODS[""])
    key = key if key in REGISTER_PERIODS else ""
    title = _("Sổ tiếp công dân năm %(year)s") % {"year": year}
    if key:
        title = f"{title} – {label}"
    return year, key, datetime.date(year, m1, d1), datetime.date(year, m2, d2), title


def _register_visits(request, start, end):
    return (
        scoped(Visit.objects, request.user)
        .filter(date__gte=start, date__lte=end)
        .order_by("date", "number")
    )


@login_required
def register(request):
    year, key, start, end, title = _register_period(request)
    visits = _register_visits(request, start, end)
    unit = request.user.unit
    today = timezone.localdate()
    years = sorted(
        {d.year for d in scoped(Visit.objects, request.user).dates("date", "year")}
        | {today.year, year},
        reverse=True,
    )
    query = {"start": start.isoformat(), "end": end.isoformat()}
    return render(
        request,
        "citizens/register.html",
        {
            "rows": exports.register_rows(visits),
            "headers": exports.REGISTER_HEADERS,
            "year": year,
            "years": years,
            "period_key": key,
            "periods": REGISTER_PERIODS,
            "start": start,
            "end": end,
            "title": title,
            "query": urlencode(query),
            "can_manage": unit is not None and can_manage_citizens(request.user, unit),
            "print": request.GET.get("in") == "1",
        },
    )


@login_required
def register_xlsx(request):
    year, _key, start, end, title = _register_period(request)
    visits = _register_visits(request, start, end)
    unit_name = request.user.unit.name if request.user.unit else ""
    response = HttpResponse(
        exports.register_xlsx(visits, unit_name, year, title=title),
        content_type=exports.XLSX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = (
        f'attachment; filename="so-tiep-cong-dan-{start.isoformat()}-{end.isoformat()}.xlsx"'
    )
    return response


@login_required
def visit_create(request):
    unit = _own_unit(request)
    form = VisitForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        open_petition = data.pop("open_petition")
        try:
            visit, opened = services.record_visit(
                unit=unit, actor=request.user, data=data, open_petition=open_petition
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            if opened:
                messages.success(
                    request,
                    _("Đã ghi sổ và tiếp nhận đơn. Mã tiếp nhận: %(code)s – mã PIN: %(pin)s.")
                    % {"code": opened.petition.receipt_code, "pin": opened.pin},
                )
                return redirect("citizens:detail", opened.petition.pk)
            messages.success(
                request, _("Đã ghi sổ tiếp công dân, lượt số %(n)s.") % {"n": visit.number}
            )
            return redirect("citizens:register")
    return render(request, "citizens/visit_form.html", {"form": form})
