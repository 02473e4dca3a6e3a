"""Admin: the time-limit table and the petition fields (edited when the law changes), the
reception schedule. Petitions are not editable here: identities stay sealed."""

from django.contrib import admin

from audit.admin import AuditedAdminMixin
from citizens.models import PetitionField, ReceptionSlot, TimeLimitRule


@admin.register(TimeLimitRule)
class TimeLimitRuleAdmin(admin.ModelAdmin):
    """National rules, no unit: Django's admin log records the edits."""

    list_display = [
        "case_type",
        "step",
        "instance",
        "complexity",
        "remote",
        "days",
        "day_kind",
        "extensions_allowed",
        "effective_from",
        "effective_to",
        "legal_basis",
    ]
    list_filter = ["case_type", "step", "day_kind"]
    search_fields = ["legal_basis"]


@admin.register(PetitionField)
class PetitionFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]


@admin.register(ReceptionSlot)
class ReceptionSlotAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "kind", "weekday", "date", "receiver", "start_time", "end_time"]
    list_filter = ["kind"]
