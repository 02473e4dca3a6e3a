from django.contrib import admin

from reminders.models import (
    EmailDigest,
    NoticePreference,
    Notification,
    NotificationPreference,
    ReminderDelivery,
    ReminderRule,
)


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ("unit", "kind", "days", "weekday", "active")
    list_filter = ("kind", "active")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "in_app", "email")


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "email")
    list_filter = ("kind",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "title", "created_at", "read_at")
    list_filter = ("kind",)
    list_select_related = ("user",)


@admin.register(EmailDigest)
class EmailDigestAdmin(admin.ModelAdmin):
    """What was mailed, to whom, and why a digest is still pending."""

    list_display = ("recipient", "day", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status",)
    list_select_related = ("recipient",)
    readonly_fields = [f.name for f in EmailDigest._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(admin.ModelAdmin):
    list_display = ("recipient", "rule", "task", "occurrence", "digest", "created_at")
    list_select_related = ("recipient", "rule", "task", "digest")
    readonly_fields = [f.name for f in ReminderDelivery._meta.fields]

    def has_add_permission(self, request):
        return False
