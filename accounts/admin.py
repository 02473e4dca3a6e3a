from importlib import import_module

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import spraying
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "unit", "role", "is_active"]
    list_filter = ["role", "unit", "is_active"]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Đơn vị và vai trò"), {"fields": ("unit", "role")}))
    actions = ["release_login"]
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ("unit", "role")}),
    )

    @admin.action(description=_("Mở khóa đăng nhập (bị khóa do nhập sai mật khẩu nhiều lần)"))
    def release_login(self, request, queryset):
        for user in queryset:
            spraying.release(actor=request.user, user=user)
        self.message_user(
            request, _("Đã mở khóa đăng nhập cho %(n)s tài khoản.") % {"n": len(queryset)}
        )


# Second-factor devices are enrolled by their owner and reset on the audited page
# (/tai-khoan/xac-thuc/dat-lai/: audit log, e-mail to the user), never added, edited or
# deleted in the back office, where none of that would happen.
import_module("django_otp.plugins.otp_totp.admin")  # registers it first, whatever the app order
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
