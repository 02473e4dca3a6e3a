"""``Authorization: Bearer <key>`` authentication for the API."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api import services


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """Sets ``request.user`` to the token's owner and ``request.auth`` to the token.

    No header: not authenticated (the permission then answers 401). A header that is not a
    live token: 401, without saying whether the key was unknown or revoked.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower():
            raise exceptions.AuthenticationFailed(
                _("Tiêu đề Authorization phải có dạng “Bearer <khoá>”.")
            )
        token = services.active_token(parts[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("Khoá API không đúng hoặc đã bị thu hồi."))
        services.touch(token)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer"}
