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
