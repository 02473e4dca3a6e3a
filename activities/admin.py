from django.contrib import admin

from activities.models import Activity, ActivityFile, Anniversary
from audit.admin import AuditedAdminMixin


class ActivityFileInline(admin.TabularInline):
    model = ActivityFile
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["held_on", "title", "kind", "unit", "participants"]
    list_filter = ["kind", "unit"]
    search_fields = ["title", "place", "organiser"]
    raw_id_fields = ["tasks"]
    inlines = [ActivityFileInline]


@admin.register(Anniversary)
class AnniversaryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Unit anniversaries are edited here with an audit trail; the national ones come from a
    data migration and stay read only (the audit log needs a unit)."""

    list_display = ["name", "day", "month", "base_year", "counting", "unit"]
    list_filter = ["counting"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.unit_id is None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.unit_id is None:
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "unit" in form.base_fields:
            form.base_fields["unit"].required = True
        return form
