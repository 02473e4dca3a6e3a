"""A task's time of execution chosen in words: a common period from a list ("Quý I",
"6 tháng đầu năm", "Hằng tháng") or a span of dates ("Từ ngày … đến ngày …").

The field builds the period code the rest of the code keeps (``Q1``, ``R:2023-03-01/…``,
see documents/importing/periods.py); users never see or type a code. A plain ``period``
value holding a code (as scripts and older clients post it) is still accepted.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from documents.importing.periods import is_valid_period, period_label

COMMON_PERIODS = [
    "Y",
    "H1",
    "H2",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    *(f"M{month}" for month in range(1, 13)),
    "every:1W",
    "every:1M",
    "every:3M",
    "every:6M",
]

INVALID = _("Thời gian thực hiện không hợp lệ.")


def period_choices(current: str = "") -> list[tuple[str, str]]:
    """The periods offered, in words; a task's own period first when it is not a common one."""
    choices = [("", _("— Chưa xác định —"))]
    if current and current not in COMMON_PERIODS and is_valid_period(current):
        choices.append((current, period_label(current)))
    return choices + [(code, period_label(code)) for code in COMMON_PERIODS]


class PeriodWidget(forms.MultiWidget):
    """A select of common periods and two optional dates, "from" and "to". The select is
    posted under the field's own name, so a plain ``period=<code>`` is read as before."""

    template_name = "programs/widgets/period.html"

    def __init__(self, attrs=None):
        date_input = {"type": "date"}
        widgets = {
            "": forms.Select(choices=period_choices()),
            "from": forms.DateInput(attrs=date_input, format="%Y-%m-%d"),
            "to": forms.DateInput(attrs=date_input, format="%Y-%m-%d"),
        }
        super().__init__(widgets, attrs)

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_  # the field's label names the select

    def decompress(self, value):
        return [value or "", None, None]


class PeriodField(forms.MultiValueField):
    """The period code chosen in words; ``""`` when none is chosen."""

    widget = PeriodWidget

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "Chọn một thời gian thường dùng, hoặc nhập từ ngày … đến ngày … "
                "(một ngày: chỉ nhập đến ngày)."
            ),
        )
        error = {"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")}
        fields = (
            forms.CharField(required=False),
            forms.DateField(
                required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"], error_messages=error
            ),
            forms.DateField(
                required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"], error_messages=error
            ),
        )
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def offer(self, current: str) -> None:
        """Offer ``current`` in the list too, so an uncommon period is kept as it is."""
        self.widget.widgets[0].choices = period_choices(current)

    def compress(self, data_list) -> str:
        if not data_list:
            return ""
        chosen, start, end = [*data_list, None, None, None][:3]
        if start or end:
            return _span_code(start, end)
        chosen = (chosen or "").strip()
        if chosen and not is_valid_period(chosen):
            raise ValidationError(INVALID)
        return chosen


def _span_code(start: date | None, end: date | None) -> str:
    if end is None:
        raise ValidationError(_("Nhập cả ngày kết thúc (đến ngày)."))
    if start is None or start == end:
        return f"D:{end.isoformat()}"
    if start > end:
        raise ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
    return f"R:{start.isoformat()}/{end.isoformat()}"
