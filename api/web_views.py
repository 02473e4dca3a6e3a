"""The user's page of API keys: create (the key is shown once) and revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import services
from api.models import ApiToken, TokenScope

NEW_KEY_SESSION_KEY = "api_new_key"


@login_required
def token_list(request):
    new_key = request.session.pop(NEW_KEY_SESSION_KEY, None)
    tokens = list(request.user.api_tokens.all()[:100])
    response = render(
        request,
        "api/tokens.html",
        {
            "active": [t for t in tokens if t.is_active],
            "revoked": [t for t in tokens if not t.is_active][:10],
            "new_key": new_key,
            "scopes": TokenScope.choices,
            "can_create": request.user.unit_id is not None,
            "name": request.GET.get("name", "")[:100],
        },
    )
    if new_key:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_create(request):
    try:
        token, key = services.issue_token(
            request.user, request.POST.get("name", ""), request.POST.get("scope", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("api_tokens:list")
    # Shown once, on the page the redirect leads to; only the hash is kept.
    request.session[NEW_KEY_SESSION_KEY] = {
        "key": key,
        "name": token.name,
        "scope": token.get_scope_display(),
    }
    return redirect("api_tokens:list")


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = ApiToken.objects.filter(user=request.user, pk=pk).first()
    if token is None:
        raise Http404
    services.revoke_token(token, request.user)
    messages.success(
        request,
        _("Đã thu hồi khoá “%(name)s”; hệ thống dùng khoá này sẽ bị từ chối.")
        % {"name": token.name},
    )
    return redirect("api_tokens:list")
