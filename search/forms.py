"""The search form: the query and its filters, all optional but the query."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.access import visible_units
from citizens.models import Status as PetitionStatus
from programs.models import ProgramStatus, TaskStatus
from search.models import Kind

MEMBER_STATUSES = [("current", _("Đang trong Ban")), ("ended", _("Đã thôi"))]
STATUS_CHOICES = [
    ("", _("Mọi trạng thái")),
    (_("Nhiệm vụ"), [c for c in TaskStatus.choices if c[0] != TaskStatus.OVERDUE]),
    (_("Chương trình"), ProgramStatus.choices),
    (_("Đơn thư"), PetitionStatus.choices),
    (_("Thành viên Ban Chỉ đạo"), MEMBER_STATUSES),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False, strip=True)
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Mọi loại")), *Kind.choices]
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), required=False, queryset=None, empty_label=_("Mọi đơn vị")
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1945, max_value=2100)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).order_by("path")
        self.fields["q"].widget.attrs.update({"type": "search", "autofocus": True})

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data.get("kind") or "",
            "unit": data.get("unit"),
            "year": data.get("year"),
            "status": data.get("status") or "",
        }
