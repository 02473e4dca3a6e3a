"""Bright spots in the admin: edits audited; the evaluation criteria are configuration."""

from django.contrib import admin

from audit.admin import AuditedAdminMixin
from brightspots.models import BrightSpot, EvaluationCriterion


@admin.register(BrightSpot)
class BrightSpotAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "unit", "field", "status", "registered_on", "decision_number"]
    list_filter = ["status", "field"]
    search_fields = ["name", "registrant_name"]
    list_select_related = ["unit"]
    raw_id_fields = ["task", "hamlet"]


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(admin.ModelAdmin):
    list_display = ["position", "text", "active"]
