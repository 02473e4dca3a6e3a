"""Forms of the report pages: a new report (kind and period), its texts, issuing, review."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models import ReportKind
from reports.services import period_for

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=ReportKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quý (báo cáo quý)"),
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    start = forms.DateField(
        label=_("Từ ngày (tùy chọn)"), required=False, widget=DATE, input_formats=DATE_FORMATS
    )
    end = forms.DateField(
        label=_("Đến ngày (tùy chọn)"), required=False, widget=DATE, input_formats=DATE_FORMATS
    )
    title = forms.CharField(label=_("Trích yếu (để trống: tự đặt)"), required=False, max_length=400)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["period"] = period_for(
                data["kind"], data["year"], data.get("quarter"), data.get("start"), data.get("end")
            )
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return data


class ReportTextsForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=400)
    cutoff = forms.DateField(
        label=_("Số liệu tính đến ngày"),
        required=False,
        widget=DATE,
        input_formats=DATE_FORMATS,
        help_text=_("Để trống: ngày cuối kỳ hoặc hôm nay, ngày nào sớm hơn."),
        error_messages={"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")},
    )
    situation = forms.CharField(label=_("Tình hình chung"), required=False, widget=forms.Textarea)
    shortcomings = forms.CharField(
        label=_("Tồn tại, hạn chế và nguyên nhân"), required=False, widget=forms.Textarea
    )
    next_tasks = forms.CharField(
        label=_("Phương hướng, nhiệm vụ kỳ tới"), required=False, widget=forms.Textarea
    )
    signer_capacity = forms.CharField(label=_("Thẩm quyền ký"), required=False, max_length=80)
    signer_title = forms.CharField(label=_("Chức danh người ký"), required=False, max_length=120)
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=120)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, section_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = list(section_keys)
        for key in self.section_keys:
            self.fields[f"remark_{key}"] = forms.CharField(
                label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            **{k: data[k] for k in ("title", "situation", "shortcomings", "next_tasks")},
            **{k: data[k] for k in ("signer_capacity", "signer_title", "signer_name")},
            "recipients": data["recipients"].splitlines(),
            "cutoff": data["cutoff"],
            "remarks": {key: data.get(f"remark_{key}", "") for key in self.section_keys},
        }


class IssueForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        widget=DATE,
        input_formats=DATE_FORMATS,
        initial=timezone.localdate,
        error_messages={"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")},
    )

    def clean_issued_on(self):
        day = self.cleaned_data["issued_on"]
        if day > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("Ngày ban hành không được ở tương lai."))
        return day


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("receive", _("Đã nhận")), ("return", _("Trả lại")), ("accept", _("Chấp nhận"))]
    )
    comment = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
