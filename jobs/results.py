"""A finished job's result in words: the result is stored under the keys its code uses
(``done``, ``failures``, ``emails_sent``); the job's page shows each under a Vietnamese label
and a list item by item, never as a Python value (``done: [] failures: []``)."""

import re

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

RESULT_LABELS = {
    "done": _("Đã xử lý"),
    "failures": _("Không xử lý được"),
    "sent": _("Số thông báo đã gửi"),
    "reminders": _("Số lời nhắc"),
    "notifications": _("Số thông báo trong phần mềm"),
    "already_recorded": _("Đã nhắc trước đó"),
    "not_a_working_day": _("Không phải ngày làm việc"),
    "emails_sent": _("Số thư điện tử đã gửi"),
}
OTHER = _("Kết quả khác")
_CODE_KEY = re.compile(r"[a-z0-9_]+")


def result_rows(result) -> list[tuple[str, str, list]]:
    """(label, text, items) for each entry: a list's items, or the value as text (an empty
    list reads "không có"). A key already in Vietnamese ("tệp") is its own label."""
    if not isinstance(result, dict):
        return [(str(OTHER), str(result), [])]
    rows = []
    for key, value in result.items():
        label = RESULT_LABELS.get(key) or (OTHER if _CODE_KEY.fullmatch(key) else capfirst(key))
        if isinstance(value, list | tuple):
            rows.append((str(label), "" if value else str(_("không có")), [str(v) for v in value]))
        elif isinstance(value, bool):
            rows.append((str(label), str(_("Có") if value else _("Không")), []))
        else:
            rows.append((str(label), str(value), []))
    return rows
