from django.contrib import admin

from units.models import Hamlet, Unit, UnitParentLink


class HamletInline(admin.TabularInline):
    model = Hamlet
    extra = 0


class ParentLinkInline(admin.TabularInline):
    model = UnitParentLink
    fk_name = "unit"
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    inlines = [ParentLinkInline, HamletInline]


@admin.register(Hamlet)
class HamletAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit"]
    list_filter = ["kind"]
    search_fields = ["name"]
