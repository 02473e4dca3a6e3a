from django.contrib import admin

from audit.admin import AuditedAdminMixin
from programs.models import Evidence, Program, Task, TaskUpdate


@admin.register(Program)
class ProgramAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "year", "number_symbol", "title"]
    list_filter = ["year", "unit"]
    search_fields = ["title", "number_symbol"]
    exclude = ["source_text"]


@admin.register(Task)
class TaskAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["short_text", "program", "kind", "period", "due_date", "status", "progress"]
    list_filter = ["kind", "status", "quarter", "program__year"]
    search_fields = ["text"]
    list_select_related = ["program", "program__unit"]
    raw_id_fields = ["program"]
    filter_horizontal = ["cooperators", "hamlets"]


@admin.register(TaskUpdate)
class TaskUpdateAdmin(admin.ModelAdmin):
    list_display = ["task", "status", "progress", "author", "created_at", "sample"]
    list_select_related = ["task", "author"]
    raw_id_fields = ["task"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["original_name", "task", "content_type", "size", "uploaded_at"]
    raw_id_fields = ["task", "update"]
    readonly_fields = ["sha256", "size", "content_type"]
