"""Templates are edited in the admin (sections, criteria, rating levels); runs read only.

Templates belong to no unit (the audit log needs one), so their edits are configuration and
are not audited; every run is written through ``inspections.services`` and audited there."""

from django.contrib import admin

from inspections.models import (
    ChecklistSection,
    ChecklistTemplate,
    Criterion,
    Inspection,
    RatingLevel,
)


class RatingInline(admin.TabularInline):
    model = RatingLevel
    extra = 0


class SectionInline(admin.TabularInline):
    model = ChecklistSection
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "max_points", "active"]
    inlines = [SectionInline, RatingInline]


@admin.register(ChecklistSection)
class ChecklistSectionAdmin(admin.ModelAdmin):
    list_display = ["title", "template", "position"]
    list_filter = ["template"]
    inlines = [CriterionInline]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["unit", "template", "period_start", "period_end", "total", "rating", "status"]
    list_filter = ["template", "status"]
    list_select_related = ["unit", "template"]

    def has_change_permission(self, request, obj=None):
        return False
