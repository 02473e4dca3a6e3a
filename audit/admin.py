"""The audit log in the admin (read only), and a mixin that makes admin edits audited."""

from django.contrib import admin
from django.forms.models import model_to_dict

from audit.models import AuditEvent
from audit.services import diff, record


class AuditedAdminMixin:
    """Record every add, change and delete made through the admin, as the services do."""

    def _unit_of(self, obj):
        return obj.unit

    def save_model(self, request, obj, form, change):
        before = model_to_dict(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else {}
        super().save_model(request, obj, form, change)
        after = model_to_dict(obj)
        after = {k: v for k, v in after.items() if k in form.changed_data or not change}
        before = {k: v for k, v in before.items() if k in after}
        record(
            actor=request.user,
            unit=self._unit_of(obj),
            target=obj,
            verb="change" if change else "create",
            summary=f"{'Sửa' if change else 'Thêm'} qua trang quản trị: {obj}",
            changes=diff(before, after),
        )

    def delete_model(self, request, obj):
        record(
            actor=request.user,
            unit=self._unit_of(obj),
            target=obj,
            verb="delete",
            summary=f"Xóa qua trang quản trị: {obj}",
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        """The changelist's "delete selected" action: one audit event per object, as when
        each is deleted on its own page (Django's default deletes them in one query)."""
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "unit", "actor", "verb", "summary"]
    list_filter = ["verb", "unit"]
    search_fields = ["summary"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
