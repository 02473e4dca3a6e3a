from django.contrib import admin

from audit.admin import AuditedAdminMixin
from committee.models import AppointmentDecision, CommitteeMember


@admin.register(AppointmentDecision)
class AppointmentDecisionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["number", "signed_on", "unit", "summary"]
    list_filter = ["unit"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["full_name", "committee_role", "office_title", "unit", "start_date", "end_date"]
    list_filter = ["committee_role", "unit"]
    search_fields = ["full_name", "office_title"]
    filter_horizontal = ["hamlets"]
