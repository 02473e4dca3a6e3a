"""Showing audit changes in words a clerk reads: field labels and plain values.

A change is stored under the model field's name (``due_date``); the page shows the field's
Vietnamese label (``Hạn hoàn thành``), from the list below or the model's verbose name, and
a value from a list of choices in its words."""

import re
from datetime import date

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

register = template.Library()

FIELD_LABELS = {
    "status": _("Trạng thái"),
    "progress": _("Tiến độ (%)"),
    "note": _("Ghi chú"),
    "evidence": _("Minh chứng"),
    "responsible": _("Người chủ trì"),
    "responsible_office": _("Bộ phận chủ trì"),
    "cooperators": _("Người phối hợp"),
    "hamlets": _("Thôn, xóm"),
    "period": _("Thời gian thực hiện"),
    "due_date": _("Hạn hoàn thành"),
    "end_date": _("Đến ngày"),
    "start_date": _("Từ ngày"),
    "committee_role": _("Chức danh trong Ban"),
    "office_title": _("Chức vụ"),
    "decision": _("Quyết định"),
    "full_name": _("Họ và tên"),
    "number_symbol": _("Số, ký hiệu"),
    "issued_on": _("Ngày ban hành"),
    "place": _("Địa danh"),
    "title": _("Trích yếu"),
    "signer_capacity": _("Thẩm quyền ký"),
    "signer_title": _("Chức danh người ký"),
    "signer_position": _("Chức vụ người ký"),
    "signer_name": _("Người ký"),
}


OTHER_FIELD = _("Thông tin khác")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register.filter
def field_label(name: str, event=None) -> str:
    """The label of a changed field; ``event`` (optional) names the model it belongs to."""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    field = _model_field(event, name)
    if field is not None:
        return capfirst(field.verbose_name)
    return str(OTHER_FIELD) if "_" in name or event is not None else name


@register.filter
def change_value(value, field=None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(change_value(v, field) for v in value)
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    choices = (
        dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
    )
    if value in choices:
        return str(choices[value])
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)


@register.filter
def changes_in_words(event) -> list[tuple[str, str, str]]:
    """An audit event's changes as (label, before, after), each in words."""
    rows = []
    for name, pair in (event.changes or {}).items():
        before, after = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        field = _model_field(event, name)
        rows.append(
            (field_label(name, event), change_value(before, field), change_value(after, field))
        )
    return rows


def _model_field(event, name: str):
    if event is None or not getattr(event, "target_type_id", None):
        return None
    model = ContentType.objects.get_for_id(event.target_type_id).model_class()
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if hasattr(field, "verbose_name") else None
