"""Showing audit changes in words a clerk reads: field labels and plain values."""

from django import template
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


@register.filter
def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


@register.filter
def change_value(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
