from django.contrib import admin

from audit.admin import AuditedAdminMixin
from meetings.models import Conclusion, Invitation, Meeting


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["full_name", "office_title", "attendance", "absence_reason"]


class ConclusionInline(admin.TabularInline):
    model = Conclusion
    extra = 0
    fields = ["text", "responsible", "due_date", "task"]
    readonly_fields = ["task"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["starts_at", "kind", "unit", "place", "chair"]
    list_filter = ["kind", "unit"]
    search_fields = ["agenda", "place"]
    raw_id_fields = ["source_task", "chair"]
    inlines = [InvitationInline, ConclusionInline]
