from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "unit", "role", "is_active"]
    list_filter = ["role", "unit", "is_active"]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Đơn vị và vai trò"), {"fields": ("unit", "role")}))
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ("unit", "role")}),
    )
