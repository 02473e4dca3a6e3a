"""Pages of the reminders app: the notifications list, the unit's rules (office only) and a
user's channels."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import manages_unit
from reminders import services
from reminders.forms import PreferenceForm, RuleFormSet
from reminders.models import Notification, ReminderRule, RuleKind

PER_PAGE = 50


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/notification_list.html",
        {"page": page, "unread": services.unread_count(request.user)},
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    if not services.mark_read(request.user, pk):
        raise Http404
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("reminders:list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.mark_all_read(request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return redirect("reminders:list")


@login_required
def rules(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    services.ensure_rules(unit)
    queryset = ReminderRule.objects.filter(unit=unit)
    if request.method == "POST":
        formset = RuleFormSet(request.POST, queryset=queryset)
        if formset.is_valid():
            services.save_rules(unit=unit, actor=request.user, formset=formset)
            messages.success(request, _("Đã lưu quy tắc nhắc việc."))
            return redirect("reminders:rules")
        status = 400
    else:
        formset = RuleFormSet(queryset=queryset)
        status = 200
    return render(
        request,
        "reminders/rules.html",
        {"unit": unit, "formset": formset, "kinds": RuleKind},
        status=status,
    )


@login_required
def preferences(request):
    preference = services.preferences_of(request.user)
    form = PreferenceForm(
        request.POST or None,
        instance=preference,
        initial={"email_kinds": sorted(services.email_kinds_of(request.user))},
    )
    if request.method == "POST" and form.is_valid():
        services.set_preferences(
            request.user, in_app=form.cleaned_data["in_app"], email=form.cleaned_data["email"]
        )
        services.set_email_kinds(request.user, form.cleaned_data["email_kinds"])
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        return redirect("reminders:preferences")
    return render(
        request,
        "reminders/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
