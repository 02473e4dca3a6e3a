from django.contrib import admin

from followup.models import CalendarOverride, FeedToken


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    """National data (no unit), so Django's admin log is its history, not the unit audit."""

    list_display = ["date", "kind", "reason", "document_number", "document_date"]
    list_filter = ["kind"]
    search_fields = ["reason", "document_number"]
    date_hierarchy = "date"


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "scope", "hint", "created_at", "revoked_at"]
    list_filter = ["scope"]
    readonly_fields = ["user", "scope", "hint", "created_at"]

    def has_add_permission(self, request):
        return False  # tokens are created by their owner, who alone sees the secret


# The urging letters' models live in ``followup.urging_models``; importing them here loads
# them with the app (admin modules are imported when Django starts).
from followup.urging_models import UrgingItem, UrgingLetter  # noqa: E402


class UrgingItemInline(admin.TabularInline):
    model = UrgingItem
    extra = 0
    can_delete = False
    readonly_fields = ["task", "person", "person_name", "task_text", "due_date", "position"]


@admin.register(UrgingLetter)
class UrgingLetterAdmin(admin.ModelAdmin):
    list_display = ["number_symbol", "status", "unit", "issued_on", "created_by", "sent_at"]
    list_filter = ["status", "unit"]
    search_fields = ["number_symbol", "summary"]
    # The steps of a letter (submit, discard, issue) are taken on its page, through
    # followup.urging, which numbers it and records them; here they are only shown.
    readonly_fields = [
        "unit",
        "program",
        "status",
        "document",
        "number_symbol",
        "issued_on",
        "created_by",
        "created_at",
        "issued_by",
        "sent_at",
    ]
    inlines = [UrgingItemInline]
