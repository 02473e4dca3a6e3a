"""The form that drafts an urging letter (summary, signer, recipients, tasks) and the one
that issues it (the date)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class IssueLetterForm(forms.Form):
    issued_on = forms.DateField(
        label=_("Ngày ban hành"),
        # ISO, as <input type="date"> requires: a dd/mm/yyyy value is dropped by the browser,
        # which then refuses to send the form for want of the required date.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class UrgingLetterForm(forms.Form):
    summary = forms.CharField(label=_("Trích yếu"), max_length=400)
    report_by = forms.DateField(
        label=_("Hạn báo cáo kết quả"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    signer_capacity = forms.CharField(label=_("Thẩm quyền ký"), max_length=80, required=False)
    signer_title = forms.CharField(label=_("Chức danh người ký"), max_length=120, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận (mỗi dòng một nơi)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    tasks = forms.TypedMultipleChoiceField(
        label=_("Nhiệm vụ đôn đốc"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, task_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = list(task_choices)

    def clean_tasks(self):
        tasks = self.cleaned_data["tasks"]
        if not tasks:
            raise forms.ValidationError(
                _("Chưa chọn nhiệm vụ quá hạn nào; không tạo công văn đôn đốc.")
            )
        return tasks

    @property
    def signer_titles(self) -> list[str]:
        data = self.cleaned_data
        return [data[f] for f in ("signer_capacity", "signer_title", "signer_position") if data[f]]

    @property
    def recipient_list(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["recipients"].splitlines() if line.strip()
        ]
