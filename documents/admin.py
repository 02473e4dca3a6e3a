from django.contrib import admin

from documents.models import Citation, CitedDocument


@admin.register(CitedDocument)
class CitedDocumentAdmin(admin.ModelAdmin):
    list_display = ["kind", "number", "symbol", "issued_on", "issuer"]
    list_filter = ["kind"]
    search_fields = ["number", "symbol", "issuer"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["program", "document", "position"]
    raw_id_fields = ["program", "document"]
