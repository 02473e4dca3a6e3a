from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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
    list_filter = ["kind", "origin", "status", "quarter", "program__year"]
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
    # The stored file has no URL (it lies outside the web root): a link to the checked
    # download instead of Django's file widget.
    exclude = ["file"]
    readonly_fields = ["download", "sha256", "size", "content_type"]

    def has_add_permission(self, request):
        return False  # evidence arrives through a task update, where its content is checked

    @admin.display(description=_("tệp"))
    def download(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("programs:evidence", args=[obj.pk]), obj.original_name
        )
