"""The calendar feed pages: the user's feed addresses, and the feed itself (no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from followup import feeds
from followup.models import FeedScope, FeedToken

NEW_FEED_SESSION_KEY = "followup_new_feed"


@login_required
def feed_tokens(request):
    new_feed = request.session.pop(NEW_FEED_SESSION_KEY, None)
    tokens = request.user.feed_tokens.all()
    return render(
        request,
        "followup/feed_tokens.html",
        {
            "active": [t for t in tokens if t.is_active],
            "revoked": [t for t in tokens if not t.is_active][:10],
            "new_feed": new_feed,
            "scopes": FeedScope.choices,
            "can_subscribe": request.user.unit_id is not None,
        },
    )


@login_required
@require_POST
def feed_token_create(request):
    scope = request.POST.get("scope")
    if scope not in FeedScope.values or request.user.unit_id is None:
        messages.error(request, _("Không tạo được địa chỉ lịch: phạm vi không hợp lệ."))
        return redirect("followup:feed_tokens")
    token, secret = feeds.issue_token(request.user, scope)
    # Shown once, on the page the redirect leads to; only the hash is kept.
    request.session[NEW_FEED_SESSION_KEY] = {
        "url": feeds.feed_url(secret),
        "scope": token.get_scope_display(),
    }
    return redirect("followup:feed_tokens")


@login_required
@require_POST
def feed_token_revoke(request, pk: int):
    token = FeedToken.objects.filter(user=request.user, pk=pk).first()
    if token is None:
        raise Http404
    feeds.revoke_token(token, request.user)
    messages.success(
        request, _("Đã thu hồi địa chỉ lịch; ứng dụng lịch dùng nó sẽ ngừng cập nhật.")
    )
    return redirect("followup:feed_tokens")


@require_GET
def feed(request, token: str):
    found = feeds.active_token(token)
    if found is None:
        raise Http404
    response = HttpResponse(feeds.build_feed(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dvcq.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
