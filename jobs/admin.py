from django.contrib import admin

from jobs.models import Job, WorkerHeartbeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "progress", "attempts", "run_at", "created_by")
    list_filter = ("status", "kind")
    search_fields = ("kind", "unique_key")
    readonly_fields = [f.name for f in Job._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "seen_at")
    readonly_fields = ("worker_id", "seen_at")

    def has_add_permission(self, request):
        return False
