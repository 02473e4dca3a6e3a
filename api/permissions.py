"""Every API request needs a live token; writes need a read-write token.

What a user may see or change is decided by ``accounts.access`` in the views, exactly as on
the web pages.
"""

from django.utils.translation import gettext as _
from rest_framework import permissions

from api.models import ApiToken


class TokenScopePermission(permissions.BasePermission):
    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken) or not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        if getattr(view, request.method.lower(), None) is None:
            return True  # no such operation here: the answer is a 405, not a 403
        if not token.can_write:
            self.message = _("Khoá API này chỉ được đọc; cần khoá “Đọc và cập nhật” để ghi.")
            return False
        return True
