"""Project middleware: the interface language, and the second-factor gate.

Interface language: Vietnamese unless the user chose English on the page.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs run
an English browser; the clerk's choice (the language cookie) is the only thing that counts.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SecondFactorMiddleware:
    """After the password, administrators and petition handlers (and anyone with a device)
    must enter a TOTP code before any page; without a device they are sent to enrol one.

    The enrol page is exempt from this gate but guards itself: after the password alone it
    only opens while the user has no confirmed device (``accounts.second_factor.may_enrol``).
    """

    EXEMPT = {
        "accounts:otp_verify",
        "accounts:otp_enrol",
        "accounts:logout",
        "set_language",
        "healthz",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from accounts.second_factor import has_device, requires_second_factor

        user = request.user
        if user.is_authenticated and not user.is_verified() and requires_second_factor(user):
            try:
                name = resolve(request.path_info).view_name
            except Resolver404:
                name = ""
            if name not in self.EXEMPT:
                target = "accounts:otp_verify" if has_device(user) else "accounts:otp_enrol"
                response = redirect(target)
                response["Location"] += "?" + urlencode({"next": request.get_full_path()})
                return response
        return self.get_response(request)
