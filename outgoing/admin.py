from django.contrib import admin

from audit.admin import AuditedAdminMixin
from outgoing.models import IssuedDocument, Register, Series


@admin.register(Register)
class RegisterAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["unit", "issuer_code", "drafting_code", "numbering"]
    list_select_related = ["unit"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Numbers are given by ``outgoing.services`` only: the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Series)
class SeriesAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "doc_type", "last_number"]
    list_filter = ["year"]
    list_select_related = ["unit"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["number_symbol", "issued_on", "doc_type", "summary", "unit", "issued_by"]
    list_filter = ["year", "doc_type"]
    search_fields = ["number_symbol", "summary"]
    list_select_related = ["unit", "issued_by"]
